package dev.gazette.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The application's clock in {@code @QuarkusTest}s: the system's, until a test moves it on. A test
 * that moves it puts it back ({@link #reset}) when it ends, once nothing it started is in flight, so
 * that the next test (which may compare the application's time with its own) finds the system's time.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the application's time forward by this much. */
    public void forward(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("move it forward, or reset it");
        }
        offset = offset.plus(by);
    }

    /**
     * Moves the application's time on once no message is in flight (a lease that ends while its
     * message is on the wire would let the row be claimed again).
     */
    public void forwardWhenSettled(DataSource db, Duration by) {
        settled(db);
        forward(by);
    }

    /** Waits (a while at most) until no delivery or transactional mail is leased: nothing in flight. */
    public static void settled(DataSource db) {
        try {
            Awaitility.await("no message in flight").atMost(Duration.ofSeconds(20)).until(() -> Db.count(db,
                    "SELECT (SELECT count(*) FROM delivery WHERE lease_owner IS NOT NULL AND status IN ('queued', 'retrying'))"
                            + " + (SELECT count(*) FROM mail WHERE lease_owner IS NOT NULL AND state = 'queued')") == 0);
        } catch (ConditionTimeoutException e) {
            // another test's rows that wait for a relay that is gone: none of this test's
        }
    }

    /** The system's time again. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
