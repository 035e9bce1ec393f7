package io.callscheduler.series;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.testing.TestDays;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The roller on DynamoDB Local: one occurrence's call once, whatever races or crashes; never dropped. */
class SeriesRollerTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A Monday ahead in a week when none of these zones changes its offset. */
    private static final LocalDate DAY = TestDays.quietMonday(NEW_YORK, CHICAGO, LONDON);
    private static final Instant NOW = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    private static Instant at(LocalDate date, String time, ZoneId zone) {
        return ZonedDateTime.of(date, LocalTime.parse(time), zone).toInstant();
    }

    @Test
    void eightRollersRacingCreateTheNextOccurrenceOnce() throws Exception {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.daily("America/New_York", "09:30", DAY.plusDays(1).toString()));
        Call first = app.currentCall(series.id());
        app.clock.advance(Duration.between(NOW, first.scheduledAt()).plusMinutes(1));
        app.complete(first.id());

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<SeriesRoller.Rolled>> rolls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SeriesRoller roller = app.roller(SeriesRoller.Steps.NONE); // a roller of its own, as each Lambda container has
            Callable<SeriesRoller.Rolled> roll = () -> {
                start.await();
                return roller.roll(series.id());
            };
            rolls.add(threads.submit(roll));
        }
        start.countDown();
        List<SeriesRoller.Rolled> results = new ArrayList<>();
        for (Future<SeriesRoller.Rolled> roll : rolls) {
            results.add(roll.get());
        }
        threads.shutdown();

        assertThat(results).containsOnly(SeriesRoller.Rolled.CREATED, SeriesRoller.Rolled.PENDING);
        assertThat(results).filteredOn(r -> r == SeriesRoller.Rolled.CREATED).hasSize(1);
        List<Call> calls = app.seriesCalls(series.id());
        assertThat(calls).extracting(Call::occurrence).containsExactly(
                DAY.plusDays(2).atTime(9, 30), DAY.plusDays(1).atTime(9, 30));
        assertThat(app.service.get(series.id()).currentCallId()).isEqualTo(calls.get(0).id());
        assertThat(app.triggers).containsEntry(calls.get(0).id(), at(DAY.plusDays(2), "09:30", NEW_YORK));
    }

    @Test
    void aPauseRacingRollersLeavesNoCallWaitingToDialWhileThePausedSeriesWaits() throws Exception {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.daily("America/New_York", "09:30", DAY.plusDays(1).toString()));
        Call first = app.currentCall(series.id());
        app.clock.advance(Duration.between(NOW, first.scheduledAt()).plusMinutes(1));
        app.complete(first.id());

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SeriesRoller roller = app.roller(SeriesRoller.Steps.NONE);
            work.add(threads.submit(() -> {
                start.await();
                return roller.roll(series.id());
            }));
        }
        work.add(threads.submit(() -> {
            start.await();
            return app.service.pause(series.id());
        }));
        start.countDown();
        for (Future<?> done : work) {
            done.get();
        }
        threads.shutdown();

        assertThat(app.service.get(series.id()).status()).isEqualTo(SeriesStatus.PAUSED);
        assertThat(app.seriesCalls(series.id())).extracting(Call::status).doesNotContain(CallStatus.SCHEDULED);
        assertThat(app.roller.sweep(100)).isZero();
    }

    @Test
    void aRollerThatCrashesAfterItsWriteLeavesOneCallThatAFreshRollerKeepsAndTheSweepFindsNothingToDo() {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.daily("Europe/London", "18:00", DAY.toString()));
        Call first = app.currentCall(series.id());
        app.clock.advance(Duration.ofHours(7));
        app.complete(first.id());
        SeriesRoller crashing = app.roller(callId -> {
            throw new IllegalStateException("kill -9 after the write, before the dial's trigger");
        });

        assertThatThrownBy(() -> crashing.roll(series.id())).hasMessageContaining("kill -9");
        String written = app.service.get(series.id()).currentCallId();
        assertThat(app.triggers).doesNotContainKey(written);

        assertThat(app.roller(SeriesRoller.Steps.NONE).roll(series.id())).isEqualTo(SeriesRoller.Rolled.PENDING);
        assertThat(app.roller.sweep(100)).isZero();
        assertThat(app.seriesCalls(series.id())).extracting(Call::id).containsExactly(written, first.id());
        // Without its trigger the call still dials: the status sync's sweep dispatches any SCHEDULED call when due.
        assertThat(app.calls.find(written).orElseThrow().status()).isEqualTo(CallStatus.SCHEDULED);
    }

    @Test
    void theSweepCreatesThePendingOccurrenceOfASeriesWhoseStreamRecordWasLost() {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.daily("Asia/Tokyo", "08:00", DAY.plusDays(1).toString()));
        Call first = app.currentCall(series.id());
        app.clock.advance(Duration.ofDays(1));
        app.complete(first.id()); // the stream's roll never comes

        assertThat(app.roller.sweep(100)).isEqualTo(1);
        assertThat(app.roller.sweep(100)).isZero();
        assertThat(app.currentCall(series.id()).occurrence()).isEqualTo(DAY.plusDays(2).atTime(8, 0));
    }

    @Test
    void anOccurrenceOutsideTheCallingHoursIsCreatedWaitingForTheNextOpening() {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.parse("09:00-20:00", "Mon-Sun"));
        Series series = app.service.create(SeriesFixture.daily("America/Chicago", "21:15", DAY.toString()));

        Call call = app.currentCall(series.id());
        assertThat(call.occurrence()).isEqualTo(DAY.atTime(21, 15));
        assertThat(call.scheduledAt()).isEqualTo(at(DAY, "21:15", CHICAGO));
        assertThat(call.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(call.waitingFor()).isEqualTo(WaitingFor.CALLING_HOURS);
        Instant opening = at(DAY.plusDays(1), "09:00", CHICAGO);
        assertThat(call.nextAttemptAt()).isEqualTo(opening);
        assertThat(app.triggers).containsEntry(call.id(), opening);
    }

    @Test
    void aDailyTwoThirtyRolledAcrossNewYorksSpringAndAutumnChangesDialsAtTheseInstants() {
        ZoneOffsetTransition spring = TestDays.nextSpringChange(NEW_YORK); // 02:00 EST becomes 03:00 EDT
        ZoneOffsetTransition autumn = TestDays.nextAutumnChange(NEW_YORK, spring.getInstant()); // 01:00-02:00 repeats
        LocalTime skipped = Transitions.middle(spring).toLocalTime(); // 02:30
        LocalDate springDay = spring.getDateTimeBefore().toLocalDate();
        LocalDate autumnDay = autumn.getDateTimeBefore().toLocalDate();
        assertThat(autumn.getDateTimeBefore().toLocalTime()).as("the repeated hour ends before the series' time")
                .isBefore(skipped);
        SeriesFixture app = new SeriesFixture(springDay.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC), CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.daily("America/New_York", skipped.toString(),
                springDay.minusDays(2).toString()));
        Call first = app.currentCall(series.id());
        List<String> dialed = new ArrayList<>(List.of(first.occurrence() + " -> " + first.scheduledAt()));
        for (int i = 0; i < 2; i++) {
            dialed.add(rollThrough(app, series.id()));
        }
        app.clock.advance(Duration.between(app.clock.instant(), autumnDay.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC)));
        assertThat(app.roller.roll(series.id())).as("the call after the spring change has not ended")
                .isEqualTo(SeriesRoller.Rolled.PENDING);
        // That call ends now, months late: the next is the first occurrence not more than a few minutes past.
        for (int i = 0; i < 3; i++) {
            dialed.add(rollThrough(app, series.id()));
        }

        assertThat(dialed).containsExactly(
                dialedAt(springDay.minusDays(1).atTime(skipped), spring.getOffsetBefore()), // EST, -05:00
                // in the spring gap: an hour later on the clock (03:30 EDT), as RFC 5545 says
                springDay.atTime(skipped) + " -> " + springDay.atTime(skipped).plus(spring.getDuration())
                        .toInstant(spring.getOffsetAfter()),
                dialedAt(springDay.plusDays(1).atTime(skipped), spring.getOffsetAfter()), // EDT, -04:00
                dialedAt(autumnDay.minusDays(1).atTime(skipped), autumn.getOffsetBefore()), // EDT
                dialedAt(autumnDay.atTime(skipped), autumn.getOffsetAfter()), // the change day, past the repeated hour: EST
                dialedAt(autumnDay.plusDays(1).atTime(skipped), autumn.getOffsetAfter()));
    }

    private static String dialedAt(LocalDateTime occurrence, ZoneOffset offset) {
        return occurrence + " -> " + occurrence.toInstant(offset);
    }

    /** Completes the pending call at its moment, rolls, and answers the next call's occurrence and instant. */
    private static String rollThrough(SeriesFixture app, String seriesId) {
        Call pending = app.currentCall(seriesId);
        if (app.clock.instant().isBefore(pending.scheduledAt())) {
            app.clock.advance(Duration.between(app.clock.instant(), pending.scheduledAt()).plusMinutes(2));
        }
        app.complete(pending.id());
        assertThat(app.roller.roll(seriesId)).isEqualTo(SeriesRoller.Rolled.CREATED);
        Call next = app.currentCall(seriesId);
        assertThat(app.triggers).containsEntry(next.id(), next.scheduledAt());
        return next.occurrence() + " -> " + next.scheduledAt();
    }

    @Test
    void aSeriesWithACountEndsAfterItsLastOccurrence() {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.request("UTC", "FREQ=DAILY;BYHOUR=13;BYMINUTE=0",
                DAY.atStartOfDay().toString(), 2, java.util.Map.of("phoneNumber", "+14155550123")));
        for (int i = 0; i < 2; i++) {
            Call pending = app.currentCall(series.id());
            app.clock.advance(Duration.between(app.clock.instant(), pending.scheduledAt()).plusMinutes(1));
            app.complete(pending.id());
            app.roller.roll(series.id());
        }
        Series ended = app.service.get(series.id());
        assertThat(ended.status()).isEqualTo(SeriesStatus.ENDED);
        assertThat(ended.endReason()).contains("count or until");
        assertThat(app.seriesCalls(series.id())).hasSize(2);
        assertThat(app.service.nextOccurrences(ended)).isEmpty();
    }

    @Test
    void aStoredRuleLibRecurCannotIterateEndsTheSeriesAtItsRollRatherThanFailingIt() {
        SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
        Series series = app.service.create(SeriesFixture.daily("UTC", "13:00", DAY.toString()));
        Call first = app.currentCall(series.id());
        // As a stored rule could after an upgrade of lib-recur: one it now iterates into "too many empty recurrence sets".
        app.aws.dynamoDb().updateItem(r -> r.tableName(app.table)
                .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("series#" + series.id())))
                .updateExpression("SET rrule = :r").expressionAttributeValues(java.util.Map.of(":r",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FREQ=DAILY;BYSETPOS=5;BYHOUR=9,10"))));
        app.clock.advance(Duration.between(app.clock.instant(), first.scheduledAt()).plusMinutes(1));
        app.complete(first.id());

        assertThat(app.roller.roll(series.id())).isEqualTo(SeriesRoller.Rolled.ENDED);
        Series ended = app.service.get(series.id());
        assertThat(ended.status()).isEqualTo(SeriesStatus.ENDED);
        assertThat(ended.endReason()).contains("no further occurrence");
        assertThat(app.seriesCalls(series.id())).extracting(Call::id).containsExactly(first.id());
    }
}
