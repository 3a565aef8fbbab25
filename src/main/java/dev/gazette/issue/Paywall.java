package dev.gazette.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an issue's body stops for those who have not paid. The writer puts one line {@code <!--
 * paywall -->} in the Markdown: what is above it is the free part, what is below it is for paid
 * members. Without the marker, the whole body is free, unless the issue's access is {@code paid}
 * (then all of it is for members). The cut is made on the Markdown, before anything is rendered,
 * so nothing below the marker can reach a page, a feed or a mail made for a non-member.
 */
public final class Paywall {

    /** The marker as the writer types it, on a line of its own. */
    public static final String MARKER = "<!-- paywall -->";

    // the marker on a line of its own, spaces around it and inside the comment allowed
    private static final Pattern LINE = Pattern.compile("(?m)^[ \\t]*<!--[ \\t]*paywall[ \\t]*-->[ \\t]*\\r?$");

    /** The body's two parts; {@code paid} is empty when nothing is kept for members. */
    public record Parts(String free, String paid) {

        public boolean paywalled() {
            return !paid.isBlank();
        }
    }

    private Paywall() {
    }

    static Parts split(String markdown, IssueAccess access) {
        String body = markdown == null ? "" : markdown;
        List<int[]> markers = markers(body);
        if (!markers.isEmpty()) {
            return new Parts(body.substring(0, markers.get(0)[0]), body.substring(markers.get(0)[1]));
        }
        return access == IssueAccess.paid ? new Parts("", body) : new Parts(body, "");
    }

    // a fenced code block's opening or closing line: up to three spaces, then three or more ` or ~
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    /**
     * Where the marker lines are (start and end of each), leaving out those inside a fenced code
     * block: a writer who shows the marker in a code sample means the text, not the cut. A fence
     * closes with the same character, at least as long, as CommonMark says; an unclosed one runs
     * to the end.
     */
    static List<int[]> markers(String body) {
        List<int[]> found = new ArrayList<>();
        String fence = null;
        int start = 0;
        while (start <= body.length()) {
            int newline = body.indexOf('\n', start);
            int end = newline < 0 ? body.length() : newline;
            String line = body.substring(start, end);
            Matcher f = FENCE.matcher(line);
            if (fence == null && f.find()) {
                fence = f.group(1);
            } else if (fence != null && f.find() && f.group(1).charAt(0) == fence.charAt(0)
                    && f.group(1).length() >= fence.length() && line.substring(f.end()).isBlank()) {
                fence = null;
            } else if (fence == null && LINE.matcher(line).matches()) {
                found.add(new int[]{start, end});
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return found;
    }

    /**
     * What of the body this reader may read: everything for a member; for anyone else the free
     * part, and for a stranger nothing when the issue is for subscribers.
     */
    static String visible(String markdown, IssueAccess access, ReaderLevel level) {
        Parts parts = split(markdown, access);
        if (level == ReaderLevel.MEMBER) {
            // the marker lines go, those quoted in code stay
            String body = markdown == null ? "" : markdown;
            StringBuilder whole = new StringBuilder(body);
            List<int[]> markers = markers(body);
            for (int i = markers.size() - 1; i >= 0; i--) {
                whole.delete(markers.get(i)[0], markers.get(i)[1]);
            }
            return whole.toString();
        }
        if (access == IssueAccess.subscribers && level == ReaderLevel.STRANGER) {
            return "";
        }
        return parts.free();
    }

    /** Whether this reader misses part of the issue, so the page or mail says how to read the rest. */
    static boolean cut(String markdown, IssueAccess access, ReaderLevel level) {
        if (level == ReaderLevel.MEMBER) {
            return false;
        }
        Parts parts = split(markdown, access);
        return parts.paywalled() || (access == IssueAccess.subscribers && level == ReaderLevel.STRANGER
                && !parts.free().isBlank());
    }

    /** What a reader who misses part of an issue is told, in the publication's language. */
    public record Words(String title, String text, String join, String subscribeTitle, String subscribeText) {

        static Words of(String locale) {
            return "ko".equals(locale)
                    ? new Words("이어지는 내용은 유료 구독자만 읽을 수 있어요",
                            "유료 구독을 시작하면 이 글의 나머지와 앞으로의 유료 글을 모두 읽을 수 있어요.", "유료 구독 시작하기",
                            "구독자만 읽을 수 있는 글이에요", "무료로 구독하면 이 글을 메일과 웹에서 읽을 수 있어요.")
                    : new Words("The rest of this issue is for paid members",
                            "Become a paid member to read the rest of this issue and every paid one to come.",
                            "Become a paid member", "This issue is for subscribers",
                            "Subscribe for free to read it in your mailbox and on the web.");
        }
    }

    /**
     * The box that ends a free reader's mail where the paid part would begin: its link opens the
     * issue's web page as that reader, where they can become a member.
     *
     * @param link the reader's own link to the web version (or a stand-in for it), unescaped
     */
    static String emailBox(String locale, String link) {
        Words w = Words.of(locale);
        return "<div style=\"margin:32px 0;padding:20px;border:1px solid #e5e7eb;border-radius:8px;text-align:center\">"
                + "<p style=\"font-weight:bold;margin:0 0 8px\">" + w.title() + "</p>"
                + "<p style=\"margin:0 0 16px;color:#4b5563\">" + w.text() + "</p>"
                + "<a href=\"" + IssueRenderer.escape(link) + "#paywall\" style=\"display:inline-block;padding:10px 18px;"
                + "background:#111827;color:#ffffff;border-radius:6px;text-decoration:none\">" + w.join() + "</a></div>";
    }

    /** Who reads an issue: the page or mail is made for one of these. */
    public enum ReaderLevel {
        STRANGER, SUBSCRIBER, MEMBER
    }
}
