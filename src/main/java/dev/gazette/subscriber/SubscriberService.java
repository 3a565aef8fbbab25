package dev.gazette.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.EmailAddresses;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.sequence.SequenceTriggers;
import dev.gazette.subscriber.SubscriberRequests.AddSubscriber;
import dev.gazette.subscriber.SubscriberRequests.UpdateSubscriber;
import dev.gazette.subscriber.SubscriberViews.SubscriberPage;
import dev.gazette.subscriber.SubscriberViews.SubscriberView;

/** A writer's subscribers: list, get, add, update, delete. Another writer's are 404. */
@ApplicationScoped
class SubscriberService {

    static final int ATTRIBUTES_MAX_BYTES = 16 * 1024;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Publications publications;
    private final Suppressions suppressions;
    private final AddressHashes hashes;
    private final SubscriberMails mails;
    private final SubscriberConfig config;
    private final ObjectMapper json;
    private final Event<SubscriberErased> erased;
    private final Clock clock;
    private final Audit audit;
    private final SequenceTriggers sequences;
    private final Events events;

    SubscriberService(Publications publications, Suppressions suppressions, AddressHashes hashes,
            SubscriberMails mails, SubscriberConfig config, ObjectMapper json, Event<SubscriberErased> erased,
            Clock clock, Audit audit, SequenceTriggers sequences, Events events) {
        this.audit = audit;
        this.sequences = sequences;
        this.events = events;
        this.publications = publications;
        this.suppressions = suppressions;
        this.hashes = hashes;
        this.mails = mails;
        this.config = config;
        this.json = json;
        this.erased = erased;
        this.clock = clock;
    }

