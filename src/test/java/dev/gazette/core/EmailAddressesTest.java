package dev.gazette.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@b", "a@@b.com", "a@b.com.", "@b.com", "a@", "plain", "a b@c.com", "a@b..com",
            ".a@b.com", "a.@b.com", "a..b@c.com", "a@-b.com", "a@b-.com", "a@b.c", "a@b.123", "\"quoted\"@b.com",
            "a@[127.0.0.1]", "a@b.com\r\nBcc: x@y.com", "a@b.com\n", "a\r@b.com", "a@b.com\u2028"})
    void refuses(String address) {
        assertThat(EmailAddresses.normalize(address)).as(address).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 300, 5000})
    void refusesOverlongAddresses(int length) {
        String address = "a".repeat(length - "@example.com".length()) + "@example.com";
        assertThat(EmailAddresses.normalize(address)).isEmpty();
        String longLocal = "a".repeat(65) + "@example.com";
        assertThat(EmailAddresses.normalize(longLocal)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "Reader@Example.COM, reader@example.com",
            "'  reader@example.com  ', reader@example.com",
            "first.last+news@sub.example.co.kr, first.last+news@sub.example.co.kr",
            "o'brien@example.ie, o'brien@example.ie",
            "reader@한국.kr, reader@xn--3e0b707e.kr",
            "x@xn--3e0b707e.xn--3e0b707e, x@xn--3e0b707e.xn--3e0b707e"})
    void normalizes(String input, String normal) {
        assertThat(EmailAddresses.normalize(input)).contains(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain subject", "한국어 제목", ""})
    void singleLineValuesPass(String value) {
        assertThat(HeaderValues.requireSingleLine("subject", value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nBcc: x@y.com", "a\u0085b", "a\u2028b"})
    void lineBreaksAreRefusedWithACode(String value) {
        DomainException refused = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
                () -> HeaderValues.requireSingleLine("subject", value));
        assertThat(refused.code()).isEqualTo("header_injection");
        assertThat(refused.fieldErrors()).extracting(FieldError::field).containsExactly("subject");
    }

    @Test
    void logTextsLoseEveryAddressTheyQuote() {
        assertThat(EmailAddresses.masked("550 5.7.1 <Min.Ji+news@Example.co.kr>: Relay access denied; sender x@y.z"))
                .isEqualTo("550 5.7.1 <[address]>: Relay access denied; sender [address]");
        assertThat(EmailAddresses.masked("rendering failed: no such key")).isEqualTo("rendering failed: no such key");
        assertThat(EmailAddresses.masked(null)).isNull();
    }
}
