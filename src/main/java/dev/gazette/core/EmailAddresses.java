package dev.gazette.core;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a string is a mailable address, and its normal form. Stricter
 * than RFC 5322 on purpose: no quoted local parts, no IP literals, no trailing dots, a real domain
 * with a top-level label, nothing that could break a header.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern
            .compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("([a-z]{2,63}|xn--[a-z0-9-]{1,59})");
    /** Anything shaped like an address, loosely: what a relay's reply or an error message may quote. */
    private static final Pattern ANY_ADDRESS = Pattern.compile("[^\\s<>\"'()\\[\\],;:@]+@[^\\s<>\"'()\\[\\],;:@]+");

    private EmailAddresses() {
    }

    /** The normal form (trimmed, lower case, ASCII domain), or empty when not a mailable address. */
    public static Optional<String> normalize(String input) {
        if (input == null || HeaderValues.hasLineBreak(input)) {
            return Optional.empty();
        }
        String address = input.strip();
        if (address.isEmpty() || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (local.length() > 64 || !LOCAL.matcher(local).matches() || !validDomain(domain)) {
            return Optional.empty();
        }
        String normal = (local + "@" + domain).toLowerCase(Locale.ROOT);
        return normal.length() > MAX_LENGTH ? Optional.empty() : Optional.of(normal);
    }

    /**
     * The text with every address-like word replaced by {@code [address]}: for log lines that quote
     * a relay's reply or an error, which must not name a reader (the log outlives an erasure).
     */
    public static String masked(String text) {
        return text == null ? null : ANY_ADDRESS.matcher(text).replaceAll("[address]");
    }

    public static boolean isValid(String input) {
        return normalize(input).isPresent();
    }

    private static boolean validDomain(String domain) {
        if (domain.length() > 253 || domain.endsWith(".")) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
    }
}
