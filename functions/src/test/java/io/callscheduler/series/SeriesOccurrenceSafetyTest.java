package io.callscheduler.series;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.domain.Calls;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.testing.TestDays;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's findings on the roller (DynamoDB Local, clock controlled): no occurrence dialed twice by an edit, a
 * split or a pause; none lost silently; a jumped-over one recorded; a roll that cannot build its call pauses.
 */
class SeriesOccurrenceSafetyTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** A Monday ahead in a week when New York does not change its offset. */
    private static final LocalDate DAY = TestDays.quietMonday(NEW_YORK);
    private static final Instant NOW = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    private static final SeriesRequest NO_CHANGE = new SeriesRequest(
            new SeriesRuleFields(null, null, null, null, null, null), Map.of(), Set.of(), null);

    private final SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
    private final Series series = app.service.create(SeriesFixture.daily("America/New_York", "09:30", DAY.plusDays(1).toString()));
    private final Call first = app.currentCall(series.id());

    private List<Call> callsOf(LocalDateTime occurrence) {
        return app.seriesCalls(series.id()).stream().filter(c -> c.occurrence().equals(occurrence)).toList();
    }

    private Call byUser(String callId, java.util.function.UnaryOperator<Call> change) {
        return Calls.update(app.calls, callId, change).orElseThrow();
    }

    @Test
    void anEditAfterTheUserCanceledAnOccurrenceDoesNotCreateItAgain() {
        Call canceled = app.callService.cancel(first.id());
        app.service.recordException(canceled, SeriesException.Kind.CANCELED);
        app.roller.roll(series.id()); // the stream's roll: the next occurrence

        app.service.update(series.id(), NO_CHANGE);

        assertThat(callsOf(first.occurrence())).extracting(Call::status).containsExactly(CallStatus.CANCELED);
        assertThat(app.currentCall(series.id()).occurrence()).isEqualTo(first.occurrence().plusDays(1));
    }

    @Test
    void anEditAfterAMovedOccurrenceDialedEarlyDoesNotCreateItAgainAtItsOldTime() {
        Instant earlier = app.clock.instant().plus(Duration.ofMinutes(10));
        Call moved = app.callService.reschedule(first.id(), earlier.toString(), null);
        app.service.recordException(moved, SeriesException.Kind.MOVED);
        app.clock.advance(Duration.ofMinutes(11));
        app.complete(first.id());
        app.roller.roll(series.id());

        app.service.update(series.id(), NO_CHANGE);

        assertThat(callsOf(first.occurrence())).extracting(Call::id).containsExactly(first.id());
        assertThat(app.currentCall(series.id()).occurrence()).isEqualTo(first.occurrence().plusDays(1));
    }

    @Test
    void aMovedCallNoLongerHoldsTheSeriesBackTheNextOccurrenceRollsAtOnce() {
        Instant later = first.scheduledAt().plus(Duration.ofDays(3));
        Call moved = app.callService.reschedule(first.id(), later.toString(), null);
        app.service.recordException(moved, SeriesException.Kind.MOVED);

        assertThat(app.roller.roll(series.id())).isEqualTo(SeriesRoller.Rolled.CREATED);
        assertThat(app.currentCall(series.id()).occurrence()).isEqualTo(first.occurrence().plusDays(1));
        assertThat(app.calls.find(first.id()).orElseThrow().status()).isEqualTo(CallStatus.SCHEDULED);
    }

    @Test
    void occurrencesJumpedOverByALateCallAreRecordedAsSkippedWithTheReason() {
        Instant third = first.occurrence().plusDays(2).atZone(NEW_YORK).toInstant();
        app.clock.advance(Duration.between(app.clock.instant(), third).minusHours(1));
        app.complete(first.id()); // ends two days late, an hour before the third occurrence

        app.roller.roll(series.id());

        Series rolled = app.service.get(series.id());
        assertThat(rolled.currentOccurrence()).isEqualTo(first.occurrence().plusDays(2));
        assertThat(rolled.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.occurrence()).isEqualTo(first.occurrence().plusDays(1));
            assertThat(e.kind()).isEqualTo(SeriesException.Kind.SKIPPED);
            assertThat(e.reason()).contains(first.occurrence().toString());
        });
    }

    @Test
    void aResumeBeforeThePausedOccurrencesTimeStillDialsIt() {
        app.service.pause(series.id());
        app.clock.advance(Duration.ofHours(1));

        app.service.resume(series.id());

        Call pending = app.currentCall(series.id());
        assertThat(pending.occurrence()).isEqualTo(first.occurrence());
        assertThat(pending.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(app.calls.find(first.id()).orElseThrow().status()).isEqualTo(CallStatus.CANCELED);
    }

    @Test
    void aRollThatCanNoLongerBuildItsCallPausesTheSeriesWithTheReasonAndItCanBeResumed() {
        Series current = app.service.get(series.id());
        app.store.replace(current, current.withDefinition(current.rule(), Map.of("phoneNumber", "12"), app.clock.instant()));
        app.clock.advance(Duration.between(app.clock.instant(), first.scheduledAt()).plusMinutes(1));
        app.complete(first.id());

        assertThat(app.roller.roll(series.id())).isEqualTo(SeriesRoller.Rolled.PAUSED);
        Series paused = app.service.get(series.id());
        assertThat(paused.status()).isEqualTo(SeriesStatus.PAUSED);
        assertThat(paused.endReason()).contains("phoneNumber");

        app.service.update(series.id(), new SeriesRequest(new SeriesRuleFields(null, null, null, null, null, null),
                Map.of("phoneNumber", "+14155550123"), Set.of("phoneNumber"), null));
        Series resumed = app.service.resume(series.id());
        assertThat(resumed.status()).isEqualTo(SeriesStatus.ACTIVE);
        assertThat(resumed.endReason()).isNull();
        assertThat(app.currentCall(series.id()).occurrence()).isEqualTo(first.occurrence().plusDays(1));
    }

    @Test
    void aSplitAtAnOccurrenceWhoseCallIsDialingLeavesItToTheOldSeriesOnly() {
        byUser(first.id(), c -> c.claim(app.clock.instant(), "dialing")); // claimed ahead of its time

        Series next = app.service.update(series.id(), new SeriesRequest(new SeriesRuleFields(null, null, null, null, null, null),
                Map.of("message", "New pills"), Set.of("message"), first.occurrence().toString()));

        assertThat(next.currentOccurrence()).isEqualTo(first.occurrence().plusDays(1));
        assertThat(app.seriesCalls(next.id())).extracting(Call::occurrence).doesNotContain(first.occurrence());
    }

    @Test
    void aSplitOfASeriesCountingMoreThanAThousandLeavesTheNewOneWhatIsLeft() {
        LocalDateTime start = LocalDateTime.ofInstant(app.clock.instant(), ZoneId.of("UTC")).toLocalDate().plusDays(1).atStartOfDay();
        Series counted = app.service.create(SeriesFixture.request("UTC", "FREQ=DAILY;BYHOUR=13;BYMINUTE=0",
                start.toString(), 1500, Map.of("phoneNumber", "+14155550123")));
        LocalDateTime from = start.plusDays(1100).withHour(13);

        Series next = app.service.update(counted.id(), new SeriesRequest(new SeriesRuleFields(null, null, null, null, null, null),
                Map.of("message", "later"), Set.of("message"), from.toString()));

        assertThat(next.rule().count()).isEqualTo(400);
    }

    @Test
    void anEditWhoseWriteLosesARaceAfterItCanceledThePendingCallStillCreatesThatOccurrence() {
        AtomicBoolean raced = new AtomicBoolean();
        SeriesStore racing = new DelegatingStore(app.store) {
            @Override
            public Series replace(Series expected, Series updated) {
                if (raced.compareAndSet(false, true)) {
                    app.store.replace(expected, expected); // another writer comes first
                }
                return app.store.replace(expected, updated);
            }
        };
        SeriesService editing = new SeriesService(racing, app.calls, app.callService, app.roller, app.clock);

        editing.update(series.id(), new SeriesRequest(new SeriesRuleFields(null, null, null, null, null, null),
                Map.of("contactName", "Dad"), Set.of("contactName"), null));

        assertThat(raced).isTrue();
        Call pending = app.currentCall(series.id());
        assertThat(pending.occurrence()).isEqualTo(first.occurrence());
        assertThat(pending.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(pending.contactName()).isEqualTo("Dad");
    }

    /** A store passing everything through, to override one method. */
    private static class DelegatingStore implements SeriesStore {
        private final SeriesStore store;

        DelegatingStore(SeriesStore store) {
            this.store = store;
        }

        @Override public void insert(Series s) { store.insert(s); }
        @Override public void insert(Series s, SeriesIdempotencyRecord record) { store.insert(s, record); }
        @Override public java.util.Optional<SeriesIdempotencyRecord> findIdempotencyRecord(String key, Instant now) {
            return store.findIdempotencyRecord(key, now);
        }
        @Override public void split(Series expectedOld, Series endedOld, Series next) { store.split(expectedOld, endedOld, next); }
        @Override public void rollTo(Series expected, Series updated, Call call) { store.rollTo(expected, updated, call); }
        @Override public java.util.Optional<Series> find(String id) { return store.find(id); }
        @Override public Series replace(Series expected, Series updated) { return store.replace(expected, updated); }
        @Override public io.callscheduler.store.Page<Series> list(int limit, String token) { return store.list(limit, token); }
        @Override public io.callscheduler.store.Page<Call> calls(String id, int limit, String token) { return store.calls(id, limit, token); }
        @Override public List<Series> active(SweepPosition after, int limit) { return store.active(after, limit); }
        @Override public java.util.Optional<SweepPosition> sweepPosition() { return store.sweepPosition(); }
        @Override public void saveSweepPosition(SweepPosition position) { store.saveSweepPosition(position); }
    }
}
