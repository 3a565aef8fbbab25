package dev.gazette.rss;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;

import dev.gazette.publication.PublicationRef;

/**
 * What an issue made from feed items says by default: each item as a Markdown section (its title
 * linking to it, its date and author, the start of its text, a link to read on), which the writer
 * may edit in a draft like any issue. A writer's template gets the items themselves ({@code items},
 * with their sanitized HTML) besides this body.
 */
final class FeedBodies {

    /** An item as stored: what the body and the template are made from. */
    record Stored(long id, String title, String link, String author, Instant publishedAt, String contentHtml) {
    }

    private static final int SUMMARY_CHARS = 600;

    private FeedBodies() {
    }

    static String markdown(List<Stored> items, PublicationRef publication) {
        boolean ko = "ko".equals(publication.locale());
        StringBuilder body = new StringBuilder();
        for (Stored item : items) {
            if (!body.isEmpty()) {
                body.append("\n---\n\n");
            }
            String title = item.title() == null ? (ko ? "(제목 없음)" : "(untitled)") : item.title();
            body.append("## ").append(item.link() == null ? escape(title) : link(escape(title), item.link()))
                    .append("\n\n");
            String byline = byline(item, publication);
            if (!byline.isEmpty()) {
                body.append('*').append(escape(byline)).append("*\n\n");
            }
            String summary = summary(item.contentHtml());
            if (!summary.isEmpty()) {
                body.append(escape(summary)).append("\n\n");
            }
            if (item.link() != null) {
                body.append(link(ko ? "전체 글 읽기 →" : "Read on →", item.link())).append("\n\n");
            }
        }
        return body.toString();
    }

    static String byline(Stored item, PublicationRef publication) {
        String date = item.publishedAt() == null ? null : date(item.publishedAt(), publication);
        if (date != null && item.author() != null) {
            return date + " · " + item.author();
        }
        return date != null ? date : item.author() == null ? "" : item.author();
    }

    static String date(Instant when, PublicationRef publication) {
        Locale locale = "ko".equals(publication.locale()) ? Locale.KOREAN : Locale.ENGLISH;
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .format(when.atZone(ZoneId.of(publication.timeZone())));
    }

    /** The start of the item's text, cut at a word. */
    static String summary(String html) {
        if (html == null) {
            return "";
        }
        String text = Jsoup.parse(html).text().replaceAll("\\s+", " ").strip();
        if (text.length() <= SUMMARY_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SUMMARY_CHARS);
        return text.substring(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS) + " …";
    }

    /** A Markdown link whose destination is taken literally (angle brackets allow spaces and parentheses). */
    private static String link(String text, String url) {
        String safe = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20");
        return "[" + text + "](<" + safe + ">)";
    }

    /** Text that Markdown shows as is: its punctuation escaped, no line breaks. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.replaceAll("[\\r\\n]+", " ").toCharArray()) {
            if ("\\`*_{}[]()<>#+-.!|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
