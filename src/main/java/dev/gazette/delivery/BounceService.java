package dev.gazette.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.subscriber.Suppressions;

/**
 * Bounces and complaints that arrive after the relay accepted a message: the delivery they name
 * (by Message-ID, else the latest delivery to the address) records them, and the subscriber is
 * suppressed for hard bounces, complaints and repeated soft bounces.
 */
@ApplicationScoped
class BounceService {

    private static final Logger LOG = Logger.getLogger(BounceService.class);

    record Applied(int received, int matched, int suppressed) {
    }

    private final Optional<String> secret;
    private final EntityManager entityManager;
    private final Suppressions suppressions;
    private final SoftBounces softBounces;
    private final DeliveryConfig config;

    BounceService(EntityManager entityManager, Suppressions suppressions, SoftBounces softBounces,
            DeliveryConfig config) {
        this.secret = config.bounceSecret().filter(s -> !s.isBlank());
        this.entityManager = entityManager;
        this.suppressions = suppressions;
        this.softBounces = softBounces;
        this.config = config;
    }

    void authorize(String presented) {
        if (secret.isEmpty()) {
            throw new DomainException(Kind.NOT_FOUND, "bounces_off",
                    "Bounce reports are off: set GAZETTE_DELIVERY_BOUNCE_SECRET to accept them");
        }
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                secret.get().getBytes(StandardCharsets.UTF_8))) {
            throw new DomainException(Kind.UNAUTHENTICATED, "invalid_bounce_secret", "Wrong or missing X-Bounce-Secret");
        }
    }

    Applied applyRaw(byte[] message) {
        List<BounceReport> reports = BounceReport.parse(message);
        if (reports.isEmpty()) {
            throw new DomainException(Kind.UNPROCESSABLE, "not_a_report",
                    "The body holds no delivery-status (RFC 3464) or feedback (RFC 5965) report");
        }
        return apply(reports);
    }

    Applied apply(List<BounceReport> reports) {
        int matched = 0;
        int suppressed = 0;
        for (BounceReport report : reports) {
            Optional<long[]> delivery = find(report);
            if (delivery.isEmpty()) {
                LOG.infof("A %s report matched no delivery (Message-ID %s)", report.type(), report.messageId());
                continue;
            }
            matched++;
            if (applyOne(report, delivery.get()[0], delivery.get()[1]).suppressed()) {
                suppressed++;
            }
        }
        return new Applied(reports.size(), matched, suppressed);
    }

    /**
     * A message that came back to a delivery's own address (VERP): the address names the delivery,
     * so no guessing by Message-ID or recipient; a report that names another message is ignored,
     * and so are auto-replies and mail that is no report at all.
     */
    Effect applyToDelivery(long deliveryId, byte[] message) {
        Optional<Object[]> row = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT subscriber_id, message_id FROM delivery WHERE id = ?1 AND subscriber_id IS NOT NULL")
                .setParameter(1, deliveryId).getResultList().stream().map(r -> (Object[]) r).findFirst());
        if (row.isEmpty()) {
            return Effect.NONE;
        }
        long subscriberId = ((Number) row.get()[0]).longValue();
        String messageId = (String) row.get()[1];
        Effect effect = Effect.NONE;
        for (BounceReport report : BounceReport.read(message).actionable()) {
            if (report.messageId() != null && !report.messageId().trim().equals(messageId)) {
                LOG.warnf("A report to delivery %d names another message: ignored", deliveryId);
                return Effect.NONE;
            }
            effect = applyOne(report, deliveryId, subscriberId);
        }
        return effect;
    }

    /** What a report did to its delivery: the bounce recorded (null for none), and whether the subscriber got suppressed. */
    record Effect(String bounce, boolean suppressed) {
        static final Effect NONE = new Effect(null, false);
    }

    /** Records the report on its delivery. */
    private Effect applyOne(BounceReport report, long deliveryId, long subscriberId) {
        String bounce;
        boolean suppress;
        if (report.type() == BounceReport.Type.complaint) {
            bounce = "complaint";
            suppress = true;
        } else if (report.type() == BounceReport.Type.delay) {
            return Effect.NONE;
        } else {
            String status = report.status() == null ? "5.0.0" : report.status();
            int code = status.startsWith("4") ? 450 : 550;
            SmtpOutcome outcome = SmtpOutcome.classify(code,
                    status + " " + (report.diagnostic() == null ? "" : report.diagnostic()));
            switch (outcome.kind()) {
                case HARD_BOUNCE, PERMANENT -> {
                    bounce = "hard";
                    suppress = outcome.kind() == SmtpOutcome.Kind.HARD_BOUNCE;
                }
                case SOFT_BOUNCE, TRANSIENT -> {
                    bounce = "soft";
                    suppress = softBounces.recordAndCount(subscriberId) >= config.retry().softBounceLimit();
                }
                default -> {
                    bounce = null; // a policy refusal says more about us than about the address
                    suppress = false;
                }
            }
        }
        String reply = report.diagnostic() == null ? report.type().name() : report.diagnostic();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE delivery SET bounce = COALESCE(?2, bounce), last_status = COALESCE(?3, last_status), "
                        + "last_reply = ?4 WHERE id = ?1")
                .setParameter(1, deliveryId).setParameter(2, bounce).setParameter(3, report.status())
                .setParameter(4, reply.length() > 500 ? reply.substring(0, 500) : reply).executeUpdate());
        if (suppress) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (report.type() == BounceReport.Type.complaint) {
                    suppressions.recordComplaint(subscriberId);
                } else {
                    suppressions.recordHardBounce(subscriberId);
                }
            });
        }
        return new Effect(bounce, suppress);
    }

    /** [delivery id, subscriber id] of the delivery a report is about. */
    private Optional<long[]> find(BounceReport report) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = List.of();
            if (report.messageId() != null) {
                rows = entityManager.createNativeQuery(
                        "SELECT id, subscriber_id FROM delivery WHERE message_id = ?1 AND subscriber_id IS NOT NULL")
                        .setParameter(1, report.messageId().trim()).getResultList();
            }
            if (rows.isEmpty() && report.recipient() != null) {
                rows = entityManager.createNativeQuery("""
                        SELECT d.id, d.subscriber_id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id
                         WHERE s.email = ?1 AND d.status = 'sent' ORDER BY d.sent_at DESC LIMIT 1""")
                        .setParameter(1, report.recipient()).getResultList();
            }
            if (rows.isEmpty()) {
                return Optional.<long[]>empty();
            }
            Object[] row = (Object[]) rows.get(0);
            return Optional.of(new long[]{((Number) row[0]).longValue(), ((Number) row[1]).longValue()});
        });
    }
}
