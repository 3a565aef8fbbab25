package dev.gazette.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mail addresses on the bounce domain ({@code gazette.inbound.bounce-domain}) that authenticate
 * the mail sent to them: {@code b-<delivery id>-<tag>@bounce.example} is a delivery's envelope
 * sender (VERP), {@code u-<subscriber id>-<tag>@bounce.example} a subscriber's {@code mailto:}
 * unsubscribe address. The tag is the first 80 bits of the {@link SignedTokens} signature for a
 * purpose of its own kind, in lower-case hex: short enough for a local part (64 characters at
 * most), and unchanged by relays that lower-case addresses. Nobody without the key can make the
 * address of another delivery or subscriber.
 * <p>
 * With no bounce domain configured there are no such addresses: mail keeps its sender's address as
 * envelope sender and its {@code mailto:} as before.
 */
@ApplicationScoped
public class SignedAddresses {

    /** What an address stands for; its letter starts the local part. */
    public enum Kind {
        /** A delivery's envelope sender: bounces and complaints come back to it. */
        BOUNCE("b"),
        /** A subscriber's {@code mailto:} unsubscribe address. */
        UNSUBSCRIBE("u");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern LOCAL = Pattern.compile("([bu])-(\\d{1,19})-([0-9a-f]{20})");
    private static final int TAG_BYTES = 10;

    private final SignedTokens tokens;
    private final Optional<String> domain;

    SignedAddresses(SignedTokens tokens, @ConfigProperty(name = "gazette.inbound.bounce-domain") Optional<String> domain) {
        this.tokens = tokens;
        this.domain = domain.map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
                .map(d -> HeaderValues.requireSingleLine("gazette.inbound.bounce-domain", d));
    }

    /** The bounce domain, when one is configured. */
    public Optional<String> domain() {
        return domain;
    }

    /** The signed address of this kind for this id; empty without a bounce domain. */
    public Optional<String> address(Kind kind, long id) {
        return domain.map(d -> kind.prefix + "-" + id + "-" + tag(kind, id) + "@" + d);
    }

    /** A signed address that this server made, read back. */
    public record Parsed(Kind kind, long id) {
    }

    /**
     * The kind and id of an address on the bounce domain whose tag is right; empty for any other
     * address (another domain, an unknown shape, a wrong tag). Case does not matter.
     */
    public Optional<Parsed> parse(String address) {
        if (domain.isEmpty() || address == null) {
            return Optional.empty();
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(at + 1).equals(domain.get())) {
            return Optional.empty();
        }
        Matcher m = LOCAL.matcher(a.substring(0, at));
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(1).equals("b") ? Kind.BOUNCE : Kind.UNSUBSCRIBE;
        long id;
        try {
            id = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // the expected tag is computed, then compared in constant time
        byte[] expected = tag(kind, id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = m.group(3).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(new Parsed(kind, id)) : Optional.empty();
    }

    /** Whether an address is on the bounce domain at all (whatever its local part). */
    public boolean onBounceDomain(String address) {
        if (domain.isEmpty() || address == null) {
            return false;
        }
        String a = address.strip().toLowerCase(Locale.ROOT).replaceAll("^<|>$", "");
        return a.endsWith("@" + domain.get());
    }

    private String tag(Kind kind, long id) {
        String token = tokens.sign("mailbox-" + kind.prefix, id);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
        return HexFormat.of().formatHex(Arrays.copyOf(signature, TAG_BYTES));
    }
}
