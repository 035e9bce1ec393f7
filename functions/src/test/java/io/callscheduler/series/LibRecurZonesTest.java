package io.callscheduler.series;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What lib-recur 0.17.1 itself does with zones and daylight saving, which is why {@link SeriesExpansion} iterates
 * in floating time and places each local time itself: given a start in a zone, lib-recur resolves a time in the
 * spring gap as RFC 5545 does, but a time in the repeated autumn hour at the second (later) one, not the first.
 */
class LibRecurZonesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void inAZoneLibRecurShiftsASkippedTimeForwardAsRfc5545Does() throws Exception {
        ZoneOffsetTransition gap = Transitions.of(NEW_YORK, true);
        LocalDateTime skipped = Transitions.middle(gap);

        Instant onTheDay = dailyInNewYork(skipped.minusDays(1), 2);

        assertThat(onTheDay).isEqualTo(skipped.toInstant(gap.getOffsetBefore())); // 03:30 EDT
    }

    @Test
    void inAZoneLibRecurDialsARepeatedTimeAtTheSecondNotTheFirstAsRfc5545Asks() throws Exception {
        ZoneOffsetTransition overlap = Transitions.of(NEW_YORK, false);
        LocalDateTime repeated = Transitions.middle(overlap);

        Instant onTheDay = dailyInNewYork(repeated.minusDays(1), 2);

        assertThat(onTheDay).isEqualTo(repeated.toInstant(overlap.getOffsetAfter())) // 01:30 EST, the later
                .isNotEqualTo(LocalTimes.place(repeated, NEW_YORK).at());            // ours: 01:30 EDT, the first
    }

    @Test
    void libRecurGivesUpOnARuleThatNeverMatchesByThrowing() throws Exception {
        RecurrenceRule february30 = new RecurrenceRule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                RecurrenceRule.RfcMode.RFC5545_STRICT);

        // Already when the iterator is made, as it looks for its first instance then.
        assertThatThrownBy(() -> february30.iterator(new DateTime(Transitions.YEAR, 0, 1, 9, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many filtered recurrence instances");
    }

    @Test
    void libRecursLaxModesDropWhatTheyDoNotUnderstandSoOnlyTheStrictOneIsUsed() throws Exception {
        assertThat(new RecurrenceRule("FREQ=DAILY;BYHOUR=25", RecurrenceRule.RfcMode.RFC5545_LAX)).hasToString("FREQ=DAILY");
        assertThatThrownBy(() -> new RecurrenceRule("FREQ=DAILY;BYHOUR=25", RecurrenceRule.RfcMode.RFC5545_STRICT))
                .hasMessageContaining("out of range");
    }

    /** The {@code nth} occurrence (from 1) of a daily rule started at {@code start} in New York, as lib-recur places it. */
    private static Instant dailyInNewYork(LocalDateTime start, int nth) throws Exception {
        DateTime zoned = new DateTime(TimeZone.getTimeZone(NEW_YORK), start.getYear(), start.getMonthValue() - 1,
                start.getDayOfMonth(), start.getHour(), start.getMinute(), 0);
        RecurrenceRuleIterator instances = new RecurrenceRule("FREQ=DAILY").iterator(zoned);
        DateTime instance = null;
        for (int i = 0; i < nth; i++) {
            instance = instances.nextDateTime();
        }
        return Instant.ofEpochMilli(instance.getTimestamp());
    }
}
