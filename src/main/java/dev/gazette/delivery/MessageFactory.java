package dev.gazette.delivery;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.HeaderValues;
import dev.gazette.issue.IssueRenderer;
import dev.gazette.issue.PreparedIssue;
import dev.gazette.issue.Recipient;
import dev.gazette.issue.RenderedIssue;
import dev.gazette.publication.PublicationRef;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * One issue email for one delivery: rendered by the issue renderer (the same path as previews
 * and test sends), addressed with the list headers every subscriber mail carries, and stamped
 * with the delivery's own Message-ID, which stays the same on every retry.
 */
@ApplicationScoped
class MessageFactory {

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final IssueRenderer renderer;
    private final SubscriberLinks links;
    private final LinkTracker tracker;
    private final ObjectMapper json;

    MessageFactory(IssueRenderer renderer, SubscriberLinks links, LinkTracker tracker, ObjectMapper json) {
        this.renderer = renderer;
        this.links = links;
        this.tracker = tracker;
        this.json = json;
    }

    PreparedIssue prepare(long issueId) {
        return renderer.prepare(issueId);
    }

    Mail build(PreparedIssue issue, PublicationRef publication, Claimed delivery, DeliveryStore.RecipientRow recipient) {
        RenderedIssue rendered = renderer.render(issue, new Recipient(recipient.subscriberId(), recipient.email(),
                recipient.name(), attributes(recipient.attributesJson())));
        return links.addressed(publication, recipient.subscriberId(), recipient.email(), rendered.subject())
                .setHtml(publication.tracking() ? tracker.track(issue.issueId(), delivery.id(), rendered.html())
                        : rendered.html())
                .setText(rendered.text())
                .addHeader("Message-ID", HeaderValues.requireSingleLine("Message-ID", delivery.messageId()))
                // Gmail's feedback loop groups complaints by these fields: issue, publication, type, sender
                .addHeader("Feedback-ID", issue.issueId() + ":" + publication.id() + ":issue:gazette");
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
