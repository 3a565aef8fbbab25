package dev.gazette.engagement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;

/**
 * The platform's footer pages (terms, privacy policy, recurring-payment terms), linked from every
 * public page. Versioned: each edit by an admin adds a version; the newest is shown.
 */
@ApplicationScoped
class LegalPages {

    static final List<String> KINDS = List.of("terms", "privacy", "recurring-payments");

    record Version(String kind, int version, String title, String bodyMarkdown, String bodyHtml, Instant createdAt) {
    }

    private final EntityManager entityManager;
    private final Clock clock;
    private final Audit audit;

    LegalPages(EntityManager entityManager, Clock clock, Audit audit) {
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The newest version, or a stand-in until an admin writes one. */
    @Transactional
    Version current(String kind) {
        requireKind(kind);
        return versions(kind).stream().findFirst().orElseGet(() -> new Version(kind, 0, defaultTitle(kind),
                "", "<p>This page has not been written yet.</p>", null));
    }

    /** Every version, newest first, for an admin only (the page's history is not for writers). */
    @Transactional
    List<Version> versions(Caller caller, String kind) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                    "Only an admin reads the footer pages' versions");
        }
        return versions(kind);
    }

    /** Every version, newest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<Version> versions(String kind) {
        requireKind(kind);
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT version, title, body_markdown, created_at FROM legal_page WHERE kind = ?1 ORDER BY version DESC")
                .setParameter(1, kind).getResultList();
        return rows.stream().map(r -> new Version(kind, ((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                StrangerMarkdown.page((String) r[2]), SqlValues.instant(r[3]))).toList();
    }

    /** An admin's edit: a new version. */
    @Transactional
    Version publish(Caller caller, String kind, String title, String bodyMarkdown) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "Only an admin edits the footer pages");
        }
        requireKind(kind);
        if (title == null || title.isBlank()) {
            throw DomainException.invalidField("title", "required", "must not be empty");
        }
        if (title.length() > 200) {
            throw DomainException.invalidField("title", "invalid_length", "must have 1 to 200 characters");
        }
        if (bodyMarkdown == null || bodyMarkdown.isBlank()) {
            throw DomainException.invalidField("bodyMarkdown", "required", "must not be empty");
        }
        // the next version number; the unique (kind, version) refuses a concurrent duplicate
        entityManager.createNativeQuery("""
                INSERT INTO legal_page (kind, version, title, body_markdown, created_by, created_at)
                SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3, ?4, ?5 FROM legal_page WHERE kind = ?1""")
                .setParameter(1, kind).setParameter(2, title.strip()).setParameter(3, bodyMarkdown)
                .setParameter(4, caller.accountId()).setParameter(5, Timestamp.from(clock.instant())).executeUpdate();
        Version published = versions(kind).get(0);
        audit.record(caller, AuditAction.footer_page_published, "footer page " + kind, "version " + published.version());
        return published;
    }

    private static void requireKind(String kind) {
        if (!KINDS.contains(kind)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "page_not_found", "No such page");
        }
    }

    private static String defaultTitle(String kind) {
        return switch (kind) {
            case "terms" -> "Terms of service";
            case "privacy" -> "Privacy policy";
            default -> "Recurring payment terms";
        };
    }
}
