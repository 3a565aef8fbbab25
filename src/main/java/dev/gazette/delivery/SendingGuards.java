package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.account.AccountContacts;
import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SqlTimes;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A bulk sender's guards: a publication whose hard-bounce or complaint rate over the recent window
 * passes its limit (mailbox providers throttle and block above them) has its sends paused, and
 * its writer is mailed. The writer cannot resume them; an admin overrides the guard, which resumes
 * them and leaves the publication alone for {@code gazette.guards.override-for}.
 */
@ApplicationScoped
class SendingGuards {

    private static final Logger LOG = Logger.getLogger(SendingGuards.class);
    /** Every guard's pause reason starts so; resuming after an override looks for it. */
    static final String REASON = "the sending guard stopped it: ";

    /** A publication whose guard tripped, as the admin console shows it. */
    record Tripped(long publicationId, String slug, String name, Instant trippedAt, String reason) {
    }

    private final EntityManager entityManager;
    private final SendLifecycle sends;
    private final GuardConfig config;
    private final Publications publications;
    private final AccountContacts accounts;
    private final TransactionalMail mails;
    private final GazetteConfig gazette;
    private final Audit audit;
    private final Clock clock;

    SendingGuards(EntityManager entityManager, SendLifecycle sends, GuardConfig config, Publications publications,
            AccountContacts accounts, TransactionalMail mails, GazetteConfig gazette, Audit audit, Clock clock) {
        this.entityManager = entityManager;
        this.sends = sends;
        this.config = config;
        this.publications = publications;
        this.accounts = accounts;
        this.mails = mails;
        this.gazette = gazette;
        this.audit = audit;
        this.clock = clock;
    }

