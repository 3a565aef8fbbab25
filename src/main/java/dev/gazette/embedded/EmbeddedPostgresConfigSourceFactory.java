package dev.gazette.embedded;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * With no {@code quarkus.datasource.jdbc.url} configured, starts the persistent embedded PostgreSQL
 * and publishes its URL. The ordinal is low so that any explicit setting wins.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 90;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (BuildTime.isNow() || isSet(context, "quarkus.datasource.jdbc.url")
                || "false".equalsIgnoreCase(value(context, "gazette.embedded.postgres.enabled", "true"))) {
            return List.of();
        }
        String dataDir = value(context, "gazette.embedded.postgres.data-dir", "data/pg");
        String url = EmbeddedPostgresServer.startOrReuse(dataDir);
        return List.of(new MapBackedConfigSource("gazette-embedded-postgres", Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.USER), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** Set by someone: Quarkus's own defaults (such as the mailer's host "localhost") do not count. */
    static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getSourceOrdinal() > ORDINAL;
    }

    static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }
}
