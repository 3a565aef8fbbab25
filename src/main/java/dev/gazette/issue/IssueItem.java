package dev.gazette.issue;

import io.quarkus.qute.RawString;

/**
 * One item of a followed feed as a template sees it, in {@code {#for item in items}}: its title,
 * link, date (in the publication's language and time zone), author, and content, which is the
 * feed's HTML already sanitized (so not escaped again). Built by the feature that owns the items.
 */
public record IssueItem(String title, String link, String date, String author, RawString content) {
}
