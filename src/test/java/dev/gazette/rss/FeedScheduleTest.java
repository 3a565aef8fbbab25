package dev.gazette.rss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The next digest slot: in the publication's zone, strictly after now, across daylight saving. */
class FeedScheduleTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDailySlotIsTodayIfStillAheadElseTomorrow() {
        // 2026-12-02 08:00 in Seoul is 2026-12-01T23:00Z
        assertThat(FeedSchedule.next("daily", LocalTime.of(9, 0), null, SEOUL, Instant.parse("2026-12-01T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(FeedSchedule.next("daily", LocalTime.of(9, 0), null, SEOUL, Instant.parse("2026-12-02T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
    }

    @Test
    void aWeeklySlotFallsOnItsWeekday() {
        // Wednesday 2026-12-02; Friday (5) at 18:00 Seoul is 09:00Z on 2026-12-04
        assertThat(FeedSchedule.next("weekly", LocalTime.of(18, 0), (short) 5, SEOUL,
                Instant.parse("2026-12-02T03:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
        // on the weekday itself, past the time: a week later
        assertThat(FeedSchedule.next("weekly", LocalTime.of(18, 0), (short) 5, SEOUL,
                Instant.parse("2026-12-04T09:00:00Z"))).isEqualTo(Instant.parse("2026-12-11T09:00:00Z"));
    }

    @Test
    void aSlotFollowsDaylightSavingAndSkipsTheMissingHour() {
        // New York moves to summer time on 2027-03-14: 07:00 local is 12:00Z before, 11:00Z after
        assertThat(FeedSchedule.next("daily", LocalTime.of(7, 0), null, NEW_YORK, Instant.parse("2027-03-13T13:00:00Z")))
                .isEqualTo(Instant.parse("2027-03-14T11:00:00Z"));
        // 02:30 does not exist that day: the moment after the gap
        assertThat(FeedSchedule.next("daily", LocalTime.of(2, 30), null, NEW_YORK, Instant.parse("2027-03-14T05:00:00Z")))
                .isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
    }
}
