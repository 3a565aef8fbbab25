package dev.gazette.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * What a relay reports about mail it had accepted: a bounce (RFC 3464 delivery-status
 * notification) or a complaint (RFC 5965 feedback report), reduced to what Gazette acts on.
 *
 * @param messageId the Message-ID of the original message, as Gazette set it
 * @param recipient the final recipient, when the report names one
 * @param status    the enhanced status code (5.1.1), for bounces
 */
record BounceReport(Type type, String messageId, String recipient, String status, String diagnostic) {

    enum Type {
        bounce, delay, complaint
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    /** Reads a report message; empty when it holds no delivery-status or feedback part. */
    static List<BounceReport> parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Parts parts = new Parts();
            collect(message, parts);
            List<BounceReport> reports = new ArrayList<>();
            String originalId = parts.originalHeaders == null ? null : first(parts.originalHeaders, "Message-ID");
            if (parts.feedback != null) {
                InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream(parts.feedback));
                String recipient = address(first(fields, "Original-Rcpt-To"));
                reports.add(new BounceReport(Type.complaint, originalId, recipient, null, first(fields, "Feedback-Type")));
            }
            if (parts.deliveryStatus != null) {
                List<InternetHeaders> blocks = blocks(parts.deliveryStatus);
                for (InternetHeaders block : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
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
        } catch (MessagingException | IOException e) {
            return List.of();
        }
    }

    private static final class Parts {
        byte[] deliveryStatus;
        byte[] feedback;
        InternetHeaders originalHeaders;
    }

    private static void collect(Part part, Parts found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), found);
            }
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            found.deliveryStatus = bytes(part);
        } else if (part.isMimeType("message/feedback-report")) {
            found.feedback = bytes(part);
        } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822-headers")) {
            found.originalHeaders = new InternetHeaders(new ByteArrayInputStream(bytes(part)));
        } else if (part.isMimeType("message/rfc822") && found.originalHeaders == null) {
            found.originalHeaders = new InternetHeaders(new ByteArrayInputStream(bytes(part)));
        }
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage nested) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            nested.writeTo(out);
            return out.toByteArray();
        }
        if (content instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** A delivery-status body is blocks of header fields separated by blank lines (RFC 3464 section 2). */
    private static List<InternetHeaders> blocks(byte[] body) throws MessagingException {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            if (!block.isBlank()) {
                blocks.add(new InternetHeaders(new ByteArrayInputStream((block.strip() + "\n\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
        }
        return blocks;
    }

    private static String first(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? null : values[0].trim();
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
