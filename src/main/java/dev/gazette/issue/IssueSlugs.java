package dev.gazette.issue;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.gazette.core.DomainException;

/**
 * Issue slugs: lower-case letters, digits and inner hyphens, unique in their publication, and
 * never the name of a sub-path of the issue page ({@code /p/{slug}/{issueSlug}/comments} ...).
 */
final class IssueSlugs {

    static final Pattern FORMAT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?");
    static final Set<String> RESERVED = Set.of("comments", "like", "likes", "tips", "notes", "subscribe", "feed",
            "feed.xml", "images", "preview");

    private IssueSlugs() {
    }

    static String requireValid(String slug) {
        if (slug == null || !FORMAT.matcher(slug).matches() || slug.contains("--")) {
            throw DomainException.invalidField("slug", "invalid_slug",
                    "must be 1 to 80 lower-case letters, digits and single inner hyphens");
        }
        if (RESERVED.contains(slug)) {
            throw DomainException.invalidField("slug", "reserved_slug", "is the name of a page of the issue");
        }
        return slug;
    }

    /** A slug made from the title's Latin letters and digits, or a random one for titles without Latin letters. */
    static String fromTitle(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (ascii.length() > 60) {
            ascii = ascii.substring(0, 60).replaceAll("-+$", "");
        }
        if (!ascii.matches(".*[a-z].*") || RESERVED.contains(ascii)) { // "1" from "내일의 기술 1호" says nothing
            return "issue-" + UUID.randomUUID().toString().substring(0, 8);
        }
        return ascii;
    }
}
