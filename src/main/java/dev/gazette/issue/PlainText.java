package dev.gazette.issue;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text alternative of a message, made from its HTML: block elements on their own lines, links
 * followed by their address, images by their alt text, hidden parts (the preheader) left out.
 */
final class PlainText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "table", "blockquote", "pre", "hr", "section", "header", "footer", "article");

    private static final Set<String> STRUCTURE = Set.of("table", "thead", "tbody", "tfoot", "tr", "ul", "ol");

    private PlainText() {
    }

    static String of(String html) {
        Element body = Jsoup.parse(html).body();
        body.select("[style*=display:none], [style*=display: none], script, style, head, [hidden]").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    if (text.isBlank() && text.parentElement() != null
                            && STRUCTURE.contains(text.parentElement().normalName())) {
                        return; // the indentation between rows, cells and list items
                    }
                    boolean pre = text.parent() != null && text.parentElement() != null
                            && text.parentElement().closest("pre") != null;
                    String value = pre ? text.getWholeText() : text.text().replaceAll("\\s+", " ");
                    if (!pre && endsWithBreak(out)) {
                        value = value.stripLeading();
                    }
                    out.append(value);
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (BLOCKS.contains(tag)) {
                        blankLine(out);
                    } else if (tag.equals("br") || tag.equals("tr")) {
                        newLine(out);
                    } else if ((tag.equals("td") || tag.equals("th")) && element.elementSiblingIndex() == 0) {
                        return;
                    } else if (tag.equals("li")) {
                        newLine(out);
                        out.append("- ");
                    } else if (tag.equals("td") || tag.equals("th")) {
                        out.append(" | ");
                    } else if (tag.equals("img") && !element.attr("alt").isBlank()) {
                        out.append('[').append(element.attr("alt")).append(']');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("a")) {
                        String href = element.attr("href");
                        if (!href.isBlank() && !href.startsWith("#") && !element.text().strip().equals(href)) {
                            out.append(" (").append(href).append(')');
                        }
                    } else if (tag.matches("h[1-2]")) {
                        newLine(out);
                        out.append((tag.equals("h1") ? "=" : "-").repeat(Math.min(60, Math.max(3, element.text().length()))));
                    }
                    if (BLOCKS.contains(tag)) {
                        blankLine(out);
                    }
                }
            }
        }, body);
        return tidy(out).strip() + "\n";
    }

    /**
     * Spaces and tabs at the end of a line dropped and runs of blank lines kept to one, in one
     * pass: a regular expression such as {@code [ \t]+\n} goes back over a long run of spaces
     * once for each of them.
     */
    static String tidy(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int spacesFrom = -1; // where the pending spaces and tabs start, or -1
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                if (spacesFrom < 0) {
                    spacesFrom = i;
                }
            } else if (c == '\n') {
                spacesFrom = -1;
                if (++newlines <= 2) {
                    out.append(c);
                }
            } else {
                if (spacesFrom >= 0) {
                    out.append(text, spacesFrom, i);
                    spacesFrom = -1;
                }
                newlines = 0;
                out.append(c);
            }
        }
        if (spacesFrom >= 0) {
            out.append(text, spacesFrom, text.length());
        }
        return out.toString();
    }

    private static boolean endsWithBreak(StringBuilder out) {
        return out.isEmpty() || out.charAt(out.length() - 1) == '\n' || out.charAt(out.length() - 1) == ' ';
    }

    private static void newLine(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static void blankLine(StringBuilder out) {
        newLine(out);
        if (out.length() >= 2 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }
}
