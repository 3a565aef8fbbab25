package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/** The relay's circuit: it opens at the configured number of connection failures in a row, for the configured time. */
class RelayCircuitTest {

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static DeliveryConfig config(int threshold, String openFor) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(DeliveryConfig.class)
                .withDefaultValue("gazette.delivery.circuit.failure-threshold", Integer.toString(threshold))
                .withDefaultValue("gazette.delivery.circuit.open-for", openFor).build();
        return config.getConfigMapping(DeliveryConfig.class);
    }

    @Test
    void theCircuitOpensAtTheThresholdAndOnlyForTheConfiguredTime() {
        MovableClock clock = new MovableClock();
        RelayCircuit circuit = new RelayCircuit(config(3, "PT30S"), clock);

        circuit.unreachable("connection refused");
        circuit.unreachable("connection refused");
        assertThat(circuit.allowsSending()).as("two failures are below the threshold of three").isTrue();
        circuit.unreachable("connection refused");
        assertThat(circuit.isOpen()).as("the third failure in a row opens the circuit").isTrue();

        clock.move(Duration.ofSeconds(29));
        assertThat(circuit.isOpen()).isTrue();
        clock.move(Duration.ofSeconds(1));
        assertThat(circuit.allowsSending()).as("after open-for, one batch probes the relay").isTrue();

        circuit.unreachable("still refused");
        assertThat(circuit.isOpen()).as("a failed probe opens it again at once").isTrue();
        clock.move(Duration.ofSeconds(30));
        circuit.succeeded();
        circuit.unreachable("a blip");
        circuit.unreachable("a blip");
        assertThat(circuit.allowsSending()).as("a success starts the count again").isTrue();
    }

    @Test
    void failuresSeparatedByASuccessNeverOpenIt() {
        RelayCircuit circuit = new RelayCircuit(config(2, "PT5S"), new MovableClock());
        for (int i = 0; i < 10; i++) {
            circuit.unreachable("refused");
            circuit.succeeded();
        }
        assertThat(circuit.allowsSending()).isTrue();
        circuit.unreachable("refused");
        circuit.unreachable("refused");
        assertThat(circuit.isOpen()).isTrue();
    }
}
