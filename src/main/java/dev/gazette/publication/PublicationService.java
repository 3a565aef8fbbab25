package dev.gazette.publication;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.PublicChanges;
import dev.gazette.publication.PublicationRequests.CreatePublication;
import dev.gazette.publication.PublicationRequests.UpdatePublication;
import dev.gazette.sender.SenderDomains;

/**
 * Publications and who may see them: a writer only their own, an admin every one. A publication
 * the caller may not see does not exist for them (404), so slugs of others cannot be probed.
 */
@ApplicationScoped
class PublicationService {

    private final Clock clock;
    private final EntityManager entityManager;
    private final Audit audit;

    private final PublicChanges changes;

    private final SenderDomains senders;

    PublicationService(Clock clock, EntityManager entityManager, Audit audit, PublicChanges changes,
            SenderDomains senders) {
        this.changes = changes;
        this.senders = senders;
        this.clock = clock;
        this.entityManager = entityManager;
        this.audit = audit;
    }

    @Transactional
    PublicationView create(Caller caller, CreatePublication request) {
        String slug = Slugs.requireValid(request.slug());
        if (Publication.count("slug", slug) > 0) {
            throw slugTaken();
        }
        Publication p = new Publication();
        p.ownerId = caller.accountId();
        p.slug = slug;
        p.name = request.name().strip();
        p.tagline = blankToNull(request.tagline());
        p.description = blankToNull(request.description());
        p.category = blankToNull(request.category());
        p.locale = request.locale();
        p.timeZone = zone(request.timeZone(), p.locale);
        p.senderName = request.senderName().strip();
        p.senderEmail = email("senderEmail", request.senderEmail());
        senders.requireAllowed(p.ownerId, p.senderEmail);
        p.replyTo = request.replyTo() == null || request.replyTo().isBlank() ? null : email("replyTo", request.replyTo());
        p.copyrightNotice = blankToNull(request.copyrightNotice());
        p.tipPrice = request.tipPrice();
        p.tipCurrency = currency(request.tipCurrency(), p.locale);
        p.tracking = request.tracking() == null || request.tracking();
        p.status = Publication.Status.active;
        p.createdAt = clock.instant();
        p.updatedAt = p.createdAt;
        try {
            p.persistAndFlush();
        } catch (PersistenceException raced) {
            throw slugTaken(); // a concurrent create took the slug between the check and the insert
        }
        audit.record(caller, AuditAction.publication_created, p.id, p.slug, null, p.name);
        return PublicationView.of(p);
    }

    @Transactional
    List<PublicationView> list(Caller caller) {
        List<Publication> found = Publication.managedBy(caller);
        return found.stream().map(PublicationView::of).toList();
    }

    @Transactional
    PublicationView get(Caller caller, String slug) {
        return PublicationView.of(visible(caller, slug));
    }

    @Transactional
    PublicationView update(Caller caller, String slug, UpdatePublication request) {
        return update(caller, slug, request, false);
    }

    /** As {@link #update(Caller, String, UpdatePublication)}; {@code stopTips} also clears the tip price. */
    @Transactional
    PublicationView update(Caller caller, String slug, UpdatePublication request, boolean stopTips) {
        Publication p = visible(caller, slug);
        if (stopTips) {
            p.tipPrice = null;
        }
        setIfPresent(request.name(), v -> p.name = v.strip());
        setIfPresent(request.tagline(), v -> p.tagline = blankToNull(v));
        setIfPresent(request.description(), v -> p.description = blankToNull(v));
        setIfPresent(request.category(), v -> p.category = blankToNull(v));
        setIfPresent(request.locale(), v -> p.locale = v);
        setIfPresent(request.timeZone(), v -> p.timeZone = zone(v, p.locale));
        setIfPresent(request.senderName(), v -> p.senderName = v.strip());
        setIfPresent(request.senderEmail(), v -> {
            String email = email("senderEmail", v);
            if (!email.equals(p.senderEmail)) {
                senders.requireAllowed(p.ownerId, email); // an unchanged address stays, whatever became of its domain
            }
            p.senderEmail = email;
        });
        setIfPresent(request.replyTo(), v -> p.replyTo = v.isBlank() ? null : email("replyTo", v));
        setIfPresent(request.copyrightNotice(), v -> p.copyrightNotice = blankToNull(v));
        setIfPresent(request.tipPrice(), v -> p.tipPrice = v);
        setIfPresent(request.tipCurrency(), v -> p.tipCurrency = currency(v, p.locale));
        setIfPresent(request.tracking(), v -> p.tracking = v);
        p.updatedAt = clock.instant();
        changes.changing(p.id);
        audit.record(caller, AuditAction.publication_updated, p.id, p.slug, null, changed(request, stopTips));
        return PublicationView.of(p);
    }

