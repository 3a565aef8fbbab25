package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.Test;

/** Our DKIM signatures, checked by an independent implementation (Apache jDKIM). */
class DkimSignerTest {

    private static final String MESSAGE = "From: =?UTF-8?B?67Kk7LmY?= <bench@example.com>\r\n"
            + "To: reader@example.com\r\n"
            + "Subject: A  subject   with runs\r\n"
            + "List-Unsubscribe: <https://example.com/unsubscribe/abc>,\r\n <mailto:u@example.com?subject=x>\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + "A line with  two spaces and\ta tab \t\r\n"
            + "trailing white space   \r\n"
            + "\r\n"
            + "the end\r\n"
            + "\r\n\r\n";

    @Test
    void jdkimVerifiesWhatWeSignAndRefusesATamperedMessage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        DkimSigner signer = new DkimSigner(keys.getPrivate(), "example.com", "s1",
                List.of("From", "To", "Subject", "List-Unsubscribe", "Reply-To"));
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of("v=DKIM1; k=rsa; p=" + publicKey));

        byte[] signed = signer.sign(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(new ByteArrayInputStream(signed))).hasSize(1);
        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;")
                .contains("h=from:to:subject:list-unsubscribe;"); // Reply-To is absent, so not signed

        byte[] tampered = text.replace("unsubscribe/abc", "unsubscribe/evil").getBytes(StandardCharsets.UTF_8);
        // jDKIM refuses a signature that no longer matches its headers with a permanent failure
        assertThatThrownBy(() -> verifier.verify(new ByteArrayInputStream(tampered)))
                .isInstanceOf(PermFailException.class).hasMessageContaining("Header signature does not verify");
        byte[] otherBody = text.replace("the end", "the END").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(new ByteArrayInputStream(otherBody)))
                .isInstanceOf(PermFailException.class).hasMessageContaining("bodyhash is different");
    }

    @Test
    void relaxedBodyCanonicalisationFollowsTheRfcExamples() {
        // RFC 6376 3.4.6: " C \r\nD \t E\r\n\r\n\r\n" becomes " C\r\nD E\r\n"
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(DkimSigner.relaxedBody(body, 0), StandardCharsets.US_ASCII)).isEqualTo(" C\r\nD E\r\n");
        assertThat(DkimSigner.relaxedBody(new byte[0], 0)).isEmpty();
        assertThat(DkimSigner.relaxedHeader("SUBJect: \t A  b \r\n\tc ")).isEqualTo("subject:A b c");
    }
}
