package dev.gazette.rss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * RSS 0.9x, 1.0 and 2.0 and Atom, through Rome, into items with a stable identity: the item's guid
 * or id, else its link, else a hash of its title and content. A document type declaration is
 * refused (Rome's default, set here explicitly), so no external entity is ever resolved. Feed HTML
 * is untrusted: it is sanitized here, once, before anything stores or renders it.
 */
final class FeedParser {

    /** A feed as read: its title and its items in the feed's order. */
    record Parsed(String title, List<Item> items) {
    }

    /** One item: {@code key} is the SHA-256 of {@code identity}; {@code contentHtml} is sanitized. */
    record Item(String key, String identity, String title, String link, String author, Instant publishedAt,
            String contentHtml) {
    }

    static final class NotAFeed extends Exception {
        NotAFeed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What feed HTML may keep: text formatting, lists, quotes, code, tables, links and images (http(s) only). */
    private static final Safelist CONTENT = Safelist.relaxed().removeProtocols("a", "href", "ftp")
            .removeTags("colgroup", "col");

    private static final int MAX_CONTENT_CHARS = 100_000;

    private FeedParser() {
    }

    static Parsed parse(byte[] body) throws NotAFeed {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(true);
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), true, StandardCharsets.UTF_8.name())) {
            feed = input.build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new NotAFeed("Not an RSS or Atom feed: " + clip(firstLine(e.getMessage()), 300));
        }
        List<Item> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            items.add(item(entry));
        }
        return new Parsed(clip(text(feed.getTitle()), 300), items);
    }

    private static Item item(SyndEntry entry) {
        String link = blankToNull(entry.getLink());
        if (link != null && (link.length() > 2000 || FeedFetcher.parse(link) == null)) {
            link = null; // only http(s) links reach mail
        }
        String title = clip(title(entry), 500);
        String content = content(entry, link);
        String identity = blankToNull(entry.getUri());
        if (identity == null) {
            identity = link;
        }
        if (identity == null) {
            identity = "hash:" + sha256(nullToEmpty(title) + "\n" + nullToEmpty(content));
        }
        identity = clip(identity.strip(), 2000);
        Instant published = entry.getPublishedDate() != null
                ? entry.getPublishedDate().toInstant()
                : entry.getUpdatedDate() == null ? null : entry.getUpdatedDate().toInstant();
        return new Item(sha256(identity), identity, title, link, clip(text(entry.getAuthor()), 300), published, content);
    }

    /** The item's full content when there is one, else its description; sanitized, links made absolute. */
    private static String content(SyndEntry entry, String link) {
        SyndContent chosen = entry.getContents().isEmpty() ? entry.getDescription() : entry.getContents().get(0);
        if (chosen == null || chosen.getValue() == null || chosen.getValue().isBlank()) {
            return null;
        }
        String value = chosen.getValue();
        if (value.length() > MAX_CONTENT_CHARS) {
            value = value.substring(0, MAX_CONTENT_CHARS);
        }
        String type = chosen.getType() == null ? "html" : chosen.getType().toLowerCase(java.util.Locale.ROOT);
        boolean html = type.contains("html");
        if (!html) {
            value = org.jsoup.nodes.Entities.escape(value);
        }
        return sanitize(value, link);
    }

    static String sanitize(String html, String base) {
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        String clean = Jsoup.clean(html, base == null ? "" : base, CONTENT, output);
        Document document = Jsoup.parseBodyFragment(clean);
        document.outputSettings(output);
        document.select("a[href]").attr("rel", "noopener");
        String result = document.body().html().strip();
        return result.isEmpty() ? null : result;
    }

    /** The item's title as plain text: markup only where the feed says the title is HTML, else entities decoded. */
    private static String title(SyndEntry entry) {
        SyndContent title = entry.getTitleEx();
        if (title == null || title.getValue() == null || title.getValue().isBlank()) {
            return null;
        }
        String type = title.getType() == null ? "text" : title.getType().toLowerCase(java.util.Locale.ROOT);
        if (type.contains("html")) {
            return text(title.getValue());
        }
        String plain = Parser.unescapeEntities(title.getValue(), false).replaceAll("\\s+", " ").strip();
        return plain.isEmpty() ? null : plain;
    }

    /** Plain text of a title or name that may hold markup or entities. */
    static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = Jsoup.parse(value).text().replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? null : text;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
