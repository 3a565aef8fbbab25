package dev.gazette.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * What a relay or a mailbox provider reports about mail it had accepted: a bounce (RFC 3464
 * delivery-status notification) or a complaint (RFC 5965 feedback report), reduced to what Gazette
 * acts on. Parsed with Apache mime4j, leniently: reports in the wild are often not quite valid.
 *
 * @param messageId the Message-ID of the original message, as Gazette set it
 * @param recipient the final recipient, when the report names one
 * @param status    the enhanced status code (5.1.1), for bounces
 */
record BounceReport(Type type, String messageId, String recipient, String status, String diagnostic) {

    enum Type {
        bounce, delay, complaint
    }

    /**
     * A whole message read as a report: the RFC 3464 / RFC 5965 reports it holds; else whether it
     * is an auto-reply (out of office and the like: not a bounce), or a bounce in words only (some
     * large providers' and old servers' shape) with the status code found in its text.
     */
    record Reading(List<BounceReport> reports, boolean autoReply, BounceReport plainBounce) {

        /** What to act on: the reports, else the plain-text bounce; nothing for an auto-reply or other mail. */
        List<BounceReport> actionable() {
            if (!reports.isEmpty()) {
                return reports;
            }
            return plainBounce == null ? List.of() : List.of(plainBounce);
        }
    }

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern BASIC = Pattern.compile("\\b([45])\\d\\d[ -]");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final Pattern DAEMON = Pattern.compile("(?i)mailer-daemon|postmaster|mail delivery (subsystem|system)");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|delivery status notification|returned mail|delivery fail|failure notice|not delivered"
                    + "|mail delivery failed|delivery has failed|could not be delivered");
    private static final Pattern DELAY_SUBJECT = Pattern.compile("(?i)delay|warning: message .* still undelivered");
    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "(?i)^\\s*(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto:|부재중|자동 응답)");

    /** Reads a report message; empty when it holds no delivery-status or feedback part. */
    static List<BounceReport> parse(byte[] raw) {
        return read(raw).reports();
    }

    /** Reads any message that came back to a delivery's address. */
    static Reading read(byte[] raw) {
        Message message;
        try {
            message = builder().parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            return new Reading(List.of(), false, null);
        }
        try {
            Parts parts = new Parts();
            collect(message, parts);
            List<BounceReport> reports = reports(parts);
            if (!reports.isEmpty()) {
                return new Reading(reports, false, null);
            }
            Header header = message.getHeader();
            if (autoReply(header)) {
                return new Reading(List.of(), true, null);
            }
            return new Reading(List.of(), false, plainBounce(header, parts, raw));
        } catch (IOException | MimeException e) {
            return new Reading(List.of(), false, null);
        } finally {
            message.dispose();
        }
    }

    private static List<BounceReport> reports(Parts parts) throws IOException, MimeException {
        List<BounceReport> reports = new ArrayList<>();
        String originalId = parts.originalHeaders == null ? null : first(parts.originalHeaders, "Message-ID");
        if (parts.feedback != null) {
            Header fields = header(parts.feedback);
            String recipient = address(first(fields, "Original-Rcpt-To"));
            reports.add(new BounceReport(Type.complaint, originalId, recipient, null, first(fields, "Feedback-Type")));
        }
        if (parts.deliveryStatus != null) {
            List<Header> blocks = blocks(parts.deliveryStatus);
            // the first block is about the message, the others one recipient each (RFC 3464 section 2)
            for (Header block : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
                String action = lower(first(block, "Action"));
                String status = first(block, "Status");
                if (action == null || status == null) {
                    continue;
                }
                Type type = action.startsWith("failed") ? Type.bounce : action.startsWith("delayed") ? Type.delay : null;
                if (type != null) {
                    reports.add(new BounceReport(type, originalId, address(first(block, "Final-Recipient")),
                            status.trim().split("\\s")[0], first(block, "Diagnostic-Code")));
                }
            }
        }
        return reports;
    }

    /** RFC 3834's Auto-Submitted, the de facto X-Autoreply family, or an out-of-office subject. */
    private static boolean autoReply(Header header) {
        String submitted = lower(first(header, "Auto-Submitted"));
        if (submitted != null && !submitted.startsWith("no")) {
            return true;
        }
        String precedence = lower(first(header, "Precedence"));
        return first(header, "X-Autoreply") != null || first(header, "X-Autorespond") != null
                || "auto_reply".equals(precedence)
                || AUTO_SUBJECT.matcher(String.valueOf(first(header, "Subject"))).find();
    }

    /** A bounce that is only words: from a mailer daemon or with a bounce's subject, the code taken from the text. */
    private static BounceReport plainBounce(Header header, Parts parts, byte[] raw) {
        String subject = String.valueOf(first(header, "Subject"));
        boolean daemon = DAEMON.matcher(String.valueOf(first(header, "From"))).find();
        boolean delayed = DELAY_SUBJECT.matcher(subject).find();
        if (!daemon && !BOUNCE_SUBJECT.matcher(subject).find() && !delayed) {
            return null;
        }
        String text = parts.text != null ? parts.text : new String(raw, StandardCharsets.UTF_8);
        String status;
        String diagnostic = null;
        Matcher enhanced = ENHANCED.matcher(text);
        Matcher basic = BASIC.matcher(text);
        if (enhanced.find()) {
            status = enhanced.group();
            diagnostic = line(text, enhanced.start());
        } else if (basic.find()) {
            status = basic.group(1) + ".0.0";
            diagnostic = line(text, basic.start());
        } else {
            status = delayed ? "4.0.0" : "5.0.0";
        }
        String messageId = parts.originalHeaders != null ? first(parts.originalHeaders, "Message-ID") : null;
        if (messageId == null) {
            Matcher id = MESSAGE_ID.matcher(text);
            messageId = id.find() ? id.group(1) : null;
        }
        return new BounceReport(delayed && status.startsWith("4") ? Type.delay : Type.bounce, messageId, null, status,
                diagnostic);
    }

    private static final class Parts {
        byte[] deliveryStatus;
        byte[] feedback;
        Header originalHeaders;
        String text;
    }

    private static DefaultMessageBuilder builder() {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        return builder;
    }

    private static void collect(Entity entity, Parts found) throws IOException, MimeException {
        Body body = entity.getBody();
        String type = lower(entity.getMimeType());
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                collect(part, found);
            }
        } else if (body instanceof Message nested) {
            // message/rfc822: the original message, or its headers at least
            if (found.originalHeaders == null) {
                found.originalHeaders = nested.getHeader();
            }
        } else if (body instanceof SingleBody single) {
            switch (type == null ? "" : type) {
                case "message/delivery-status", "message/global-delivery-status" -> found.deliveryStatus = bytes(single);
                case "message/feedback-report" -> found.feedback = bytes(single);
                case "text/rfc822-headers", "message/rfc822-headers" -> found.originalHeaders = header(bytes(single));
                case "text/plain" -> {
                    if (found.text == null && single instanceof TextBody text) {
                        found.text = readAll(text);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String readAll(TextBody text) throws IOException {
        try (Reader reader = text.getReader()) {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        }
    }

    private static byte[] bytes(SingleBody body) throws IOException {
        try (InputStream in = body.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Header header(byte[] fields) throws IOException, MimeException {
        return builder().parseHeader(new ByteArrayInputStream(fields));
    }

    /** A delivery-status body is blocks of header fields separated by blank lines (RFC 3464 section 2). */
    private static List<Header> blocks(byte[] body) throws IOException, MimeException {
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<Header> blocks = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            if (!block.isBlank()) {
                blocks.add(header((block.strip() + "\r\n\r\n").replace("\n", "\r\n").replace("\r\r\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
            }
        }
        return blocks;
    }

    private static String first(Header header, String name) {
        Field field = header.getField(name);
        if (field == null || field.getBody() == null) {
            return null;
        }
        return field.getBody().replaceAll("\\r?\\n[ \\t]+", " ").trim();
    }

    private static String line(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        String line = text.substring(start, end < 0 ? text.length() : end).strip();
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    /** "rfc822; someone@example.com" becomes "someone@example.com". */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String address = (semicolon >= 0 ? field.substring(semicolon + 1) : field).trim();
        return address.replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
