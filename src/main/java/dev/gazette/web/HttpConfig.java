package dev.gazette.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the HTTP API. */
@ConfigMapping(prefix = "gazette.http")
interface HttpConfig {

    /** The largest JSON body the API reads; larger ones get 413 {@code payload_too_large}. */
    @WithDefault("1048576")
    long maxJsonBytes();

    /**
     * The largest body of any other kind (uploads); larger ones get 413 {@code payload_too_large}.
     * CSV imports are exempt: they stream under their own limit.
     */
    @WithDefault("20971520")
    long maxBodyBytes();
}
