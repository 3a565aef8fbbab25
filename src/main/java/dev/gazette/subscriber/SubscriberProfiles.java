package dev.gazette.subscriber;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberViews.ConsentView;
import dev.gazette.subscriber.SubscriberViews.SubscriberView;

/**
 * One subscriber as their writer sees them in the studio: the row, the consent ledger, and what the
 * other features keep about them (deliveries with their opens and clicks, comments, tips), read
 * through the same {@link ReaderData} beans as the subscriber's own data export.
 */
@ApplicationScoped
class SubscriberProfiles {

    record Delivery(String issue, String status, Instant sentAt, long opens, long clicks) {
    }

    record CommentLine(String issue, String body, String status, Instant createdAt) {
    }

    record TipLine(String issue, Number coffees, BigDecimal amount, String currency, String status, Instant createdAt) {
    }

    /** How many of each kind of row the erasure deletes or anonymizes. */
    record Held(long consents, long deliveries, long opens, long clicks, long comments, long likes, long tips,
            long notes, long feedback) {
    }

    record Profile(PublicationRef publication, SubscriberView subscriber, String source, List<ConsentView> consents,
            List<Delivery> deliveries, List<CommentLine> comments, List<TipLine> tips, Held held) {
    }

    private final Publications publications;
    private final SubscriberService directory;
    private final Instance<ReaderData> readerData;

    SubscriberProfiles(Publications publications, SubscriberService directory, Instance<ReaderData> readerData) {
        this.publications = publications;
        this.directory = directory;
        this.readerData = readerData;
    }

    /** The caller's subscriber, or 404 {@code subscriber_not_found} (another writer's too). */
    @Transactional
    Profile of(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Subscriber s = Subscriber.inPublication(publication.id(), id).orElseThrow(
                () -> new DomainException(DomainException.Kind.NOT_FOUND, "subscriber_not_found", "No such subscriber"));
        List<ConsentView> consents = Consent.of(s.id).stream().map(ConsentView::of).toList();
        Map<String, List<Map<String, Object>>> activity = new TreeMap<>();
        ReaderData.Subject subject = new ReaderData.Subject(s.publicationId, s.id, s.email, s.emailHash);
        readerData.forEach(feature -> activity.putAll(feature.of(subject)));
        List<Map<String, Object>> opens = section(activity, "opens");
        List<Map<String, Object>> clicks = section(activity, "clicks");
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        for (Map<String, Object> d : section(activity, "deliveries")) {
            String issue = (String) d.get("issue");
            deliveries.putIfAbsent(issue, new Delivery(issue, (String) d.get("status"), (Instant) d.get("sentAt"),
                    people(opens, issue), people(clicks, issue)));
        }
        List<CommentLine> comments = new ArrayList<>();
        for (Map<String, Object> c : section(activity, "comments")) {
            comments.add(new CommentLine((String) c.get("issue"), (String) c.get("body"), (String) c.get("status"),
                    (Instant) c.get("createdAt")));
        }
        List<TipLine> tips = new ArrayList<>();
        for (Map<String, Object> t : section(activity, "tips")) {
            tips.add(new TipLine((String) t.get("issue"), (Number) t.get("coffees"), (BigDecimal) t.get("amount"),
                    (String) t.get("currency"), (String) t.get("status"), (Instant) t.get("createdAt")));
        }
        Held held = new Held(consents.size(), section(activity, "deliveries").size(), opens.size(), clicks.size(),
                comments.size(), section(activity, "likes").size(), tips.size(), section(activity, "notes").size(),
                section(activity, "feedback").size());
        String source = consents.isEmpty() ? null : consents.get(0).source();
        return new Profile(publication, directory.view(s), source, consents, List.copyOf(deliveries.values()), comments,
                tips, held);
    }

    private static List<Map<String, Object>> section(Map<String, List<Map<String, Object>>> activity, String name) {
        return activity.getOrDefault(name, List.of());
    }

    /** People's opens or clicks of one issue (machines' left out). */
    private static long people(List<Map<String, Object>> events, String issue) {
        return events.stream().filter(e -> issue.equals(e.get("issue")) && !Boolean.TRUE.equals(e.get("machine")))
                .count();
    }
}
