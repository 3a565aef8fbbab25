package dev.gazette.publication;

import java.math.BigDecimal;
import java.time.Instant;

/** A publication as the API shows it to its writer or an admin. */
record PublicationView(
        long id, String slug, String name, String tagline, String description, String category, String locale,
        String timeZone, String senderName, String senderEmail, String replyTo, String copyrightNotice,
        BigDecimal tipPrice, String tipCurrency, boolean tracking, String status, String suspendedReason, long ownerId,
        Instant createdAt, Instant updatedAt) {

    static PublicationView of(Publication p) {
        return new PublicationView(p.id, p.slug, p.name, p.tagline, p.description, p.category, p.locale, p.timeZone,
                p.senderName, p.senderEmail, p.replyTo, p.copyrightNotice, p.tipPrice, p.tipCurrency, p.tracking,
                p.status.name(),
                p.suspendedReason, p.ownerId, p.createdAt, p.updatedAt);
    }
}
