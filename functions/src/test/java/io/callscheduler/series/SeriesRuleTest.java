package io.callscheduler.series;

import io.callscheduler.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Parsing a series' recurrence (each refusal names its field and reason) and its ends: count, until, exdates. */
class SeriesRuleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** A Monday at 09:30, from the year's first Monday: no calendar date is assumed. */
    private static final LocalDateTime MONDAY = LocalDateTime.of(Transitions.YEAR, 1, 1, 9, 30)
            .with(java.time.temporal.TemporalAdjusters.firstInMonth(java.time.DayOfWeek.MONDAY));
    private static final Instant BEFORE = MONDAY.minusHours(1).atZone(PARIS).toInstant();

    @Test
    void aCountEndsTheSeriesAndIsCountedFromTheStartWhereverTheListingBegins() {
        SeriesRule three = parse("FREQ=DAILY", MONDAY.toString(), null, 3, null);

        NextOccurrences all = three.next(BEFORE, 10);
        NextOccurrences afterTheSecond = three.next(all.occurrences().get(1).at(), 10);

        assertThat(all.occurrences()).extracting(Occurrence::local)
                .containsExactly(MONDAY, MONDAY.plusDays(1), MONDAY.plusDays(2));
        assertThat(all.stop()).isEqualTo(NextOccurrences.Stop.SERIES_ENDED);
        assertThat(afterTheSecond.occurrences()).extracting(Occurrence::local).containsExactly(MONDAY.plusDays(2));
    }

    @Test
    void anExdateIsSkippedAndStillCountsAsRfc5545Says() {
        SeriesRule three = parse("FREQ=DAILY", MONDAY.toString(), null, 3, List.of(MONDAY.plusDays(1).toString()));

        assertThat(three.next(BEFORE, 10).occurrences()).extracting(Occurrence::local)
                .containsExactly(MONDAY, MONDAY.plusDays(2));
    }

    @Test
    void exdatesSkipTheirOccurrencesOfAnOpenSeries() {
        SeriesRule weekdays = parse("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", MONDAY.toString(), null, null,
                List.of(MONDAY.plusDays(2).toString(), MONDAY.plusDays(7).toString()));

        NextOccurrences six = weekdays.next(BEFORE, 6);

        assertThat(six.occurrences()).extracting(Occurrence::local).containsExactly(MONDAY, MONDAY.plusDays(1),
                MONDAY.plusDays(3), MONDAY.plusDays(4), MONDAY.plusDays(8), MONDAY.plusDays(9));
        assertThat(six.stop()).isEqualTo(NextOccurrences.Stop.ASKED_FOR);
    }

    @Test
    void untilIsInclusiveAndMayBeAnInstant() {
        SeriesRule local = parse("FREQ=DAILY", MONDAY.toString(), MONDAY.plusDays(2).toString(), null, null);
        SeriesRule instant = parse("FREQ=DAILY", MONDAY.toString(),
                MONDAY.plusDays(2).atZone(PARIS).toInstant().toString(), null, null);

        for (SeriesRule series : List.of(local, instant)) {
            NextOccurrences all = series.next(BEFORE, 10);
            assertThat(all.occurrences()).extracting(Occurrence::local)
                    .containsExactly(MONDAY, MONDAY.plusDays(1), MONDAY.plusDays(2));
            assertThat(all.stop()).isEqualTo(NextOccurrences.Stop.SERIES_ENDED);
        }
    }

    @Test
    void occurrencesAreStrictlyAfterTheInstantGivenAndStartAtOnlyWhenTheRuleMatchesIt() {
        LocalDateTime saturday = MONDAY.minusDays(2);
        SeriesRule weekdays = parse("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", saturday.toString(), null, null, null);

        assertThat(weekdays.next(BEFORE.minus(Duration.ofDays(3)), 1).occurrences()).extracting(Occurrence::local)
                .containsExactly(MONDAY);
        assertThat(weekdays.next(MONDAY.atZone(PARIS).toInstant(), 1).occurrences()).extracting(Occurrence::local)
                .containsExactly(MONDAY.plusDays(1));
    }

    @Test
    void aStartGivenAsAnInstantIsTheLocalTimeItIsInTheZone() {
        SeriesRule series = parse("FREQ=DAILY", MONDAY.atZone(PARIS).toInstant().toString(), null, null, null);

        assertThat(series.startAt()).isEqualTo(MONDAY);
        assertThat(series.next(BEFORE, 1).occurrences().get(0).local()).isEqualTo(MONDAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=5", "FREQ=HOURLY", "FREQ=HOURLY;INTERVAL=3",
            "FREQ=DAILY;BYHOUR=9;BYMINUTE=0,15,30,45", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,10;BYMINUTE=0,30",
            "FREQ=DAILY;BYSECOND=0,30"})
    void rulesThatWouldDialMoreThanOnceAnHourAreRefusedAsHarassment(String rrule) {
        assertThatThrownBy(() -> parse(rrule, MONDAY.toString(), null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("rrule");
                    assertThat(e.code()).isEqualTo("TOO_FREQUENT");
                    assertThat(e.getMessage()).contains("at most once an hour").contains("harassment");
                });
    }

    @Test
    void severalHoursADayWithOneMinuteAreAllowed() {
        SeriesRule twiceADay = parse("FREQ=DAILY;BYHOUR=9,10;BYMINUTE=0", MONDAY.toString(), null, null, null);

        assertThat(twiceADay.next(BEFORE, 3).occurrences()).extracting(Occurrence::local)
                // 09:00 on the first day is before startAt (09:30).
                .containsExactly(MONDAY.plusMinutes(30), MONDAY.plusDays(1).minusMinutes(30), MONDAY.plusDays(1).plusMinutes(30));
    }

    @Test
    void aRuleThatNeverMatchesIsRefusedAndTheSearchEnds() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", MONDAY.toString(), null, null, null))
                        .isInstanceOfSatisfying(ValidationException.class, e -> {
                            assertThat(e.field()).isEqualTo("rrule");
                            assertThat(e.code()).isEqualTo("NEVER_MATCHES");
                        }));
    }

    @Test
    void aRareButRealRuleIsFoundYearsAhead() {
        // February 29 falls on a Monday about once in 28 years: lib-recur's bound counts periods, not matches.
        SeriesRule leapMondays = parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", MONDAY.toString(), null, null, null);

        List<Occurrence> two = leapMondays.next(BEFORE, 2).occurrences();

        assertThat(two).hasSize(2).allSatisfy(o -> {
            assertThat(o.local().getDayOfMonth()).isEqualTo(29);
            assertThat(o.local().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "no zone        | null             | FREQ=DAILY                 | START   | null    | null | timeZone | MISSING_FIELD",
            "not IANA       | Mars/Olympus     | FREQ=DAILY                 | START   | null    | null | timeZone | INVALID_TIME_ZONE",
            "fixed offset   | +02:00           | FREQ=DAILY                 | START   | null    | null | timeZone | INVALID_TIME_ZONE",
            "no rule        | Europe/Paris     | null                       | START   | null    | null | rrule    | MISSING_FIELD",
            "garbage rule   | Europe/Paris     | every day please           | START   | null    | null | rrule    | INVALID_RRULE",
            "no FREQ        | Europe/Paris     | BYHOUR=9                   | START   | null    | null | rrule    | INVALID_RRULE",
            "hour 25        | Europe/Paris     | FREQ=DAILY;BYHOUR=25       | START   | null    | null | rrule    | INVALID_RRULE",
            "unknown part   | Europe/Paris     | FREQ=DAILY;FOO=1           | START   | null    | null | rrule    | INVALID_RRULE",
            "COUNT inside   | Europe/Paris     | FREQ=DAILY;COUNT=3         | START   | null    | null | rrule    | INVALID_RRULE",
            "UNTIL inside   | Europe/Paris     | FREQ=DAILY;UNTIL=20991231T000000Z | START | null | null | rrule | INVALID_RRULE",
            "no start       | Europe/Paris     | FREQ=DAILY                 | null    | null    | null | startAt  | MISSING_FIELD",
            "bad start      | Europe/Paris     | FREQ=DAILY                 | tomorrow| null    | null | startAt  | INVALID_DATE_TIME",
            "year 10000     | Europe/Paris     | FREQ=DAILY                 | +10000-01-01T09:00 | null | null | startAt | INVALID_DATE_TIME",
            "year 1         | Europe/Paris     | FREQ=DAILY                 | 0001-01-01T09:00 | null | null | startAt | INVALID_DATE_TIME",
            "last year, offset | America/New_York | FREQ=DAILY             | +999999999-12-31T23:00:00-10:00 | null | null | startAt | INVALID_DATE_TIME",
            "first year, offset | America/New_York | FREQ=DAILY            | -999999999-01-01T00:00:00+10:00 | null | null | startAt | INVALID_DATE_TIME",
            "until far, offset | America/New_York | FREQ=DAILY             | START   | +999999999-12-31T23:00:00-10:00 | null | until | INVALID_DATE_TIME",
            "both ends      | Europe/Paris     | FREQ=DAILY                 | START   | LATER   | 3    | count    | CONFLICTING_FIELDS",
            "count 0        | Europe/Paris     | FREQ=DAILY                 | START   | null    | 0    | count    | INVALID_VALUE",
            "count too big  | Europe/Paris     | FREQ=DAILY                 | START   | null    | 10001| count    | INVALID_VALUE",
            "bad until      | Europe/Paris     | FREQ=DAILY                 | START   | soon    | null | until    | INVALID_DATE_TIME",
            "until first    | Europe/Paris     | FREQ=DAILY                 | START   | EARLIER | null | until    | INVALID_VALUE",
            "no occurrence  | Europe/Paris     | FREQ=DAILY;BYHOUR=20       | START   | START   | null | until    | NO_OCCURRENCES",
    })
    void badInputIsRefusedNamingItsFieldAndReason(String why, String zone, String rrule, String start, String until,
                                                  Integer count, String field, String code) {
        SeriesRuleFields fields = new SeriesRuleFields(zone, rrule, moment(start), moment(until), count, null);

        assertThatThrownBy(() -> SeriesRule.parse(fields)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"next monday", "2020-01-06T09:30:00Z", "2020-01-06T09:30:00.5"})
    void anExdateMustBeALocalDateTimeInWholeSeconds(String exdate) {
        assertThatThrownBy(() -> parse("FREQ=DAILY", MONDAY.toString(), null, null, List.of(exdate)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("exdates");
                    assertThat(e.code()).isEqualTo("INVALID_DATE_TIME");
                });
    }

    @Test
    void exdatesThatRemoveEveryOccurrenceAreRefused() {
        assertThatThrownBy(() -> parse("FREQ=DAILY", MONDAY.toString(), null, 1, List.of(MONDAY.toString())))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("exdates");
                    assertThat(e.code()).isEqualTo("NO_OCCURRENCES");
                });
    }

    @Test
    void theOccurrenceKeyIsTheSeriesAndTheLocalDateTimeWrittenOneWay() {
        assertThat(OccurrenceKeys.occurrenceKey("s-42", LocalDateTime.of(Transitions.YEAR, 3, 9, 9, 30)))
                .isEqualTo("series:s-42:" + Transitions.YEAR + "-03-09T09:30:00")
                .isEqualTo(OccurrenceKeys.occurrenceKey("s-42", LocalDateTime.of(Transitions.YEAR, 3, 9, 9, 30, 0)));
        assertThat(OccurrenceKeys.occurrenceKey("s-42", MONDAY)).isNotEqualTo(OccurrenceKeys.occurrenceKey("s-43", MONDAY));
        assertThatThrownBy(() -> OccurrenceKeys.occurrenceKey("a:b", MONDAY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String moment(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "START" -> MONDAY.toString();
            case "LATER" -> MONDAY.plusDays(5).toString();
            case "EARLIER" -> MONDAY.minusDays(1).toString();
            default -> name;
        };
    }

    private static SeriesRule parse(String rrule, String startAt, String until, Integer count, List<String> exdates) {
        return SeriesRule.parse(new SeriesRuleFields("Europe/Paris", rrule, startAt, until, count, exdates));
    }
}
