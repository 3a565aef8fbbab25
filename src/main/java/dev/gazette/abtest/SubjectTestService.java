package dev.gazette.abtest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.abtest.SubjectTestRequests.SaveTest;
import dev.gazette.abtest.SubjectTestRequests.VariantWords;
import dev.gazette.abtest.SubjectTestViews.Figures;
import dev.gazette.abtest.SubjectTestViews.VariantView;
import dev.gazette.abtest.SubjectTestViews.View;
import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.issue.IssueStates;
import dev.gazette.issue.IssueStatus;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * An issue's subject test, for its writer: set while the issue is a draft or scheduled (the issue's
 * row locked meanwhile, so the send cannot start half-way through a change), read with its numbers
 * at any time, and decided by hand while it runs.
 */
@ApplicationScoped
class SubjectTestService {

    private final Publications publications;
    private final IssueStates issues;
    private final EntityManager entityManager;
    private final VariantFigures figures;
    private final Winners winners;
    private final Audit audit;
    private final Clock clock;

    SubjectTestService(Publications publications, IssueStates issues, EntityManager entityManager, VariantFigures figures,
            Winners winners, Audit audit, Clock clock) {
        this.publications = publications;
        this.issues = issues;
        this.entityManager = entityManager;
        this.figures = figures;
        this.winners = winners;
        this.audit = audit;
        this.clock = clock;
    }

    /** The issue's test with its numbers, or 404 {@code subject_test_not_found}. */
    @Transactional
    View get(Caller caller, String slug, long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        issues.statusOf(publication.id(), issueId).orElseThrow(SubjectTestErrors::issueNotFound);
        return view(issueId).orElseThrow(SubjectTestErrors::testNotFound);
    }

    /** The issue's test with its numbers, if it has one; 404 for no such issue. */
    @Transactional
    java.util.Optional<View> find(Caller caller, String slug, long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        issues.statusOf(publication.id(), issueId).orElseThrow(SubjectTestErrors::issueNotFound);
        return view(issueId);
    }

    /** Sets (or replaces) the issue's test; 409 {@code subject_test_locked} once its send has started. */
    @Transactional
    View save(Caller caller, String slug, long issueId, SaveTest request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        editable(publication, issueId);
        if (!publication.tracking()) {
            throw SubjectTestErrors.needsTracking();
        }
        Set<String> subjects = new HashSet<>();
        for (VariantWords words : request.variants()) {
            if (!subjects.add(words.subject().strip().toLowerCase(Locale.ROOT))) {
                throw SubjectTestErrors.subjectsNotDistinct();
            }
        }
        Instant now = clock.instant();
        // the settings, and the variants written again from scratch
        entityManager.createNativeQuery("""
                INSERT INTO subject_test (issue_id, sample_percent, wait_minutes, metric, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                ON CONFLICT (issue_id) DO UPDATE SET sample_percent = EXCLUDED.sample_percent,
                    wait_minutes = EXCLUDED.wait_minutes, metric = EXCLUDED.metric, updated_at = EXCLUDED.updated_at""")
                .setParameter(1, issueId).setParameter(2, request.samplePercent()).setParameter(3, request.waitMinutes())
                .setParameter(4, request.metric()).setParameter(5, now).executeUpdate();
        entityManager.createNativeQuery("DELETE FROM subject_variant WHERE issue_id = ?1").setParameter(1, issueId)
                .executeUpdate();
        for (int i = 0; i < request.variants().size(); i++) {
            VariantWords words = request.variants().get(i);
            String preheader = words.preheader() == null || words.preheader().isBlank() ? null : words.preheader().strip();
            entityManager.createNativeQuery("INSERT INTO subject_variant (issue_id, variant, subject, preheader) "
                    + "VALUES (?1, ?2, ?3, ?4)").setParameter(1, issueId).setParameter(2, i + 1)
                    .setParameter(3, words.subject().strip()).setParameter(4, preheader).executeUpdate();
        }
        return view(issueId).orElseThrow();
    }

