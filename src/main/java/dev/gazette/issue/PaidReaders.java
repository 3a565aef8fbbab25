package dev.gazette.issue;

import java.util.Set;

/**
 * Who has paid: the membership feature implements it; this seam lets issues be cut at the paywall
 * without the issue feature depending on that feature.
 */
public interface PaidReaders {

    /**
     * Who the reader behind an issue page's {@code r} token is in this publication: a stranger for
     * no token, a bad one, or a subscriber who is no longer active.
     */
    Paywall.ReaderLevel level(long publicationId, String readerToken);

    /** The publication's subscribers who read paid parts now (paid and comped members), for a send. */
    Set<Long> members(long publicationId);

    /** Whether the publication offers a paid plan now: its page then links to where readers join. */
    boolean offersPlans(long publicationId);

    /** Where a reader (with their {@code r} token, or none) becomes a member, from this issue. */
    String joinPath(String publicationSlug, String issueSlug, String readerToken);
}
