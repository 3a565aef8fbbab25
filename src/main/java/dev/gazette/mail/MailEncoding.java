package dev.gazette.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.quarkus.mailer.Mail;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gazette.core.HeaderValues;

/**
 * Turns a {@link Mail} into the bytes that go on the wire, with the MIME encoder quarkus-mailer
 * uses (Vert.x mail's): headers, {@code multipart/alternative} of text and HTML, quoted-printable,
 * CRLF line ends. Every header value passes the header-injection guard first.
 */
@ApplicationScoped
class MailEncoding {

    private final String defaultFrom;
    private final String host;

    MailEncoding(
            @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "Gazette <no-reply@gazette.localhost>") String from,
            @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "gazette.localhost") String host) {
        this.defaultFrom = from;
        this.host = host;
    }

    /** The stored form of one message: what the relay gets, and what the admin sees of it. */
    record Encoded(String recipient, String envelopeFrom, String subject, byte[] raw) {
    }

    Encoded encode(Mail mail, String to, String messageId) {
        String from = HeaderValues.requireSingleLine("from", mail.getFrom() != null ? mail.getFrom() : defaultFrom);
        String recipient = HeaderValues.requireSingleLine("to", to).strip();
        String subject = HeaderValues.requireSingleLine("subject", mail.getSubject() == null ? "" : mail.getSubject());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, List<String>> header : mail.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headers.add(HeaderValues.requireSingleLine("header", header.getKey()),
                        HeaderValues.requireSingleLine(header.getKey(), value));
            }
        }
        if (mail.getReplyTo() != null) {
            headers.set("Reply-To", HeaderValues.requireSingleLine("replyTo", mail.getReplyTo()));
        }
        headers.set("Message-ID", messageId);
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(recipient)
                .setSubject(subject)
                .setText(mail.getText())
                .setHtml(mail.getHtml())
                .setHeaders(headers);
        String envelopeFrom = mail.getBounceAddress() != null ? mail.getBounceAddress() : address(from);
        String text = new MailEncoder(message, host).encode();
        // the encoder ends lines with LF; SMTP and DKIM want CRLF
        byte[] raw = text.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new Encoded(recipient, HeaderValues.requireSingleLine("bounceAddress", envelopeFrom), subject, raw);
    }

    /** The bare address of {@code Name <address>}. */
    private static String address(String from) {
        try {
            return new InternetAddress(from, false).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a sender address: " + from, e);
        }
    }
}
