package dev.gazette.testing;

/**
 * Reports as relays and mailbox providers send them: an RFC 3464 delivery-status notification, an
 * RFC 5965 feedback report, an auto-reply and a bounce in words only.
 */
public final class Reports {

    private Reports() {
    }

    /** A complaint as mailbox providers send it: an RFC 5965 feedback report with the original message. */
    public static String arf(String messageId, String recipient) {
        return """
                From: fbl@provider.example.net
                To: abuse@example.com
                Subject: FW: Bounce me
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

                --arf
                Content-Type: text/plain

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --arf
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeGenerator/1.0
                Version: 1
                Original-Mail-From: <bounces@example.com>
                Original-Rcpt-To: <%s>
                Arrival-Date: Sat, 28 Nov 2026 10:00:00 +0000
                Reported-Domain: example.com

                --arf
                Content-Type: message/rfc822
                Content-Disposition: inline

                From: letters@example.com
                To: %s
                Subject: Bounce me
                Message-ID: %s

                Hello

                --arf--
                """.formatted(recipient, recipient, messageId).replace("\n", "\r\n");
    }

    public static String dsn(String messageId, String recipient, String status) {
        return """
                From: MAILER-DAEMON@relay.example.com
                To: bounces@example.com
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.com
                Arrival-Date: Sat, 28 Nov 2026 10:00:00 +0000

                Final-Recipient: rfc822; %s
                Action: failed
                Status: %s
                Diagnostic-Code: smtp; 550 %s User unknown

                --b1
                Content-Type: text/rfc822-headers

                Message-ID: %s
                Subject: Bounce me

                --b1--
                """.formatted(recipient, status, status, messageId).replace("\n", "\r\n");
    }

    /** An out-of-office reply, as RFC 3834 marks it (and a subject that says so). */
    public static String autoReply(String from) {
        return """
                From: %s
                To: bounces@example.com
                Subject: Out of office: Bounce me
                Auto-Submitted: auto-replied
                X-Autoreply: yes
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                I am away until Monday with no access to mail.
                """.formatted(from).replace("\n", "\r\n");
    }

    /** A bounce in words only, as some servers write them: no delivery-status part, the code in the text. */
    public static String plainBounce(String recipient, String status) {
        return """
                From: Mail Delivery System <MAILER-DAEMON@old.example.org>
                To: bounces@example.com
                Subject: Mail delivery failed: returning message to sender
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its recipients:

                  %s
                    SMTP error from remote mail server after RCPT TO:<%s>:
                    550 %s Mailbox full or unavailable
                """.formatted(recipient, recipient, status).replace("\n", "\r\n");
    }
}
