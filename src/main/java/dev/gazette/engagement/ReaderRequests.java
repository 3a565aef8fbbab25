package dev.gazette.engagement;

/** The JSON bodies readers send; forms carry the same fields ({@code r} for the token). */
final class ReaderRequests {

    private ReaderRequests() {
    }

    record CommentBody(String body, String name, String email, Long parentId, String token) {
    }

    record CommentEdit(String body, String token) {
    }

    record ReaderToken(String token) {
    }

    record TipBody(Integer coffees, String name, String email, String message, String currency, String token) {
    }

    record NoteBody(String email, String message) {
    }

    record Reply(Long issueId, Long parentId, String body) {
    }

    record Moderation(String status, Boolean pinned) {
    }

    record Policy(String commentPolicy, String commentModeration) {
    }

    /** Block a comment's author, or an address: one of the two. */
    record BlockRequest(Long commentId, String email) {
    }

    record LegalBody(String title, String bodyMarkdown) {
    }

    /** The writer marks a note read or unread. */
    record NoteMark(Boolean read) {
    }
}
