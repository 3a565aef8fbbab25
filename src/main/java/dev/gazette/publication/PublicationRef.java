package dev.gazette.publication;

import java.math.BigDecimal;

/** What other features may know of a publication: its identity and its sender settings. */
public record PublicationRef(
        long id, long ownerId, String slug, String name, String tagline, String description, String category,
        String locale, String timeZone, String senderName, String senderEmail, String replyTo, String copyrightNotice,
        BigDecimal tipPrice, String tipCurrency, boolean active, boolean tracking) {

    static PublicationRef of(Publication p) {
        return new PublicationRef(p.id, p.ownerId, p.slug, p.name, p.tagline, p.description, p.category, p.locale,
                p.timeZone, p.senderName, p.senderEmail, p.replyTo, p.copyrightNotice, p.tipPrice, p.tipCurrency,
                p.status == Publication.Status.active, p.tracking);
    }
}
