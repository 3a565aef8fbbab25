package dev.gazette.delivery;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import dev.gazette.core.HeaderValues;
import dev.gazette.issue.IssueRenderer;
import dev.gazette.issue.PreparedIssue;
import dev.gazette.issue.Recipient;
import dev.gazette.issue.RenderedIssue;
import dev.gazette.publication.PublicationRef;
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
    record Outgoing(MimeMessage message, String envelopeFrom, String to) {
    }

    private final IssueRenderer renderer;
    private final SubscriberLinks links;
    private final LinkTracker tracker;
    private final RelayMessenger messenger;
    private final ObjectMapper json;
    private final Clock clock;

    MessageFactory(IssueRenderer renderer, SubscriberLinks links, LinkTracker tracker, RelayMessenger messenger,
            ObjectMapper json, Clock clock) {
        this.renderer = renderer;
        this.links = links;
        this.tracker = tracker;
        this.messenger = messenger;
        this.json = json;
        this.clock = clock;
    }

    PreparedIssue prepare(long issueId) {
        return renderer.prepare(issueId);
    }

    Outgoing build(PreparedIssue issue, PublicationRef publication, Claimed delivery, DeliveryStore.RecipientRow recipient) {
        RenderedIssue rendered = renderer.render(issue, new Recipient(recipient.subscriberId(), recipient.email(),
                recipient.name(), attributes(recipient.attributesJson()), delivery.id()));
        // the subscriber feature decides From, Reply-To and the list headers, all checked for line breaks
        Mail addressed = links.addressed(publication, recipient.subscriberId(), recipient.email(), rendered.subject());
        String html = publication.tracking() ? tracker.track(issue.issueId(), delivery.id(), rendered.html()) : rendered.html();
        try {
            MimeMessage message = new Stamped(messenger.session(),
                    HeaderValues.requireSingleLine("Message-ID", delivery.messageId()));
            message.setFrom(new InternetAddress(addressed.getFrom()));
            message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(recipient.email()));
            message.setSubject(rendered.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            if (addressed.getReplyTo() != null) {
                message.setReplyTo(InternetAddress.parse(addressed.getReplyTo()));
            }
            for (Map.Entry<String, List<String>> header : addressed.getHeaders().entrySet()) {
                for (String value : header.getValue()) {
                    message.addHeader(header.getKey(), HeaderValues.requireSingleLine(header.getKey(), value));
                }
            }
            // Gmail's feedback loop groups complaints by these fields: issue, publication, type, sender
            message.setHeader("Feedback-ID", issue.issueId() + ":" + publication.id() + ":issue:gazette");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(rendered.text(), "UTF-8");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, htmlPart);
            message.setContent(alternative);
            message.saveChanges();
            return new Outgoing(message, publication.senderEmail(), recipient.email());
        } catch (MessagingException e) {
            throw new IllegalStateException("the message could not be built: " + e.getMessage(), e);
        }
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

    /** A message whose Message-ID is the delivery's, not one made up when it is saved. */
    private static final class Stamped extends MimeMessage {
        private final String messageId;

        Stamped(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
