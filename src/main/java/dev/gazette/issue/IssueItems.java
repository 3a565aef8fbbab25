package dev.gazette.issue;

import java.util.List;

import dev.gazette.publication.PublicationRef;

/**
 * The feed items an issue was made from (RSS-to-email), for its template's {@code items}: empty for
 * an issue written by hand. Implemented by the feature that follows feeds, so that the renderer
 * needs nothing of it.
 */
public interface IssueItems {

    List<IssueItem> of(long issueId, PublicationRef publication);
}
