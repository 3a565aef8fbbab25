package dev.gazette.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/** One message as the catcher received it over SMTP, parsed on demand. */
public record CapturedMessage(long id, Instant receivedAt, String envelopeFrom, List<String> recipients, byte[] raw) {

    private static final Session SESSION = Session.getInstance(new Properties());

    public record HeaderLine(String name, String value) {
    }

    public MimeMessage mime() {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable captured message " + id, e);
        }
    }

    /** Header values as sent, with RFC 2047 words decoded. */
    public List<HeaderLine> headers() {
        try {
            List<HeaderLine> lines = new ArrayList<>();
            for (Header header : Collections.list(mime().getAllHeaders())) {
                lines.add(new HeaderLine(header.getName(), decode(header.getValue())));
            }
            return lines;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> header(String name) {
        return headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HeaderLine::value).findFirst();
    }

    public String subject() {
        return header("Subject").orElse("");
    }

    public String from() {
        return header("From").orElse(envelopeFrom);
    }

    public Optional<String> htmlPart() {
        return part("text/html");
    }

    public Optional<String> textPart() {
        return part("text/plain");
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    private Optional<String> part(String type) {
        try {
            return find(mime(), type);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return Optional.of(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = find(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (java.io.UnsupportedEncodingException e) {
            return value;
        }
    }
}
