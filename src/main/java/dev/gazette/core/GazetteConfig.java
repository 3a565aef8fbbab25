package dev.gazette.core;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Platform-wide settings that every feature may read. */
@ConfigMapping(prefix = "gazette")
public interface GazetteConfig {

    /** The public address of this Gazette, used in every link it puts in mail and pages. */
    @WithDefault("http://localhost:8080")
    URI baseUrl();

    /** Whether the public address is HTTPS, so that cookies are marked Secure. */
    default boolean secure() {
        return "https".equalsIgnoreCase(baseUrl().getScheme());
    }
}