    @Transactional
    SubscriberPage list(Caller caller, String slug, String status, String tag, String q, Integer page, Integer size) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        int pageIndex = page == null ? 0 : page;
        int pageSize = size == null ? 50 : size;
        if (pageIndex < 0) {
            throw DomainException.invalidField("page", "out_of_range", "must be 0 or more");
        }
        if (pageSize < 1 || pageSize > config.maxPageSize()) {
            throw DomainException.invalidField("size", "out_of_range", "must be 1 to " + config.maxPageSize());
        }
        StringBuilder where = new StringBuilder("publicationId = :publication");
        Parameters parameters = Parameters.with("publication", publication.id());
        if (status != null && !status.isBlank()) {
            where.append(" and status = :status");
            parameters.and("status", parseStatus(status));
        }
        if (tag != null && !tag.isBlank()) {
            where.append(" and array_contains(tags, :tag)");
            parameters.and("tag", Tags.normalize(tag).orElseThrow(
                    () -> DomainException.invalidField("tag", "invalid_tag", "is not a valid tag")));
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (email like :q escape '\\' or lower(name) like :q escape '\\')");
            parameters.and("q", "%" + SubscriberTable.likeEscaped(q.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        PanacheQuery<Subscriber> query = Subscriber.find(where + " order by id", parameters);
        List<SubscriberView> items = query.page(pageIndex, pageSize).list().stream().map(this::view).toList();
        return new SubscriberPage(items, pageIndex, pageSize, query.count());
    }

    @Transactional
    SubscriberView get(Caller caller, String slug, long id) {
        return view(owned(caller, slug, id));
    }

    /**
     * Adds one subscriber, active at once with the writer's attestation in the ledger, or pending
     * with a confirmation email when double opt-in is asked. A suppressed address (it unsubscribed,
     * erased its data, bounced or complained) is refused.
     */
    SubscriberView add(Caller caller, String slug, AddSubscriber request, String ip) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        String address = EmailAddresses.normalize(request.email()).orElseThrow(
                () -> DomainException.invalidField("email", "invalid_email", "must be a valid email address"));
        String name = Names.clean("name", request.name());
        String[] tags = request.tags() == null ? new String[0] : Tags.require("tags", request.tags());
        String attributes = attributes(request.attributes());
        boolean doubleOptIn = Boolean.TRUE.equals(request.doubleOptIn());
        Subscriber added;
        try {
            added = QuarkusTransaction.requiringNew().call(() -> {
                String hash = hashes.of(address);
                if (suppressions.isSuppressedHash(publication.id(), hash)) {
                    throw new DomainException(Kind.CONFLICT, "address_suppressed",
                            "This address unsubscribed, erased its data or cannot receive mail; it cannot be added");
                }
                if (Subscriber.byEmail(publication.id(), address).isPresent()) {
                    throw exists();
                }
                Instant now = clock.instant();
                Subscriber s = new Subscriber();
                s.publicationId = publication.id();
                s.email = address;
                s.emailHash = hash;
                s.name = name;
                s.status = doubleOptIn ? SubscriberStatus.pending : SubscriberStatus.active;
                s.tags = tags;
                s.attributes = attributes;
                s.createdAt = now;
                s.updatedAt = now;
                s.persistAndFlush();
                Consent consent = new Consent();
                consent.subscriberId = s.id;
                consent.source = Consent.API;
                consent.method = doubleOptIn ? "double_opt_in" : "writer_attested";
                consent.givenAt = now;
                consent.ip = ip;
                consent.wording = doubleOptIn ? ConsentWording.forForm(publication) : ConsentWording.WRITER_ATTESTED;
                consent.policyVersion = config.policyVersion();
                consent.note = request.consentNote() == null || request.consentNote().isBlank()
                        ? null
                        : request.consentNote().strip();
                consent.persistAndFlush();
                events.emit(EventType.SUBSCRIBER_CREATED, s.publicationId, s.eventData());
                if (doubleOptIn) {
                    mails.sendConfirmation(publication, new SubscriberMails.Recipient(s.id, s.email, s.name), consent.id);
                } else {
                    sequences.confirmed(s.id); // active at once: as if confirmed
                }
                return s;
            });
        } catch (PersistenceException raced) {
            throw exists(); // a concurrent add or subscription took the address first
        }
        return view(added);
    }

    @Transactional
    SubscriberView update(Caller caller, String slug, long id, UpdateSubscriber request) {
        Subscriber s = owned(caller, slug, id);
        if (request.name() != null) {
            s.name = Names.clean("name", request.name());
        }
        if (request.tags() != null) {
            String[] before = s.tags;
            s.tags = Tags.require("tags", request.tags());
            sequences.tagsChanged(s.id, before);
        }
        if (request.attributes() != null) {
            s.attributes = attributes(request.attributes());
        }
        s.updatedAt = clock.instant();
        return view(s);
    }

    /**
     * The writer unsubscribes someone (who asked them to): as the unsubscribe link does, the
     * subscriber stops being mailed, their consent is withdrawn, and the address is suppressed for
     * this publication so that no import or API call adds it again. Doing it again changes nothing.
     */
    @Transactional
    SubscriberView unsubscribe(Caller caller, String slug, long id) {
        Subscriber s = owned(caller, slug, id);
        if (s.unsubscribe(clock.instant(), Consent.WRITER)) {
            events.emit(EventType.SUBSCRIBER_UNSUBSCRIBED, s.publicationId, s.eventData());
        }
        suppressions.add(s.publicationId, s.emailHash, Suppressions.Reason.unsubscribed);
        sequences.left(s.id, "unsubscribed");
        // by id only, as for an erasure: no address in the audit log
        audit.record(caller, AuditAction.subscriber_unsubscribed, s.publicationId, slug, "subscriber " + s.id, null);
        return view(s);
    }

    /**
     * The writer erases a subscriber: the row, its consent ledger, and through {@link
     * SubscriberErased} every trace other features keep. No suppression is added (the writer may
     * add the address again); one the person asked for (unsubscribe, erase) stays.
     */
    @Transactional
    void delete(Caller caller, String slug, long id) {
        Subscriber s = owned(caller, slug, id);
        // by id only: the address is erased everywhere, the audit log included
        audit.record(caller, AuditAction.subscriber_erased, s.publicationId, slug, "subscriber " + s.id, null);
        erased.fire(new SubscriberErased(s.publicationId, s.id, s.email, s.emailHash));
        Consent.delete("subscriberId", s.id);
        s.delete();
    }

    SubscriberView view(Subscriber s) {
        try {
            return new SubscriberView(s.id, s.email, s.name, s.status, List.of(s.tags), json.readValue(s.attributes, MAP),
                    s.createdAt, s.confirmedAt, s.unsubscribedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attributes of subscriber " + s.id, e);
        }
    }

    private Subscriber owned(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Subscriber.inPublication(publication.id(), id).orElseThrow(
                () -> new DomainException(Kind.NOT_FOUND, "subscriber_not_found", "No such subscriber"));
    }

    private String attributes(Map<String, Object> attributes) {
        if (attributes == null) {
            return "{}";
        }
        try {
            String text = json.writeValueAsString(attributes);
            if (text.length() > ATTRIBUTES_MAX_BYTES) {
                throw DomainException.invalidField("attributes", "too_large",
                        "at most " + ATTRIBUTES_MAX_BYTES + " characters of JSON");
            }
            if (text.contains("\\u0000")) {
                throw Encoding.invalid("attributes"); // PostgreSQL jsonb cannot hold NUL
            }
            return text;
        } catch (JsonProcessingException e) {
            throw DomainException.invalidField("attributes", "invalid_type", "must be a JSON object");
        }
    }

    static SubscriberStatus parseStatus(String status) {
        try {
            return SubscriberStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("status", "invalid_status",
                    "must be one of pending, active, unsubscribed, bounced, complained");
        }
    }

    private static DomainException exists() {
        return new DomainException(Kind.CONFLICT, "subscriber_exists", "This address is already a subscriber");
    }
}
