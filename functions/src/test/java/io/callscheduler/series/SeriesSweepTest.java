package io.callscheduler.series;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.model.Call;
import io.callscheduler.testing.TestDays;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The minute's sweep over more active series than one run may roll: it resumes where the last one stopped. */
class SeriesSweepTest {
    /** A Monday ahead, at noon UTC: the series below dial at 13:00 UTC from that day. */
    private static final LocalDate DAY = TestDays.quietMonday();
    private static final Instant NOW = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    private static final int SERIES = 7;
    private static final int LIMIT = 3;

    private final SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);

    /** Seven active series (one created every second) whose first calls ended without the stream's roll (lost records). */
    private List<String> sevenSeriesAwaitingTheirSecondOccurrence() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            ids.add(app.service.create(SeriesFixture.daily("UTC", "13:00", DAY.toString())).id());
            app.clock.advance(Duration.ofSeconds(1));
        }
        app.clock.advance(Duration.ofHours(1)); // past 13:00 UTC: every first call is due
        ids.forEach(id -> app.complete(app.currentCall(id).id()));
        return ids;
    }

    private Set<String> rolledToTheSecondOccurrence(List<String> ids) {
        Set<String> rolled = new HashSet<>();
        for (String id : ids) {
            Call current = app.currentCall(id);
            if (current.occurrence().toLocalDate().equals(DAY.plusDays(1))) {
                rolled.add(id);
            }
        }
        return rolled;
    }

    @Test
    void consecutiveSweepsOverMoreActiveSeriesThanTheLimitReachEveryOne() {
        List<String> ids = sevenSeriesAwaitingTheirSecondOccurrence();

        int first = app.roller.sweep(LIMIT, Instant.MAX);
        int second = app.roller.sweep(LIMIT, Instant.MAX);
        int third = app.roller.sweep(LIMIT, Instant.MAX);

        assertThat(List.of(first, second, third)).containsExactly(3, 3, 1);
        assertThat(rolledToTheSecondOccurrence(ids)).containsExactlyInAnyOrderElementsOf(ids);
        // Past the newest, the next sweep begins again with the oldest: nothing is left to roll.
        assertThat(app.roller.sweep(LIMIT, Instant.MAX)).isZero();
    }

    @Test
    void aSweepPastItsDeadlineRollsNothingAndTheNextOneStartsWhereItWouldHave() {
        List<String> ids = sevenSeriesAwaitingTheirSecondOccurrence();

        assertThat(app.roller.sweep(LIMIT, app.clock.instant().minusSeconds(1))).isZero();
        assertThat(rolledToTheSecondOccurrence(ids)).isEmpty();

        assertThat(app.roller.sweep(LIMIT, Instant.MAX)).isEqualTo(3);
        assertThat(rolledToTheSecondOccurrence(ids)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
    }
}
