package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A claimed batch goes to the sender threads one send after another, so no send waits behind another. */
class ClaimOrderTest {

    @Test
    void rowsOfSeveralSendsTakeTurnsOldestFirstWithinEach() {
        List<Claimed> rows = List.of(row(5, 2), row(1, 1), row(2, 1), row(9, 3), row(3, 1), row(6, 2));

        List<Long> order = DeliveryStore.interleaved(rows).stream().map(Claimed::id).toList();

        assertThat(order).containsExactly(1L, 5L, 9L, 2L, 6L, 3L);
    }

    @Test
    void oneSendKeepsItsOrder() {
        assertThat(DeliveryStore.interleaved(List.of(row(3, 1), row(1, 1), row(2, 1))).stream().map(Claimed::id))
                .containsExactly(1L, 2L, 3L);
        assertThat(DeliveryStore.interleaved(List.of())).isEmpty();
    }

    private static Claimed row(long id, long sendId) {
        return new Claimed(id, sendId, id, "<" + id + "@test>", 1, false, Instant.EPOCH);
    }
}
