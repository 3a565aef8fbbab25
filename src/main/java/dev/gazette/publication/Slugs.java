package dev.gazette.publication;

import java.util.Set;
import java.util.regex.Pattern;

import dev.gazette.core.DomainException;

/**
 * Publication slugs: 3 to 40 lower-case letters, digits and inner hyphens, never a word the
 * platform uses for itself in a URL.
 */
final class Slugs {

    static final Pattern FORMAT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]");
    static final Set<String> RESERVED = Set.of(
            "about", "account", "accounts", "admin", "administrator", "api", "app", "assets", "auth", "billing",
            "blog", "confirm", "contact", "css", "dashboard", "docs", "feed", "feedback", "help", "home", "images",
            "img", "js", "login", "logout", "mail", "me", "new", "null", "outbox", "p", "pages", "preferences",
            "privacy", "q", "root", "rss", "settings", "signup", "static", "stats", "status", "support", "system",
            "t", "terms", "undefined", "unsubscribe", "webhook", "webhooks", "www", "gazette", "postmaster",
            "abuse", "noreply", "no-reply");

    private Slugs() {
    }

    static String requireValid(String slug) {
        if (slug == null || !FORMAT.matcher(slug).matches() || slug.contains("--")) {
            throw DomainException.invalidField("slug", "invalid_slug",
                    "must be 3 to 40 lower-case letters, digits and single inner hyphens");
        }
        if (RESERVED.contains(slug)) {
            throw DomainException.invalidField("slug", "reserved_slug", "is reserved by the platform");
        }
        return slug;
    }
}
