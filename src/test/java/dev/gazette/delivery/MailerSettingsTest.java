package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** STARTTLS as Gazette reads it for both mail clients: required off loopback unless set. */
class MailerSettingsTest {

    @Test
    void startTlsIsRequiredForARemoteRelayAndOptionalOnLoopbackUnlessSet() {
        assertThat(startTls(Map.of("quarkus.mailer.host", "smtp.example.com"))).isEqualTo("REQUIRED");
        assertThat(startTls(Map.of("quarkus.mailer.host", "192.0.2.10"))).isEqualTo("REQUIRED");
        assertThat(startTls(Map.of("quarkus.mailer.host", "127.0.0.1"))).isEqualTo("OPTIONAL");
        assertThat(startTls(Map.of("quarkus.mailer.host", "localhost"))).isEqualTo("OPTIONAL");
        assertThat(startTls(Map.of("quarkus.mailer.host", "::1"))).isEqualTo("OPTIONAL");
        assertThat(startTls(Map.of())).isEqualTo("OPTIONAL");
        assertThat(startTls(Map.of("quarkus.mailer.host", "smtp.example.com", "quarkus.mailer.start-tls", "DISABLED")))
                .isEqualTo("DISABLED");
        assertThat(startTls(Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.start-tls", "REQUIRED")))
                .isEqualTo("REQUIRED");
    }

    private static String startTls(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        ConfigSourceInterceptorContext context = new ConfigSourceInterceptorContext() {
            @Override
            public ConfigValue proceed(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public ConfigValue restart(String name) {
                return proceed(name);
            }

            @Override
            public java.util.Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
        return new MailerSettings().getValue(context, "quarkus.mailer.start-tls").getValue();
    }
}
