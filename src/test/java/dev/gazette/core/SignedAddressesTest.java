package dev.gazette.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedAddresses.Kind;
import dev.gazette.core.SignedAddresses.Parsed;

/** The signed addresses of the bounce domain: made, read back, and refused when anything is off. */
class SignedAddressesTest {

    private final SignedTokens tokens = new SignedTokens(Optional.of("a secret for these tests"), null, Clock.systemUTC());
    private final SignedAddresses addresses = new SignedAddresses(tokens, Optional.of(" Bounce.Example.com "));

    @Test
    void withoutABounceDomainThereAreNoSignedAddresses() {
        SignedAddresses off = new SignedAddresses(tokens, Optional.empty());
        assertThat(off.address(Kind.BOUNCE, 7)).isEmpty();
        assertThat(off.parse(addresses.address(Kind.BOUNCE, 7).orElseThrow())).isEmpty();
        assertThat(new SignedAddresses(tokens, Optional.of("  ")).domain()).isEmpty();
    }

    @Test
    void anAddressReadsBackToItsKindAndIdWhateverTheCase() {
        String bounce = addresses.address(Kind.BOUNCE, 42).orElseThrow();
        assertThat(bounce).matches("b-42-[0-9a-f]{20}@bounce\\.example\\.com");
        assertThat(addresses.parse(bounce)).contains(new Parsed(Kind.BOUNCE, 42));
        assertThat(addresses.parse("<" + bounce.toUpperCase() + ">")).contains(new Parsed(Kind.BOUNCE, 42));
        String unsubscribe = addresses.address(Kind.UNSUBSCRIBE, 42).orElseThrow();
        assertThat(addresses.parse(unsubscribe)).contains(new Parsed(Kind.UNSUBSCRIBE, 42));
        // the largest id still fits a local part (64 characters at most)
        String largest = addresses.address(Kind.BOUNCE, Long.MAX_VALUE).orElseThrow();
        assertThat(largest.substring(0, largest.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        assertThat(addresses.parse(largest)).contains(new Parsed(Kind.BOUNCE, Long.MAX_VALUE));
    }

    @Test
    void aWrongTagKindIdOrDomainIsRefused() {
        String bounce = addresses.address(Kind.BOUNCE, 42).orElseThrow();
        String tag = bounce.substring("b-42-".length(), bounce.indexOf('@'));
        assertThat(addresses.parse("b-43-" + tag + "@bounce.example.com")).isEmpty();
        assertThat(addresses.parse("u-42-" + tag + "@bounce.example.com")).isEmpty();
        assertThat(addresses.parse("b-42-" + tag + "@example.com")).isEmpty();
        assertThat(addresses.parse("b-42-" + "0".repeat(20) + "@bounce.example.com")).isEmpty();
        assertThat(addresses.parse("postmaster@bounce.example.com")).isEmpty();
        assertThat(addresses.parse(null)).isEmpty();
        // another key makes other tags
        SignedTokens other = new SignedTokens(Optional.of("another secret"), null, Clock.systemUTC());
        assertThat(new SignedAddresses(other, Optional.of("bounce.example.com")).parse(bounce)).isEmpty();
    }
}