    /** Removes the issue's test: the send goes to everyone with the issue's own subject. */
    @Transactional
    void remove(Caller caller, String slug, long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        editable(publication, issueId);
        int removed = entityManager.createNativeQuery("DELETE FROM subject_test WHERE issue_id = ?1")
                .setParameter(1, issueId).executeUpdate();
        if (removed == 0) {
            throw SubjectTestErrors.testNotFound();
        }
    }

    /** The writer picks the winner before the test time is over; the held recipients get it at once. */
    @Transactional
    View pick(Caller caller, String slug, long issueId, int variant) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        issues.statusOf(publication.id(), issueId).orElseThrow(SubjectTestErrors::issueNotFound);
        Winners.Started test = winners.started(issueId);
        if (test == null) {
            view(issueId).orElseThrow(SubjectTestErrors::testNotFound);
            throw SubjectTestErrors.notStarted();
        }
        if (test.winner() != null) {
            throw SubjectTestErrors.decided();
        }
        if ("cancelled".equals(test.sendStatus())) {
            throw SubjectTestErrors.stopped();
        }
        if (variant > test.variants()) {
            throw SubjectTestErrors.noSuchVariant();
        }
        winners.decide(issueId, test.sendId(), variant, "hand");
        audit.record(caller, AuditAction.subject_test_winner_picked, publication.id(), publication.slug(),
                "issue " + issueId, "variant " + variant);
        return view(issueId).orElseThrow();
    }

    /** 404 for no such issue (a sequence step's message included), 409 once its send has started. */
    private void editable(PublicationRef publication, long issueId) {
        IssueStatus status = issues.lockedStatusOf(publication.id(), issueId).orElseThrow(SubjectTestErrors::issueNotFound);
        if (status != IssueStatus.draft && status != IssueStatus.scheduled) {
            throw SubjectTestErrors.locked();
        }
    }

    // The test, its send's status (null before it starts) and its variants.
    private static final String TEST = """
            SELECT t.sample_percent, t.wait_minutes, t.metric, t.send_id, t.per_variant, t.decide_at, t.winner,
                   t.decided_by, t.decided_at, s.status
              FROM subject_test t LEFT JOIN send s ON s.id = t.send_id WHERE t.issue_id = ?1""";

    java.util.Optional<View> view(long issueId) {
        List<?> rows = entityManager.createNativeQuery(TEST).setParameter(1, issueId).getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] t = (Object[]) rows.get(0);
        Long sendId = t[3] == null ? null : ((Number) t[3]).longValue();
        Integer winner = t[6] == null ? null : ((Number) t[6]).intValue();
        VariantFigures.Split split = sendId == null ? null : figures.of(sendId);
        List<VariantView> variants = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery("SELECT variant, subject, preheader FROM subject_variant "
                + "WHERE issue_id = ?1 ORDER BY variant").setParameter(1, issueId).getResultList()) {
            Object[] v = (Object[]) o;
            int number = ((Number) v[0]).intValue();
            Figures sample = split == null ? Figures.NONE : split.sample().getOrDefault(number, Figures.NONE);
            variants.add(new VariantView(number, (String) v[1], (String) v[2], winner != null && winner == number, sample));
        }
        String state = sendId == null
                ? "ready"
                : winner != null ? "decided" : "cancelled".equals(t[9]) ? "stopped" : "testing";
        return java.util.Optional.of(new View(issueId, state, ((Number) t[0]).intValue(), ((Number) t[1]).intValue(),
                (String) t[2], t[4] == null ? null : ((Number) t[4]).longValue(), instant(t[5]), winner, (String) t[7],
                instant(t[8]), variants, split == null ? Figures.NONE : split.remainder(),
                split == null ? 0 : split.held()));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Instant i
                ? i
                : value instanceof Timestamp ts
                        ? ts.toInstant()
                        : ((java.time.OffsetDateTime) value).toInstant();
    }
}
