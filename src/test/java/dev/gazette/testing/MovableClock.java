package dev.gazette.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

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