    /** Judges the rates of every publication with a send under way, from the stats rollups. */
    @Scheduled(every = "${gazette.guards.check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void check() {
        if (!config.enabled()) {
            return;
        }
        Instant now = clock.instant();
        // per publication with a send under way and no override in force: messages, hard bounces, complaints in the window
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT s.publication_id, sum(x.sent), sum(x.sent + x.failed), sum(x.bounced_hard), sum(x.complaints)
                  FROM send s JOIN stats_issue x ON x.issue_id = s.issue_id
                 WHERE s.started_at >= ?1
                   AND s.publication_id IN (SELECT publication_id FROM send WHERE status = 'sending')
                   AND NOT EXISTS (SELECT 1 FROM sending_guard g WHERE g.publication_id = s.publication_id
                                     AND g.overridden_until > ?2)
                 GROUP BY s.publication_id""").setParameter(1, now.minus(config.window())).setParameter(2, now)
                .getResultList());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            verdict(((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue()).ifPresent(reason -> trip(((Number) r[0]).longValue(), reason));
        }
    }

    /** Why the rates are over a limit; empty when they are within, or the sample too small to judge. */
    Optional<String> verdict(long sent, long attempted, long hardBounces, long complaints) {
        if (attempted < config.minSample() || attempted == 0) {
            return Optional.empty();
        }
        double hard = (double) hardBounces / attempted;
        if (hard > config.hardBounceRate()) {
            return Optional.of(String.format(Locale.ROOT, "hard bounces %.2f%% of %d messages (limit %.2f%%)", hard * 100,
                    attempted, config.hardBounceRate() * 100));
        }
        double complained = sent == 0 ? 0 : (double) complaints / sent;
        if (complained > config.complaintRate()) {
            return Optional.of(String.format(Locale.ROOT, "complaints %.2f%% of %d messages (limit %.2f%%)",
                    complained * 100, sent, config.complaintRate() * 100));
        }
        return Optional.empty();
    }

    /** Pauses the publication's sends under way; the first time, records the guard and mails the writer. */
    private void trip(long publicationId, String why) {
        String reason = REASON + why;
        boolean fresh = QuarkusTransaction.requiringNew().call(() -> {
            // the guard's row: new, or tripped again after an override ran out
            int changed = entityManager.createNativeQuery("""
                    INSERT INTO sending_guard (publication_id, tripped_at, reason) VALUES (?1, ?2, ?3)
                    ON CONFLICT (publication_id) DO UPDATE SET tripped_at = EXCLUDED.tripped_at, reason = EXCLUDED.reason
                     WHERE sending_guard.tripped_at IS NULL""")
                    .setParameter(1, publicationId).setParameter(2, clock.instant()).setParameter(3, reason)
                    .executeUpdate();
            if (changed > 0) {
                mailWriter(publicationId, why);
            }
            return changed > 0;
        });
        // the publication's sends under way, its sequences' steps too
        List<?> sendIds = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT id FROM send WHERE publication_id = ?1 AND status = 'sending'")
                .setParameter(1, publicationId).getResultList());
        sendIds.forEach(id -> sends.pause(((Number) id).longValue(), reason));
        if (fresh) {
            LOG.warnf("Publication %d: %s; its sends are paused until an admin overrides the guard", publicationId, why);
        }
    }

    /** The refusal of a writer's resume while the guard holds the publication (409 {@code sending_guard}). */
    static DomainException holding() {
        return new DomainException(DomainException.Kind.CONFLICT, "sending_guard",
                "The publication's bounce or complaint rate is over the limit: an admin must let it send again");
    }

    /** Whether the guard holds this publication's sends (the writer may not resume them). */
    boolean holds(long publicationId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager.createNativeQuery(
                "SELECT 1 FROM sending_guard WHERE publication_id = ?1 AND tripped_at IS NOT NULL")
                .setParameter(1, publicationId).getResultList().isEmpty());
    }

    /** The publications whose guard holds them, for the admin console. */
    List<Tripped> tripped() {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT p.id, p.slug, p.name, g.tripped_at, g.reason FROM sending_guard g
                  JOIN publication p ON p.id = g.publication_id
                 WHERE g.tripped_at IS NOT NULL ORDER BY g.tripped_at""").getResultList());
        return rows.stream().map(row -> (Object[]) row).map(r -> new Tripped(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], SqlTimes.instant(r[3]), (String) r[4])).toList();
    }

    /**
     * An admin lets the publication send again: the guard is lifted for {@code override-for}, and
     * the sends it paused resume. Audited. Returns how many sends resumed.
     */
    int override(Caller admin, String slug) {
        if (!admin.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "Only an admin overrides a sending guard");
        }
        PublicationRef publication = QuarkusTransaction.requiringNew().call(() -> publications.requireManaged(admin, slug));
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            // lifted now, and left alone until the override runs out
            entityManager.createNativeQuery("""
                    INSERT INTO sending_guard (publication_id, overridden_at, overridden_by, overridden_until)
                    VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (publication_id) DO UPDATE SET tripped_at = NULL, reason = NULL,
                        overridden_at = EXCLUDED.overridden_at, overridden_by = EXCLUDED.overridden_by,
                        overridden_until = EXCLUDED.overridden_until""")
                    .setParameter(1, publication.id()).setParameter(2, now).setParameter(3, admin.accountId())
                    .setParameter(4, now.plus(config.overrideFor())).executeUpdate();
            audit.record(admin, AuditAction.guard_overridden, publication.id(), publication.slug(), "sending guard",
                    "until " + now.plus(config.overrideFor()));
        });
        // the sends the guard paused, each resumed as the writer would
        List<?> issueIds = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT issue_id FROM send WHERE publication_id = ?1 AND status = 'paused' AND pause_reason LIKE ?2")
                .setParameter(1, publication.id()).setParameter(2, REASON + "%").getResultList());
        int resumed = 0;
        for (Object issueId : issueIds) {
            if (sends.resumeIssue(((Number) issueId).longValue(), () -> {
            })) {
                resumed++;
            }
        }
        return resumed;
    }

    private void mailWriter(long publicationId, String why) {
        publications.findById(publicationId).ifPresent(publication -> accounts.find(publication.ownerId())
                .ifPresent(writer -> {
                    boolean ko = "ko".equals(publication.locale());
                    String subject = "[" + publication.name() + "] "
                            + (ko ? "반송·스팸 신고가 많아 발송을 멈췄어요" : "Sending is paused: too many bounces or complaints");
                    String text = (ko
                            ? "최근 발송의 반송 또는 스팸 신고 비율이 한도를 넘어 이 뉴스레터의 발송을 멈췄어요: "
                            : "The recent bounce or complaint rate of this publication passed the limit, so its sends are "
                                    + "paused: ")
                            + why + "\n\n"
                            + (ko
                                    ? "주소 목록을 정리한 뒤 관리자에게 발송 재개를 요청하세요. 발송 현황: "
                                    : "Clean the list (addresses that bounce, people who did not ask for it), then ask an "
                                            + "admin to let it send again. Your sends: ")
                            + gazette.baseUrl().toString().replaceAll("/$", "") + "/studio/publications/"
                            + publication.slug() + "/issues\n";
                    mails.record(Mail.withText(writer.email(), subject.replaceAll("[\\r\\n]+", " "), text),
                            TransactionalMail.Origin.of(MailKind.writer_notice, "guard:" + publicationId)
                                    .publication(publicationId));
                }));
    }
}
