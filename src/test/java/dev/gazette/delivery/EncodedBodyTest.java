package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import dev.gazette.core.DomainException;

/** The issue email's own writer, read back by a mail library as a mail client would. */
class EncodedBodyTest {

    private static final String A = "https://gazette.invalid/x7a9q";
    private static final String B = "https://gazette.invalid/x7b9q";
    private static final String ENGLISH = "Hello, reader.\n.A line that starts with a dot = trouble\n"
            + "A long line " + "that goes on and on ".repeat(20) + "\ntrailing space \nnaïve café — done " + A + "\n"
            + "and " + B + " " + A + "\n";
    private static final String KOREAN = "<p>안녕하세요, 독자님. <a href=\"" + A + "\">이번 주</a> 소식입니다.</p>\n"
            + "<p>새로운 모델이 공개되었습니다 🎉 <a href=\"" + B + "\">x</a></p>\n<img src=\"" + A + "\">";

    @Test
    void eachMessageDecodesToTheContentWithItsOwnLinks() throws Exception {
        EncodedBody body = EncodedBody.of("=_gz_1_2", ENGLISH, KOREAN, Set.of(A, B));
        // links of every length modulo three, so that base64 groups straddle pieces in every way
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 4; b++) {
                String linkA = "https://example.com/u/" + "x".repeat(a) + "?q=1&r=2";
                String linkB = "https://example.com/p/" + "y".repeat(b);
                byte[] raw = body.write(new HeaderBlock().header("Subject", "=?UTF-8?B?7JWI64WV?=").bytes("=_gz_1_2"),
                        Map.of(A, linkA, B, linkB));
                MimeMultipart parts = parts(raw);
                assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
                assertThat(parts.getBodyPart(0).getContent())
                        .isEqualTo(ENGLISH.replace(A, linkA).replace(B, linkB).replace("\n", "\r\n"));
                assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("base64");
                assertThat(parts.getBodyPart(1).getContent()).isEqualTo(KOREAN
                        .replace(A, linkA.replace("&", "&amp;")).replace(B, linkB).replace("\n", "\r\n"));
            }
        }
    }

    @Test
    void aMessageWithoutStandInsIsEncodedForItself() throws Exception {
        byte[] raw = EncodedBody.of("=_gz_1_2", "plain", "<p>한국어</p>", Set.of())
                .write(new HeaderBlock().header("Subject", "x").bytes("=_gz_1_2"), Map.of());
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(message.getSubject()).isEqualTo("x");
        assertThat(((MimeMultipart) message.getContent()).getBodyPart(1).getContent()).isEqualTo("<p>한국어</p>");
    }

    @Test
    void everyLineIsShortNoLineOpensWithADotAndEveryBreakIsCrLf() {
        byte[] raw = EncodedBody.of("=_gz_1_2", ENGLISH, KOREAN, Set.of(A, B)).write(new HeaderBlock()
                .header("List-Unsubscribe", "<https://example.com/unsubscribe/" + "a".repeat(120)
                        + ">, <mailto:unsubscribe@example.com?subject=unsubscribe>")
                .bytes("=_gz_1_2"),
                Map.of(A, ".starts-with-a-dot", B, "x".repeat(300)));
        String message = new String(raw, StandardCharsets.US_ASCII);
        for (String line : message.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(998);
            assertThat(line).doesNotStartWith(".");
            assertThat(line).doesNotEndWith(" ");
        }
        assertThat(message).doesNotContainPattern("[^\r]\n");
    }

    @Test
    void aHeaderValueWithALineBreakOrRawUnicodeIsRefused() {
        assertThatThrownBy(() -> new HeaderBlock().header("Subject", "hi\r\nBcc: victim@example.com"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("header_injection"));
        assertThatThrownBy(() -> new HeaderBlock().header("Subject", "안녕")).isInstanceOf(IllegalArgumentException.class);
    }

    private static MimeMultipart parts(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(message.getSubject()).isEqualTo("안녕");
        return (MimeMultipart) message.getContent();
    }
}
