package dev.gazette.issue;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Inline styles for the body HTML of an email: mail clients (Gmail, Outlook) ignore or strip
 * style sheets, so every element carries its own look. Colours stay neutral so that clients that
 * invert for dark mode keep the text readable.
 */
final class EmailStyles {

    private static final String FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,"
            + "'Apple SD Gothic Neo','Malgun Gothic',sans-serif;";
    private static final Map<String, String> STYLES = Map.ofEntries(
            Map.entry("p", "margin:0 0 16px;font-size:16px;line-height:1.7;"),
            Map.entry("h1", "margin:32px 0 12px;font-size:24px;line-height:1.35;"),
            Map.entry("h2", "margin:28px 0 12px;font-size:21px;line-height:1.4;"),
            Map.entry("h3", "margin:24px 0 10px;font-size:18px;line-height:1.4;"),
            Map.entry("h4", "margin:20px 0 8px;font-size:16px;"),
            Map.entry("ul", "margin:0 0 16px;padding-left:24px;font-size:16px;line-height:1.7;"),
            Map.entry("ol", "margin:0 0 16px;padding-left:24px;font-size:16px;line-height:1.7;"),
            Map.entry("blockquote", "margin:0 0 16px;padding:4px 16px;border-left:4px solid #c9ced6;color:#555e69;"),
            Map.entry("pre", "margin:0 0 16px;padding:12px;background:#f3f4f6;border-radius:6px;overflow:auto;"
                    + "font-size:14px;white-space:pre-wrap;"),
            Map.entry("code", "font-family:Menlo,Consolas,monospace;font-size:14px;"),
            Map.entry("img", "max-width:100%;height:auto;border:0;display:block;margin:8px 0;"),
            Map.entry("table", "border-collapse:collapse;width:100%;margin:0 0 16px;font-size:15px;"),
            Map.entry("th", "border:1px solid #d0d7de;padding:6px 10px;text-align:left;background:#f3f4f6;"),
            Map.entry("td", "border:1px solid #d0d7de;padding:6px 10px;"),
            Map.entry("a", "color:#2563eb;text-decoration:underline;"),
            Map.entry("hr", "border:0;border-top:1px solid #d0d7de;margin:24px 0;"));

    private EmailStyles() {
    }

    static String inline(String bodyHtml) {
        Document document = Jsoup.parseBodyFragment(bodyHtml);
        document.outputSettings().prettyPrint(false);
        for (Element element : document.body().getAllElements()) {
            String style = STYLES.get(element.normalName());
            if (style != null) {
                element.attr("style", (element.normalName().startsWith("h") && !element.normalName().equals("hr")
                        ? FONT
                        : "") + style);
            }
            if (element.normalName().equals("img") && !element.hasAttr("alt")) {
                element.attr("alt", "");
            }
        }
        return document.body().html();
    }
}
