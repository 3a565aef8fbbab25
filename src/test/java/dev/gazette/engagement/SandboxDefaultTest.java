package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.EmbeddedPaymentsConfigSourceFactory;

/** The payment sandbox, which lets anyone mark a tip paid, is on only on a newcomer's embedded defaults. */
class SandboxDefaultTest {

    private static String provider(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "operator", 300))
                .withSources(new EmbeddedPaymentsConfigSourceFactory())
                .withMapping(PaymentsConfig.class)
                .build();
        return config.getConfigMapping(PaymentsConfig.class).provider();
    }

    @Test
    void theEmbeddedDefaultsTakeTipsThroughTheSandbox() {
        assertThat(provider(Map.of())).isEqualTo("sandbox");
    }

    @Test
    void anInstallationWithItsOwnDatabaseOrRelayTakesNoTipsUntilToldWhichProvider() {
        assertThat(provider(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/gazette"))).isEqualTo("none");
        assertThat(provider(Map.of("quarkus.mailer.host", "relay"))).isEqualTo("none");
        assertThat(provider(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/gazette",
                "gazette.payments.provider", "sandbox"))).isEqualTo("sandbox");
        assertThat(provider(Map.of("quarkus.mailer.host", "relay", "gazette.payments.provider", "stripe")))
                .isEqualTo("stripe");
    }
}
