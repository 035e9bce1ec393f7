package io.callscheduler.testing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** Moments for a test's clock at a known weekday and time, found from today: no test pins a calendar date. */
public final class TestMoments {
    private TestMoments() {
    }

    /** The next {@code day} at {@code time} UTC, at least a day from now. */
    public static Instant next(DayOfWeek day, LocalTime time) {
        return ZonedDateTime.now(ZoneOffset.UTC).plusDays(1).with(TemporalAdjusters.nextOrSame(day)).with(time).toInstant();
    }
}
