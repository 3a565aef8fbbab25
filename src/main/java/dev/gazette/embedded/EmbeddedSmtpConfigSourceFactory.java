package dev.gazette.embedded;

import static dev.gazette.embedded.EmbeddedPostgresConfigSourceFactory.isSet;
import static dev.gazette.embedded.EmbeddedPostgresConfigSourceFactory.value;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * With no SMTP relay configured ({@code quarkus.mailer.host} and {@code quarkus.mailer.port} both
 * unset), starts the embedded SMTP catcher and points the mailer at it, for real: mail goes over
 * SMTP to a server that keeps it for the outbox page instead of delivering it.
 */
public class EmbeddedSmtpConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (BuildTime.isNow() || isSet(context, "quarkus.mailer.port") || isSet(context, "quarkus.mailer.host")
                || "false".equalsIgnoreCase(value(context, "gazette.embedded.smtp.enabled", "true"))) {
            return List.of();
        }
        int port = Integer.parseInt(value(context, "gazette.embedded.smtp.port", "2525"));
        int capacity = Integer.parseInt(value(context, "gazette.embedded.smtp.capacity", "500"));
        SmtpCatcher catcher = SmtpCatcher.startOrReuse(port, capacity);
        return List.of(new MapBackedConfigSource("gazette-embedded-smtp", Map.of(
                "quarkus.mailer.host", SmtpCatcher.HOST,
                "quarkus.mailer.port", String.valueOf(catcher.port()),
                // dev and test mock the mailer unless told otherwise: the catcher is a real server
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED"), EmbeddedPostgresConfigSourceFactory.ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(EmbeddedPostgresConfigSourceFactory.ORDINAL);
    }
}