    @Transactional
    void delete(Caller caller, String slug) {
        Publication p = visible(caller, slug);
        audit.record(caller, AuditAction.publication_deleted, p.id, p.slug, null, p.name);
        p.delete();
    }

    @Transactional
    PublicationView suspend(Caller admin, String slug, String reason) {
        Publication p = bySlug(slug);
        p.status = Publication.Status.suspended;
        p.suspendedReason = reason.strip();
        p.suspendedAt = clock.instant();
        p.updatedAt = p.suspendedAt;
        changes.changing(p.id);
        audit.record(admin, AuditAction.publication_suspended, p.id, p.slug, null, p.suspendedReason);
        return PublicationView.of(p);
    }

    @Transactional
    PublicationView reinstate(Caller admin, String slug) {
        Publication p = bySlug(slug);
        p.status = Publication.Status.active;
        p.suspendedReason = null;
        p.suspendedAt = null;
        p.updatedAt = clock.instant();
        changes.changing(p.id);
        audit.record(admin, AuditAction.publication_reinstated, p.id, p.slug, null, null);
        return PublicationView.of(p);
    }

    private static Publication visible(Caller caller, String slug) {
        return Publication.visibleTo(caller, slug).orElseThrow(Publication::notFound);
    }

    private static Publication bySlug(String slug) {
        return Publication.<Publication>find("slug", slug).firstResultOptional().orElseThrow(Publication::notFound);
    }

    /** The names of the fields a change gave, for the audit log (not their values). */
    private static String changed(UpdatePublication request, boolean stopTips) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent c : UpdatePublication.class.getRecordComponents()) {
            try {
                if (c.getAccessor().invoke(request) != null) {
                    names.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (stopTips && !names.contains("tipPrice")) {
            names.add("tipPrice");
        }
        return String.join(", ", names);
    }

    private static <T> void setIfPresent(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String email(String field, String value) {
        return EmailAddresses.normalize(value)
                .orElseThrow(() -> DomainException.invalidField(field, "invalid_email", "must be a valid email address"));
    }

    private static String zone(String requested, String locale) {
        if (requested == null || requested.isBlank()) {
            return "ko".equals(locale) ? "Asia/Seoul" : "UTC";
        }
        try {
            return ZoneId.of(requested).getId();
        } catch (DateTimeException e) {
            throw DomainException.invalidField("timeZone", "invalid_time_zone", "must be an IANA zone such as Asia/Seoul");
        }
    }

    private static String currency(String requested, String locale) {
        if (requested == null || requested.isBlank()) {
            return "ko".equals(locale) ? "KRW" : "USD";
        }
        try {
            return Currency.getInstance(requested).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("tipCurrency", "invalid_currency", "must be an ISO 4217 code such as KRW");
        }
    }

    private static DomainException slugTaken() {
        return new DomainException(Kind.CONFLICT, "slug_taken", "Another publication already has this slug",
                List.of(new dev.gazette.core.FieldError("slug", "slug_taken", "is taken")), null);
    }
}
