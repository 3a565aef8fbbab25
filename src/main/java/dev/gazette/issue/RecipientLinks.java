package dev.gazette.issue;

/**
 * The subscriber's own links in every issue. The subscriber feature provides the pages behind
 * them; this seam lets the renderer build the links without depending on that feature.
 */
public interface RecipientLinks {

    /** The one-click unsubscribe page (and the target of {@code List-Unsubscribe}). */
    String unsubscribeUrl(long subscriberId);

    /** The subscriber's preferences page. */
    String preferencesUrl(long subscriberId);
}
