package dev.gazette.delivery;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.abtest.SubjectTests;
import dev.gazette.core.HeaderValues;
import dev.gazette.core.SignedAddresses;
import dev.gazette.issue.IssueRenderer;
import dev.gazette.issue.PreparedIssue;
import dev.gazette.issue.Recipient;
import dev.gazette.issue.RenderedIssue;
import dev.gazette.publication.PublicationRef;
import dev.gazette.sender.SenderDomains;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * One issue email for one delivery: rendered by the issue renderer (the same path as previews
 * and test sends), addressed with the list headers every subscriber mail carries (from the
 * subscriber feature), and stamped with the delivery's own Message-ID, the same on every retry.
 */
@ApplicationScoped
class MessageFactory {

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    /** A message ready for the relay: what to send, from which envelope sender, to whom. */
    record Outgoing(byte[] raw, String envelopeFrom, String to) {
    }

    /** RFC 5322 date-time, in English whatever the machine's locale. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final IssueRenderer renderer;
    private final SubscriberLinks links;
    private final LinkTracker tracker;
    private final ObjectMapper json;
    private final Clock clock;
    private final SignedAddresses addresses;

    MessageFactory(IssueRenderer renderer, SubscriberLinks links, LinkTracker tracker,
            ObjectMapper json, Clock clock, SignedAddresses addresses) {
        this.addresses = addresses;
        this.renderer = renderer;
        this.links = links;
        this.tracker = tracker;
        this.json = json;
        this.clock = clock;
    }

    /**
     * An issue made ready for all its messages: loaded once and, in the default layout, its body
     * encoded once (with tracking stand-ins when the publication tracks), so that a message only
     * signs and encodes its own links.
     */
    record Prepared(PreparedIssue issue, Optional<EncodedBody> body, Set<String> tracked, String boundary) {
    }

    Prepared prepare(long issueId, PublicationRef publication) {
        return prepare(issueId, publication, null);
    }

    /** {@link #prepare(long, PublicationRef)} with an A/B subject test variant's subject and preheader; null for none. */
    Prepared prepare(long issueId, PublicationRef publication, SubjectTests.Variant variant) {
        PreparedIssue issue = variant == null
                ? renderer.prepare(issueId)
                : renderer.prepare(issueId, variant.subject(), variant.preheader());
        // a subject with a line break (an old row, a direct edit) stops the send before any message is built
        HeaderValues.requireSingleLine("subject", issue.subject());
        // a boundary of characters that base64 and quoted-printable never write in this order
        String boundary = "=_gz_" + issueId + "_" + Long.toHexString(System.nanoTime());
        Set<String> tracked = new HashSet<>();
        Optional<EncodedBody> body = renderer.skeletonOf(issue).map(skeleton -> {
            String html = publication.tracking() ? tracker.withStandIns(issueId, skeleton.html()) : skeleton.html();
            tracked.addAll(LinkTracker.standIns(html));
            Set<String> standIns = new HashSet<>(IssueRenderer.standIns());
            standIns.addAll(tracked);
            return EncodedBody.of(boundary, skeleton.text(), html, standIns);
        });
        return new Prepared(issue, body, Set.copyOf(tracked), boundary);
    }

    Outgoing build(Prepared prepared, PublicationRef publication, Claimed delivery, DeliveryStore.RecipientRow row) {
        PreparedIssue issue = prepared.issue();
        HeaderBlock headers;
        byte[] raw;
        if (prepared.body().isPresent()) {
            // the default layout uses no attributes: only a writer's template needs them parsed
            Recipient recipient = new Recipient(row.subscriberId(), row.email(), row.name(), Map.of(), delivery.id());
            Map<String, String> links = new HashMap<>(renderer.recipientLinks(issue, recipient));
            links.putAll(tracker.links(delivery.id(), prepared.tracked()));
            headers = headers(prepared, publication, delivery, row, RenderedIssue.encode(issue.subject()));
            raw = prepared.body().get().write(headers.bytes(prepared.boundary()), links);
        } else {
            Recipient recipient = new Recipient(row.subscriberId(), row.email(), row.name(), attributes(row.attributesJson()),
                    delivery.id());
            RenderedIssue rendered = renderer.render(issue, recipient);
            String html = publication.tracking()
                    ? tracker.track(issue.issueId(), delivery.id(), rendered.html())
                    : rendered.html();
            headers = headers(prepared, publication, delivery, row, rendered.encodedSubject());
            raw = EncodedBody.of(prepared.boundary(), rendered.text(), html, Set.of())
                    .write(headers.bytes(prepared.boundary()), Map.of());
        }
        return new Outgoing(raw, envelopeFrom(publication, delivery), row.email());
    }

    /**
     * The delivery's own signed address on the bounce domain (VERP), so that a bounce or complaint
     * names its delivery; without a bounce domain, the publication's sender as before.
     */
    private String envelopeFrom(PublicationRef publication, Claimed delivery) {
        return addresses.address(SignedAddresses.Kind.BOUNCE, delivery.id()).orElse(publication.senderEmail());
    }

    private HeaderBlock headers(Prepared prepared, PublicationRef publication, Claimed delivery,
            DeliveryStore.RecipientRow row, String encodedSubject) {
        // the subscriber feature decides From, Reply-To and the list headers, all checked for line breaks; From
        // is asked per message, so a domain revoked or failing mid-send falls back to the platform's address at once
        SenderDomains.Sender sender = links.sender(publication);
        SubscriberLinks.ListHeaders list = links.listHeaders(row.subscriberId(), publication);
        HeaderBlock headers = new HeaderBlock()
                .header("Message-ID", delivery.messageId())
                .header("Date", DATE.format(clock.instant().atOffset(ZoneOffset.UTC)))
                .header("From", sender.from())
                .header("To", row.email());
        if (sender.replyTo() != null) {
            headers.header("Reply-To", sender.replyTo());
        }
        return headers.header("Subject", encodedSubject)
                .header("List-Unsubscribe", list.listUnsubscribe())
                .header("List-Unsubscribe-Post", list.listUnsubscribePost())
                .header("List-Id", list.listId())
                // Gmail's feedback loop groups complaints by these fields: issue, publication, type, sender
                .header("Feedback-ID", prepared.issue().issueId() + ":" + publication.id() + ":issue:gazette");
    }

    private Map<String, Object> attributes(String attributesJson) {
        if (attributesJson == null || attributesJson.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(attributesJson, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
