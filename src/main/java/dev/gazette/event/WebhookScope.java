package dev.gazette.event;

/**
 * Whose endpoints a request sees: a publication's (its writer, or an admin) or the platform's (admins
 * only, {@code publicationId} null). {@code slug} and {@code name} name the publication on pages.
 */
public record WebhookScope(Long publicationId, String slug, String name) {

    static final WebhookScope PLATFORM = new WebhookScope(null, null, null);

    public boolean platform() {
        return publicationId == null;
    }

    /** Where the studio shows this scope's endpoints. */
    public String pagePath() {
        return platform() ? "/admin/webhooks" : "/studio/publications/" + slug + "/webhooks";
    }
}
