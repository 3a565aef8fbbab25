package dev.gazette.subscriber;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.gazette.core.DomainException;

/** Subscriber tags: lower case, 1 to 64 letters, digits, spaces, dots, hyphens and underscores. */
final class Tags {

    static final int MAX_PER_SUBSCRIBER = 50;
    private static final Pattern FORMAT = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");

    private Tags() {
    }

    /** The tag in normal form, or empty when it is not a valid tag. */
    static Optional<String> normalize(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String normal = tag.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return FORMAT.matcher(normal).matches() ? Optional.of(normal) : Optional.empty();
    }

    /** The tags in normal form, in order and without repeats; refuses an invalid one. */
    static String[] require(String field, Collection<String> tags) {
        Set<String> normal = new LinkedHashSet<>();
        for (String tag : tags) {
            normal.add(normalize(tag).orElseThrow(() -> DomainException.invalidField(field, "invalid_tag",
                    "tags are 1 to 64 letters, digits, spaces, dots, hyphens or underscores")));
        }
        if (normal.size() > MAX_PER_SUBSCRIBER) {
            throw DomainException.invalidField(field, "too_many_tags", "at most " + MAX_PER_SUBSCRIBER + " tags");
        }
        return normal.toArray(String[]::new);
    }
}
