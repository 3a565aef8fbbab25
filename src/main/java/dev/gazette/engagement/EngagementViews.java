package dev.gazette.engagement;

import java.math.BigDecimal;
import java.time.Instant;

/** What the writer API shows of what readers sent. */
final class EngagementViews {

    private EngagementViews() {
    }

    /** @param writer whether the writer (or an admin) wrote it, shown as the writer's */
    record CommentView(long id, long issueId, Long parentId, String authorName, boolean writer, String bodyMarkdown,
            String bodyHtml, String status, boolean pinned, Instant createdAt, Instant editedAt) {

        static CommentView of(Comment c) {
            return new CommentView(c.id, c.issueId, c.parentId, c.authorName, c.byWriter(), c.bodyMarkdown, c.bodyHtml,
                    c.status.name(), c.pinned, c.createdAt, c.editedAt);
        }
    }

    record NoteView(long id, String email, String message, Instant createdAt, Instant confirmedAt, Instant readAt) {
    }

    record TipView(String id, Long issueId, int coffees, BigDecimal unitPrice, BigDecimal amount, String currency,
            String name, String email, String message, String status, String provider, Instant createdAt,
            Instant paidAt, BigDecimal amountRefunded) {

        static TipView of(Tip t) {
            return new TipView(t.publicId, t.issueId, t.coffees, t.unitPrice, t.amount, t.currency, t.tipperName,
                    t.tipperEmail, t.message, t.status.name(), t.provider, t.createdAt, t.paidAt, t.amountRefunded);
        }
    }
}
