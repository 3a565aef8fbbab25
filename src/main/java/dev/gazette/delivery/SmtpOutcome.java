package dev.gazette.delivery;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a relay's answer means for one delivery (RFC 5321 reply codes, RFC 3463 enhanced status
 * codes): sent, retry later, failed for good (and whether the address is bad), or our own setup
 * is wrong and the whole send must stop.
 */
record SmtpOutcome(Kind kind, int code, String enhanced, String reply) {

    enum Kind {
        /** 250: the relay took it. */
        SENT,
        /** 4xx, or a timeout in the middle of a message: try this row again later. */
        TRANSIENT,
        /** The relay could not be reached at all: the circuit breaker counts these, rows are not charged. */
        UNREACHABLE,
        /** 5.1.x and the like: this address does not exist; fail the row and suppress the address. */
        HARD_BOUNCE,
        /** Mailbox full (x.2.2) and similar: retry, and suppress only after repeated soft bounces. */
        SOFT_BOUNCE,
        /** 5.7.x: policy or authentication, our setup is wrong: pause the send, blame no one. */
        POLICY,
        /** MAIL FROM refused for good (5xx): the sender is wrong for this relay: pause the send, blame no one. */
        SENDER_REFUSED,
        /** Any other permanent failure: fail the row, suppress no one. */
        PERMANENT,
        /** The message could not be rendered for this recipient: fail the row once, the send pauses. */
        UNRENDERABLE
    }

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    static SmtpOutcome sent() {
        return new SmtpOutcome(Kind.SENT, 250, "2.0.0", "250 accepted");
    }

    /** This recipient's message could not be built; no relay was asked. */
    static SmtpOutcome unrenderable(String why) {
        return new SmtpOutcome(Kind.UNRENDERABLE, 0, null, truncate(why));
    }

    /** The relay could not be reached at all (refused, unknown host): no reply code. */
    static SmtpOutcome unreachable(String why) {
        return new SmtpOutcome(Kind.UNREACHABLE, 0, null, truncate(why));
    }

    /**
     * The relay's answer to MAIL FROM when it refused it: permanently (5xx) it concerns the sender,
     * not the recipient, so no one bounces; temporarily it is classified like any other reply.
     */
    static SmtpOutcome ofSender(int code, String text) {
        SmtpOutcome outcome = classify(code, text);
        return code >= 500 && code < 600
                ? new SmtpOutcome(Kind.SENDER_REFUSED, code, outcome.enhanced(), outcome.reply())
                : outcome;
    }

    /** Whether this answer stops the whole send: nothing more of it can go out until someone fixes the setup. */
    boolean stopsTheSend() {
        return kind == Kind.POLICY || kind == Kind.SENDER_REFUSED || kind == Kind.UNRENDERABLE;
    }

    /** Classifies a reply code and text as a relay (or a bounce report) gave them. */
    static SmtpOutcome classify(int code, String text) {
        String reply = truncate(text == null ? String.valueOf(code) : text);
        Matcher m = ENHANCED.matcher(reply);
        String enhanced = m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
        if (code >= 200 && code < 300) {
            return new SmtpOutcome(Kind.SENT, code, enhanced, reply);
        }
        String subject = enhanced == null ? "" : enhanced.substring(2);
        if (code >= 400 && code < 500 && !(enhanced != null && enhanced.startsWith("5"))) {
            return new SmtpOutcome(subject.startsWith("2.") ? Kind.SOFT_BOUNCE : Kind.TRANSIENT, code, enhanced, reply);
        }
        if (subject.startsWith("7.")) {
            return new SmtpOutcome(Kind.POLICY, code, enhanced, reply);
        }
        if (subject.startsWith("1.")) {
            return new SmtpOutcome(Kind.HARD_BOUNCE, code, enhanced, reply);
        }
        if (subject.startsWith("2.")) {
            return new SmtpOutcome(Kind.SOFT_BOUNCE, code, enhanced, reply);
        }
        if (enhanced == null && (code == 550 || code == 551 || code == 553)
                && reply.toLowerCase(Locale.ROOT)
                        .matches(".*(user unknown|no such user|does not exist|mailbox unavailable|unknown recipient).*")) {
            return new SmtpOutcome(Kind.HARD_BOUNCE, code, null, reply);
        }
        return new SmtpOutcome(Kind.PERMANENT, code, enhanced, reply);
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("[\\r\\n]+", " ").strip();
        return oneLine.length() > 500 ? oneLine.substring(0, 500) : oneLine;
    }
}
