package dev.gazette.embedded;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded stand-ins that start when no database or relay is configured. Read early, by the
 * config source factories, before this mapping exists; declared here for documentation and
 * validation.
 */
@ConfigMapping(prefix = "gazette.embedded")
interface EmbeddedConfig {

    Postgres postgres();

    Smtp smtp();

    interface Postgres {
        /** Whether the embedded PostgreSQL may start when no JDBC URL is configured. */
        @WithDefault("true")
        boolean enabled();

        /** Where the embedded PostgreSQL keeps its data, relative to the working directory. */
        @WithDefault("data/pg")
        String dataDir();
    }

    interface Smtp {
        /** Whether the SMTP catcher may start when no relay is configured. */
        @WithDefault("true")
        boolean enabled();

        /** The catcher's port on 127.0.0.1 (0: any free port). */
        @WithDefault("2525")
        int port();

        /** How many captured messages the outbox keeps; older ones are dropped. */
        @WithDefault("500")
        int capacity();
    }
}
