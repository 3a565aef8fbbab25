package dev.gazette.core;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the public pages (issues' web versions, publication pages, feeds) are kept and cached. See
 * docs/adr/0012-public-page-cache.md.
 */
@ConfigMapping(prefix = "gazette.public-pages")
public interface PublicPagesConfig {

    /**
     * How long an instance serves a page it rendered before rendering it again for its counts
     * (views, likes); any other change (an edit, a comment) shows on the next request.
     */
    @WithDefault("PT10S")
    Duration refresh();

    /** How long a shared cache (a CDN, a reverse proxy) may serve a page without asking again. */
    @WithDefault("PT60S")
    Duration sharedMaxAge();

    /** How long after that a shared cache may still serve it while it asks again in the background. */
    @WithDefault("PT10M")
    Duration staleWhileRevalidate();

    /**
     * How often the views counted in memory are written to the database: a crash loses at most the
     * views of this last stretch.
     */
    @WithDefault("PT1S")
    Duration viewFlush();

    /** Whether instances keep rendered pages at all; off renders every request (for comparison). */
    @WithDefault("true")
    boolean cache();
}
