package dev.gazette.rss;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a digest is next due: daily at a local time, or weekly on a weekday at a local time, in the
 * publication's time zone (so it follows daylight saving). A local time that does not exist that
 * day (a spring-forward gap) is taken as the moment after the gap.
 */
final class FeedSchedule {

    private FeedSchedule() {
    }

    /** The first slot strictly after {@code after}. {@code weekday} is ISO (1 Monday … 7 Sunday), only for weekly. */
    static Instant next(String every, LocalTime time, Short weekday, ZoneId zone, Instant after) {
        ZonedDateTime now = after.atZone(zone);
        LocalDate day = now.toLocalDate();
        if ("weekly".equals(every)) {
            day = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(weekday)));
        }
        ZonedDateTime slot = ZonedDateTime.of(day, time, zone);
        while (!slot.toInstant().isAfter(after)) {
            day = day.plusDays("weekly".equals(every) ? 7 : 1);
            slot = ZonedDateTime.of(day, time, zone);
        }
        return slot.toInstant();
    }
}
