package dev.gazette.embedded;

import static dev.gazette.embedded.EmbeddedPostgresConfigSourceFactory.isSet;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * With the embedded defaults (no database URL and no relay configured: a newcomer's machine), tips
 * go through the payment sandbox, whose checkout page marks a tip paid for anyone who clicks. Any
 * other installation takes no tips until its operator names a provider
 * ({@code gazette.payments.provider}); an explicit setting always wins.
 */
public class EmbeddedPaymentsConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (BuildTime.isNow() || isSet(context, "quarkus.datasource.jdbc.url") || isSet(context, "quarkus.mailer.host")
                || isSet(context, "quarkus.mailer.port")) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("gazette-embedded-payments",
                Map.of("gazette.payments.provider", "sandbox"), EmbeddedPostgresConfigSourceFactory.ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(EmbeddedPostgresConfigSourceFactory.ORDINAL);
    }
}
