package dev.gazette.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.SignedTokens;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.sequence.SequenceTriggers;
import dev.gazette.subscriber.SubscriberViews.ConsentView;
import dev.gazette.subscriber.SubscriberViews.DataExport;
import dev.gazette.subscriber.SubscriberViews.PublicationInfo;
import dev.gazette.subscriber.SubscriberViews.Topic;

/**
 * What a subscriber does through the signed links in their mail: unsubscribe, change their name
 * and topics, take their data away, erase it. The token is the only credential.
 */
@ApplicationScoped
class SubscriberSelfService {

    /** What the unsubscribe and preferences pages show. */
    record SelfView(PublicationRef publication, long subscriberId, String email, String name,
            SubscriberStatus status, List<Topic> topics) {
    }

    private final SignedTokens tokens;
    private final Publications publications;
    private final Suppressions suppressions;
    private final SubscriberService directory;
    private final PublicTopicsService topics;
    private final Event<SubscriberErased> erased;
    private final Instance<ReaderData> readerData;
    private final Clock clock;
    private final SequenceTriggers sequences;
    private final Events events;
    private final ConsentNotices notices;

    SubscriberSelfService(SignedTokens tokens, Publications publications, Suppressions suppressions,
            SubscriberService directory, PublicTopicsService topics, Event<SubscriberErased> erased,
            Instance<ReaderData> readerData, Clock clock, SequenceTriggers sequences, Events events,
            ConsentNotices notices) {
        this.notices = notices;
        this.sequences = sequences;
        this.events = events;
        this.tokens = tokens;
        this.publications = publications;
        this.suppressions = suppressions;
        this.directory = directory;
        this.topics = topics;
        this.erased = erased;
        this.readerData = readerData;
        this.clock = clock;
    }

    /** For the unsubscribe page, which only shows a button: reads, never writes. */
    @Transactional
    SelfView unsubscribePage(String token) {
        return view(bySubscriberToken(SubscriberLinks.UNSUBSCRIBE, token));
    }

    /**
     * Unsubscribes at once; doing it again changes nothing. The address is also suppressed for
     * this publication, so that no import or API call can bring it back. A valid link for a
     * subscriber who has since erased their data is simply done.
     */
    @Transactional
    PublicationRef unsubscribe(String token) {
        long id = tokens.verifyId(SubscriberLinks.UNSUBSCRIBE, token).orElseThrow(Subscriptions::invalidToken);
        Subscriber s = unsubscribe(id, Consent.LINK);
        return s == null ? null : publication(s);
    }

    /**
     * Unsubscribes this subscriber, who asked {@code via} a link or a mail ({@link Consent#LINK},
     * {@link Consent#MAILTO}), in the caller's transaction; null when they erased their data since.
     */
    Subscriber unsubscribe(long id, String via) {
        Subscriber s = Subscriber.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        if (s.unsubscribe(now, via)) {
            events.emit(EventType.SUBSCRIBER_UNSUBSCRIBED, s.publicationId, s.eventData());
            notices.withdrawn(publication(s), s, now);
        }
        suppressions.add(s.publicationId, s.emailHash, Suppressions.Reason.unsubscribed);
        sequences.left(s.id, "unsubscribed");
        return s;
    }

    @Transactional
    SelfView preferences(String token) {
        return view(bySubscriberToken(SubscriberLinks.PREFERENCES, token));
    }

    /**
     * Changes the name and the public topics (null: unchanged; a blank name clears it); tags the writer did not make public stay as they
     * are, and a topic that is not public is refused.
     */
    @Transactional
    SelfView updatePreferences(String token, String name, List<String> chosenTopics) {
        Subscriber s = bySubscriberToken(SubscriberLinks.PREFERENCES, token);
        if (name != null) {
            s.name = Names.clean("name", name);
        }
        if (chosenTopics != null) {
            Set<String> offered = topics.tags(s.publicationId);
            String[] chosen = Tags.require("topics", chosenTopics);
            for (String topic : chosen) {
                if (!offered.contains(topic)) {
                    throw DomainException.invalidField("topics", "unknown_topic", "is not a topic of this publication");
                }
            }
            Set<String> tags = new LinkedHashSet<>();
            Arrays.stream(s.tags).filter(t -> !offered.contains(t)).forEach(tags::add);
            tags.addAll(List.of(chosen));
            String[] before = s.tags;
            s.tags = Tags.require("topics", tags);
            sequences.tagsChanged(s.id, before);
        }
        s.updatedAt = clock.instant();
        return view(s);
    }

    /**
     * Everything kept about the subscriber: the consent ledger, and what every other feature keeps
     * about them (see {@link ReaderData}).
     */
    @Transactional
    DataExport export(String token) {
        Subscriber s = bySubscriberToken(SubscriberLinks.PREFERENCES, token);
        PublicationRef p = publication(s);
        List<ConsentView> consents = Consent.of(s.id).stream().map(ConsentView::of).toList();
        Map<String, List<Map<String, Object>>> activity = new TreeMap<>();
        ReaderData.Subject subject = new ReaderData.Subject(s.publicationId, s.id, s.email, s.emailHash);
        readerData.forEach(feature -> activity.putAll(feature.of(subject)));
        return new DataExport(clock.instant(), new PublicationInfo(p.slug(), p.name()), directory.view(s), consents,
                activity);
    }

    /**
     * Erases the subscriber: the row and its consent ledger go, the address stays only as a salted
     * hash in this publication's suppression list, and other features anonymize what they hold
     * (see {@link SubscriberErased}).
     */
    @Transactional
    PublicationRef erase(String token) {
        Subscriber s = bySubscriberToken(SubscriberLinks.PREFERENCES, token);
        PublicationRef p = publication(s);
        suppressions.add(s.publicationId, s.emailHash, Suppressions.Reason.erased);
        erased.fire(new SubscriberErased(s.publicationId, s.id, s.email, s.emailHash));
        Consent.delete("subscriberId", s.id);
        s.delete();
        return p;
    }

    private Subscriber bySubscriberToken(String purpose, String token) {
        long id = tokens.verifyId(purpose, token).orElseThrow(Subscriptions::invalidToken);
        Subscriber s = Subscriber.findById(id);
        if (s == null) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "subscriber_not_found",
                    "This subscription no longer exists");
        }
        return s;
    }

    private SelfView view(Subscriber s) {
        Set<String> own = Set.of(s.tags);
        List<Topic> list = new ArrayList<>();
        topics.list(s.publicationId).forEach(t -> list.add(new Topic(t.tag(), t.label(), own.contains(t.tag()))));
        return new SelfView(publication(s), s.id, s.email, s.name, s.status, list);
    }

    private PublicationRef publication(Subscriber s) {
        return publications.findById(s.publicationId).orElseThrow(Subscriptions::invalidToken);
    }
}
