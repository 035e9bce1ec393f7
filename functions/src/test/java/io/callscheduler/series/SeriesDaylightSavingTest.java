package io.callscheduler.series;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Occurrences across daylight-saving changes: RFC 5545's rules, in zones with one-hour and half-hour shifts. */
class SeriesDaylightSavingTest {

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Europe/London", "Australia/Lord_Howe"})
    void aDailyTimeInTheSpringGapDialsAsFarAfterTheChangeAsItWasAfterTheSkippedTime(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        ZoneOffsetTransition gap = Transitions.of(zone, true);
        LocalDateTime skipped = Transitions.middle(gap); // 02:30 in New York, 01:30 in London, 02:15 in Lord Howe
        SeriesRule daily = daily(zone, skipped.minusDays(2));

        List<Occurrence> five = daily.next(skipped.minusDays(3).atZone(zone).toInstant(), 5).occurrences();

        assertThat(five).extracting(Occurrence::local)
                .containsExactly(skipped.minusDays(2), skipped.minusDays(1), skipped, skipped.plusDays(1), skipped.plusDays(2));
        Occurrence onTheDay = five.get(2);
        // 02:30 EST is 03:30 EDT: the same instant as the old offset gives, the wall clock a gap's length later.
        assertThat(onTheDay.at()).isEqualTo(skipped.toInstant(gap.getOffsetBefore()));
        assertThat(onTheDay.offset()).isEqualTo(gap.getOffsetAfter());
        assertThat(onTheDay.at().atZone(zone).toLocalDateTime()).isEqualTo(skipped.plus(gap.getDuration()));
        assertThat(five.get(1).at()).isEqualTo(skipped.minusDays(1).toInstant(gap.getOffsetBefore()));
        assertThat(five.get(3).at()).isEqualTo(skipped.plusDays(1).toInstant(gap.getOffsetAfter()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Europe/London", "Australia/Lord_Howe"})
    void aDailyTimeInTheRepeatedAutumnIntervalDialsOnceAtTheFirst(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        ZoneOffsetTransition overlap = Transitions.of(zone, false);
        LocalDateTime repeated = Transitions.middle(overlap); // 01:30 in New York and London, 01:45 in Lord Howe
        SeriesRule daily = daily(zone, repeated.minusDays(2));

        List<Occurrence> five = daily.next(repeated.minusDays(3).atZone(zone).toInstant(), 5).occurrences();

        assertThat(five).extracting(Occurrence::local)
                .containsExactly(repeated.minusDays(2), repeated.minusDays(1), repeated, repeated.plusDays(1), repeated.plusDays(2));
        Occurrence onTheDay = five.get(2);
        assertThat(onTheDay.at()).isEqualTo(repeated.toInstant(overlap.getOffsetBefore()));
        assertThat(onTheDay.offset()).isEqualTo(overlap.getOffsetBefore());
        // Once: the next occurrence is the next day's, a day and the shift later.
        assertThat(Duration.between(onTheDay.at(), five.get(3).at()))
                .isEqualTo(Duration.ofDays(1).plus(overlap.getDuration().abs()));
        // Listing from just after the first one does not give the second.
        assertThat(daily.next(onTheDay.at(), 1).occurrences()).extracting(Occurrence::local)
                .containsExactly(repeated.plusDays(1));
    }

    @Test
    void weekdaysAtNineThirtyStayAtNineThirtyLocalWhileTheUtcOffsetChanges() {
        ZoneId newYork = ZoneId.of("America/New_York");
        ZoneOffsetTransition gap = Transitions.of(newYork, true);
        LocalDateTime weekBefore = gap.getDateTimeBefore().toLocalDate().minusDays(7).atTime(9, 30);
        SeriesRule weekdays = SeriesRule.parse(new SeriesRuleFields("America/New_York",
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30", weekBefore.toString(), null, null, null));

        List<Occurrence> ten = weekdays.next(weekBefore.minusDays(1).atZone(newYork).toInstant(), 10).occurrences();

        assertThat(ten).hasSize(10).allSatisfy(occurrence -> {
            assertThat(occurrence.local().toLocalTime()).isEqualTo(LocalTime.of(9, 30));
            assertThat(occurrence.local().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(occurrence.at().atZone(newYork).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
            assertThat(occurrence.offset()).isEqualTo(newYork.getRules().getOffset(occurrence.at()));
        });
        assertThat(ten).extracting(Occurrence::offset).containsOnly(gap.getOffsetBefore(), gap.getOffsetAfter())
                .contains(gap.getOffsetBefore(), gap.getOffsetAfter());
        // 14:30 UTC before the change, 13:30 UTC after it.
        assertThat(ten.stream().map(o -> o.at().atOffset(java.time.ZoneOffset.UTC).toLocalTime()).distinct())
                .containsExactly(LocalTime.of(14, 30), LocalTime.of(13, 30));
    }

    @Test
    void theNextTenAreListedWithTheirOffsetsAcrossTheAutumnChange() {
        ZoneId london = ZoneId.of("Europe/London");
        ZoneOffsetTransition overlap = Transitions.of(london, false);
        LocalDateTime start = overlap.getDateTimeAfter().toLocalDate().minusDays(6).atTime(18, 0);
        SeriesRule mondaysAndThursdays = SeriesRule.parse(new SeriesRuleFields("Europe/London",
                "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=18;BYMINUTE=0", start.toString(), null, null, null));

        List<Occurrence> ten = mondaysAndThursdays.next(start.minusMinutes(1).atZone(london).toInstant(), 10).occurrences();

        List<Occurrence> expected = start.toLocalDate().datesUntil(start.toLocalDate().plusWeeks(6))
                .filter(day -> day.getDayOfWeek() == DayOfWeek.MONDAY || day.getDayOfWeek() == DayOfWeek.THURSDAY)
                .limit(10)
                .map(day -> ZonedDateTime.of(day.atTime(18, 0), london))
                .map(at -> new Occurrence(at.toLocalDateTime(), at.toInstant(), at.getOffset()))
                .toList();
        assertThat(ten).containsExactlyElementsOf(expected);
        assertThat(ten).extracting(Occurrence::offset).contains(overlap.getOffsetBefore(), overlap.getOffsetAfter());
    }

    @Test
    void twoRuleTimesThatTheGapBringsTogetherDialOnce() {
        ZoneId newYork = ZoneId.of("America/New_York");
        ZoneOffsetTransition gap = Transitions.of(newYork, true);
        LocalDateTime skipped = Transitions.middle(gap); // 02:30, shifted to 03:30, which the rule also names
        SeriesRule twiceANight = SeriesRule.parse(new SeriesRuleFields("America/New_York",
                "FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30", skipped.minusDays(1).toString(), null, null, null));

        List<Occurrence> four = twiceANight.next(skipped.minusDays(2).atZone(newYork).toInstant(), 4).occurrences();

        assertThat(four).extracting(Occurrence::local).containsExactly(skipped.minusDays(1),
                skipped.minusDays(1).plusHours(1), skipped, skipped.plusDays(1));
        // The one dial is at 03:30 EDT, which the rule's 03:30 would also have been.
        assertThat(four.get(2).at()).isEqualTo(ZonedDateTime.of(skipped.plusHours(1), newYork).toInstant());
    }

    @Test
    void lordHowesHalfHourShiftDoesNotBringTwoDialsWithinAnHour() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        ZoneOffsetTransition gap = Transitions.of(lordHowe, true); // 02:00 becomes 02:30
        LocalDateTime before = gap.getDateTimeBefore().minusMinutes(15); // 01:45, then 02:45: 30 minutes apart that day
        SeriesRule twiceANight = SeriesRule.parse(new SeriesRuleFields("Australia/Lord_Howe",
                "FREQ=DAILY;BYHOUR=" + before.getHour() + "," + (before.getHour() + 1) + ";BYMINUTE=45",
                before.toString(), null, null, null));

        List<Occurrence> three = twiceANight.next(before.minusMinutes(1).atZone(lordHowe).toInstant(), 3).occurrences();

        assertThat(three).extracting(Occurrence::local)
                .containsExactly(before, before.plusDays(1), before.plusDays(1).plusHours(1));
    }

    private static SeriesRule daily(ZoneId zone, LocalDateTime startAt) {
        return SeriesRule.parse(new SeriesRuleFields(zone.getId(), "FREQ=DAILY", startAt.toString(), null, null, null));
    }
}
