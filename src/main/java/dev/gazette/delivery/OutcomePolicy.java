package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.subscriber.Suppressions;

/**
 * What each outcome does to its row, its subscriber and its send (RFC 5321 4.5.4.1, RFC 3463):
 * 250 marks it sent; 4xx and timeouts retry with growing, jittered waits until the configured age;
 * 5.1.x fails it and suppresses the address; repeated soft bounces (mailbox full) suppress too;
 * 5.7.x, and a refusal of the sender at MAIL FROM, pause the whole send and blame no one; a relay
 * that cannot be reached charges nothing.
 */
@ApplicationScoped
class OutcomePolicy {

    private static final Logger LOG = Logger.getLogger(OutcomePolicy.class);

    private final DeliveryStore store;
    private final SendLifecycle sends;
    private final Suppressions suppressions;
    private final SoftBounces softBounces;
    private final DeliveryConfig config;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    OutcomePolicy(DeliveryStore store, SendLifecycle sends, Suppressions suppressions, SoftBounces softBounces,
            DeliveryConfig config, DeliveryMetrics metrics, Clock clock) {
        this.store = store;
        this.sends = sends;
        this.suppressions = suppressions;
        this.softBounces = softBounces;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    void apply(String owner, List<Outcome> outcomes, Map<Long, DeliveryWorker.SendContext> contexts) {
        Instant now = clock.instant();
        List<DeliveryStore.Change> changes = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            Claimed row = o.delivery();
            SmtpOutcome result = o.result();
            String pending = row.retrying() ? "retrying" : "queued";
            if (result == null) {
                changes.add(
                        new DeliveryStore.Change(row.id(), row.sendId(), "skipped", null, false, null, null, row.retrying()));
                continue;
            }
            switch (result.kind()) {
                case SENT -> changes.add(change(row, "sent", null, result, null));
                case UNREACHABLE -> changes.add(new DeliveryStore.Change(row.id(), row.sendId(), pending,
                        now.plus(config.circuit().openFor()), true, result, null, row.retrying()));
                case TRANSIENT -> changes.add(tooOld(row, contexts, now)
                        ? change(row, "failed", null, result, null)
                        : change(row, "retrying", store.retryAt(row.attempts()), result, null));
                case SOFT_BOUNCE -> {
                    boolean enough = row.subscriberId() != null
                            && softBounces.recordAndCount(row.subscriberId()) >= config.retry().softBounceLimit();
                    if (enough || tooOld(row, contexts, now)) {
                        suppress(row, result);
                        changes.add(change(row, "failed", null, result, "soft"));
                    } else {
                        changes.add(change(row, "retrying", store.retryAt(row.attempts()), result, "soft"));
                    }
                }
                case HARD_BOUNCE -> {
                    suppress(row, result);
                    changes.add(change(row, "failed", null, result, "hard"));
                }
                case POLICY -> {
                    sends.pause(row.sendId(), "the relay refused on policy grounds (" + result.reply()
                            + "): check the relay's authentication, SPF/DKIM and sending limits, then resume");
                    changes.add(
                            new DeliveryStore.Change(row.id(), row.sendId(), pending, now, true, result, null, row.retrying()));
                }
                case SENDER_REFUSED -> {
                    sends.pause(row.sendId(), "the relay refused the sender (" + result.reply()
                            + "): check the publication's sender address and what the relay lets it send, then resume");
                    changes.add(
                            new DeliveryStore.Change(row.id(), row.sendId(), pending, now, true, result, null, row.retrying()));
                }
                case PERMANENT -> changes.add(change(row, "failed", null, result, null));
                case UNRENDERABLE -> {
                    sends.pause(row.sendId(), result.reply()); // done already by the sender thread, unless it failed there
                    changes.add(change(row, "failed", null, result, null));
                }
            }
            metrics.outcome(result.kind());
        }
        store.record(owner, changes);
        logFailures(outcomes);
    }

    /**
     * One line per batch and kind of failure, with an example's reply code: enough to see what a
     * relay says. The reply's text, which often quotes the recipient's address, is logged only at
     * DEBUG: addresses never reach the INFO log.
     */
    private static void logFailures(List<Outcome> outcomes) {
        Map<SmtpOutcome.Kind, List<Outcome>> failures = new java.util.EnumMap<>(SmtpOutcome.Kind.class);
        for (Outcome o : outcomes) {
            if (o.result() != null && o.result().kind() != SmtpOutcome.Kind.SENT) {
                failures.computeIfAbsent(o.result().kind(), k -> new ArrayList<>()).add(o);
            }
        }
        failures.forEach((kind, results) -> {
            Outcome example = results.get(0);
            LOG.infof("%d deliveries: %s, e.g. delivery %d: %d %s", results.size(),
                    kind.name().toLowerCase(java.util.Locale.ROOT),
                    example.delivery().id(), example.result().code(),
                    example.result().enhanced() == null ? "" : example.result().enhanced());
            LOG.debugf("Delivery %d: %s", example.delivery().id(), example.result().reply());
        });
    }

    private boolean tooOld(Claimed row, Map<Long, DeliveryWorker.SendContext> contexts, Instant now) {
        DeliveryWorker.SendContext context = contexts.get(row.sendId());
        DeliveryStore.SendRow send = context != null ? context.send() : store.send(row.sendId());
        Instant queued = send.continuous() ? store.queuedAt(row.id()) : null;
        Instant started = queued != null ? queued : send.startedAt();
        return started.plus(config.retry().maxAge()).isBefore(now);
    }

    private void suppress(Claimed row, SmtpOutcome result) {
        if (row.subscriberId() == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> suppressions.recordHardBounce(row.subscriberId()));
            LOG.infof("Suppressed subscriber %d after a %d %s reply (delivery %d)", row.subscriberId(), result.code(),
                    result.enhanced() == null ? "" : result.enhanced(), row.id());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not suppress subscriber %d", row.subscriberId());
        }
    }

    private static DeliveryStore.Change change(Claimed row, String status, Instant next, SmtpOutcome result, String bounce) {
        return new DeliveryStore.Change(row.id(), row.sendId(), status, next, false, result, bounce, row.retrying());
    }
}
