package dev.gazette.engagement;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Markdown that someone other than the writer typed (comments; footer pages too), turned into HTML
 * that cannot carry script: CommonMark with raw HTML escaped and unsafe URLs dropped, then jsoup's
 * allow-list as a second, independent barrier (no style, no event handlers, no iframes, links only
 * to http, https and mailto, each marked {@code nofollow ugc}).
 */
final class StrangerMarkdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    /** Comments: text formatting, lists, quotes, code and links; no images, no headings. */
    private static final Safelist COMMENT = Safelist.basic()
            .removeTags("span", "cite", "dl", "dt", "dd", "small", "sub", "sup")
            .removeProtocols("a", "href", "ftp")
            .addAttributes("a", "rel")
            .removeEnforcedAttribute("a", "rel");

    /** Pages an admin writes: the same, with headings. */
    private static final Safelist PAGE = Safelist.basic().addTags("h1", "h2", "h3", "h4", "hr");

    private StrangerMarkdown() {
    }

    static String comment(String markdown) {
        return clean(markdown, COMMENT, true);
    }

    static String page(String markdown) {
        return clean(markdown, PAGE, false);
    }

    private static String clean(String markdown, Safelist safelist, boolean ugc) {
        String html = RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        Document document = Jsoup.parseBodyFragment(Jsoup.clean(html, "", safelist, output));
        document.outputSettings(output);
        if (ugc) {
            document.select("a[href]").attr("rel", "nofollow ugc noopener").attr("target", "_blank");
        }
        return document.body().html().strip();
    }
}
