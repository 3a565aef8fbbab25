package dev.gazette.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignedTokensTest {

    @Inject
    SignedTokens tokens;

    @Test
    void aTokenVerifiesForItsPurposeOnly() {
        String token = tokens.sign("unsubscribe", 42);
        assertThat(tokens.verifyId("unsubscribe", token)).contains(42L);
        assertThat(tokens.verifyId("preferences", token)).isEmpty();
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = tokens.sign("unsubscribe", 42);
        String otherSubject = tokens.sign("unsubscribe", 43);
        String forged = otherSubject.substring(0, otherSubject.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(tokens.verify("unsubscribe", forged)).isEmpty();
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.verify("unsubscribe", token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(tokens.verify("unsubscribe", "garbage")).isEmpty();
        assertThat(tokens.verify("unsubscribe", "a.b.c")).isEmpty();
        assertThat(tokens.verify("unsubscribe", null)).isEmpty();
    }

    @Test
    void aTokenSpelledWithOtherSpareBitsIsRefused() {
        String token = tokens.sign("unsubscribe", 42);
        // 32 signature bytes take 43 base64 characters; the last one has two spare bits
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        char sameBytes = alphabet.charAt(alphabet.indexOf(last) + 1);
        assertThat(tokens.verify("unsubscribe", token)).contains("42");
        assertThat(tokens.verify("unsubscribe", token.substring(0, token.length() - 1) + sameBytes)).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = tokens.sign("confirm", "7", Instant.now().minus(1, ChronoUnit.MINUTES));
        String live = tokens.sign("confirm", "7", Instant.now().plus(1, ChronoUnit.DAYS));
        assertThat(tokens.verify("confirm", expired)).isEmpty();
        assertThat(tokens.verify("confirm", live)).contains("7");
    }
}
