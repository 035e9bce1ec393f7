package io.callscheduler.testing;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;

import static org.assertj.core.api.Assertions.assertThat;

/** The days the series tests start from, found for every day and hour of two years: none in the past, none odd. */
class TestDaysTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId[] ZONES = {NEW_YORK, ZoneId.of("America/Chicago"), ZoneId.of("Europe/London")};
    private static final LocalDate FIRST = LocalDate.now(ZoneOffset.UTC);

    @Test
    void aQuietMondayIsAheadOfEveryDayOfTwoYearsAndNoZoneChangesAroundIt() {
        for (LocalDate today = FIRST; today.isBefore(FIRST.plusYears(2)); today = today.plusDays(1)) {
            LocalDate monday = TestDays.quietMonday(today, ZONES);
            assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(monday).as("from %s", today).isAfter(today).isBefore(today.plusDays(70));
            assertThat(TestDays.changesAround(ZONES, monday)).isFalse();
            for (ZoneId zone : ZONES) {
                ZoneOffsetTransition next = zone.getRules().nextTransition(monday.minusDays(1).atStartOfDay(zone).toInstant());
                assertThat(next.getDateTimeBefore().toLocalDate()).as("%s from %s", zone, today)
                        .isAfter(monday.plusDays(TestDays.QUIET_DAYS));
            }
        }
    }

    @Test
    void theNextSpringChangeFromEveryHourOfTwoYearsLeavesTheTestsStartDaysAhead() {
        Instant first = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Instant now = first; now.isBefore(first.plus(java.time.Duration.ofDays(731))); now = now.plusSeconds(3600)) {
            ZoneOffsetTransition spring = TestDays.nextSpringChange(NEW_YORK, now);
            assertThat(spring.isGap()).isTrue();
            LocalDate day = spring.getDateTimeBefore().toLocalDate();
            // SeriesApiTest's clock starts four days before the change's day at 15:00 UTC, SeriesRollerTest's two at noon.
            assertThat(day.minusDays(4).atTime(LocalTime.of(15, 0)).toInstant(ZoneOffset.UTC)).as("from %s", now).isAfter(now);
            assertThat(spring.getInstant()).isBefore(now.plus(java.time.Duration.ofDays(380)));
            assertThat(TestDays.nextAutumnChange(NEW_YORK, spring.getInstant()).getInstant()).isAfter(spring.getInstant());
        }
    }
}
