package io.callscheduler.series;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second review's findings on edits and splits (DynamoDB Local, clock controlled, starting a few days from today):
 * a split never dials an excepted occurrence again, delete and pause reach a moved call, an edit keeps a late
 * occurrence's call, a split cannot start before its occurrence, and a split's count is counted as COUNT counts.
 */
class SeriesEditSafetyTest {
    private static final Instant NOW = LocalDate.now(ZoneOffset.UTC).plusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC);
    private static final SeriesRequest NO_CHANGE = new SeriesRequest(
            new SeriesRuleFields(null, null, null, null, null, null), Map.of(), Set.of(), null);

    private final SeriesFixture app = new SeriesFixture(NOW, CallingWindow.ANY);
    private final Series series = app.service.create(SeriesFixture.daily("America/New_York", "09:30",
            LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(1).toString()));
    private final Call first = app.currentCall(series.id());

    private static SeriesRequest newMessage(String from) {
        return new SeriesRequest(new SeriesRuleFields(null, null, null, null, null, null), Map.of("message", "New pills"),
                Set.of("message"), from);
    }

    private Call call(String id) {
        return app.calls.find(id).orElseThrow();
    }

    private Call movedThreeDaysLater() {
        Call moved = app.callService.reschedule(first.id(), first.scheduledAt().plus(Duration.ofDays(3)).toString(), null);
        app.service.recordException(moved, SeriesException.Kind.MOVED);
        app.roller.roll(series.id()); // the sweep: the next occurrence
        return moved;
    }

    @Test
    void aSplitAtAMovedOccurrenceDoesNotCreateItAgainAtItsOldTime() {
        Call moved = app.callService.reschedule(first.id(), first.scheduledAt().plus(Duration.ofHours(5).plusMinutes(30))
                .toString(), null); // 09:30 -> 15:00 the same day
        app.service.recordException(moved, SeriesException.Kind.MOVED);
        app.roller.roll(series.id());
        assertThat(app.service.nextOccurrences(app.service.get(series.id()))).extracting(Occurrence::local)
                .doesNotContain(first.occurrence()).contains(first.occurrence().plusDays(1));

        Series next = app.service.update(series.id(), newMessage(first.occurrence().toString()));

        assertThat(app.seriesCalls(next.id())).extracting(Call::occurrence).doesNotContain(first.occurrence());
        assertThat(next.currentOccurrence()).isEqualTo(first.occurrence().plusDays(1));
        assertThat(next.exceptions()).extracting(SeriesException::occurrence, SeriesException::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.occurrence(), SeriesException.Kind.MOVED));
        assertThat(call(first.id()).status()).isEqualTo(CallStatus.SCHEDULED); // dials once, at 15:00
    }

    @Test
    void aSplitAtACanceledOccurrenceDoesNotCreateItAgain() {
        app.service.recordException(app.callService.cancel(first.id()), SeriesException.Kind.CANCELED);
        app.roller.roll(series.id());

        Series next = app.service.update(series.id(), newMessage(first.occurrence().toString()));

        assertThat(app.seriesCalls(next.id())).extracting(Call::occurrence).doesNotContain(first.occurrence());
        assertThat(next.currentOccurrence()).isEqualTo(first.occurrence().plusDays(1));
    }

    @Test
    void deletingTheSeriesCancelsItsMovedCallStillPending() {
        Call moved = movedThreeDaysLater();

        app.service.delete(series.id());

        assertThat(call(moved.id()).status()).isEqualTo(CallStatus.CANCELED);
        assertThat(app.triggers).doesNotContainKey(moved.id());
        assertThat(app.seriesCalls(series.id())).extracting(Call::status).containsOnly(CallStatus.CANCELED);
    }

    @Test
    void pausingTheSeriesCancelsItsMovedCallAndAResumeDoesNotBringItBack() {
        Call moved = movedThreeDaysLater();

        app.service.pause(series.id());
        app.service.resume(series.id());

        assertThat(call(moved.id()).status()).isEqualTo(CallStatus.CANCELED);
        assertThat(app.triggers).doesNotContainKey(moved.id());
        assertThat(app.currentCall(series.id()).occurrence()).isEqualTo(first.occurrence().plusDays(1));
    }

    @Test
    void aNoOpEditKeepsALateOccurrenceStillWaiting() {
        app.clock.advance(Duration.between(app.clock.instant(), first.scheduledAt()).plusMinutes(15)); // waits: a line

        app.service.update(series.id(), NO_CHANGE);

        assertThat(call(first.id()).status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(app.service.get(series.id()).currentCallId()).isEqualTo(first.id());
        assertThat(app.seriesCalls(series.id())).singleElement().extracting(Call::id).isEqualTo(first.id());
    }

    @Test
    void anEditOfTheFieldsKeepsALateOccurrenceAndAppliesFromTheNext() {
        app.clock.advance(Duration.between(app.clock.instant(), first.scheduledAt()).plusMinutes(15));

        app.service.update(series.id(), newMessage(null));
        app.complete(first.id());
        app.roller.roll(series.id());

        assertThat(call(first.id()).status()).isEqualTo(CallStatus.COMPLETED);
        Call next = app.currentCall(series.id());
        assertThat(next.occurrence()).isEqualTo(first.occurrence().plusDays(1));
        assertThat(next.script().message()).isEqualTo("New pills");
    }

    @Test
    void aSplitWhoseStartAtIsBeforeFromIsRefusedNamingStartAt() {
        LocalDateTime from = first.occurrence().plusDays(2);
        SeriesRequest overlapping = new SeriesRequest(new SeriesRuleFields(null, null,
                first.occurrence().plusDays(1).toString(), null, null, null), Map.of(), Set.of("startAt"), from.toString());

        assertThatThrownBy(() -> app.service.update(series.id(), overlapping))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("startAt");
                    assertThat(e.code()).isEqualTo("INVALID_VALUE");
                });
        Series unchanged = app.service.get(series.id());
        assertThat(unchanged.status()).isEqualTo(SeriesStatus.ACTIVE);
        assertThat(unchanged.continuedBy()).isNull();
    }

    @Test
    void aSplitLeavesTheCountLessEveryRuleInstanceBeforeItExdatedOnesIncluded() {
        LocalDateTime start = LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(1).atTime(13, 0);
        Series counted = app.service.create(new SeriesRequest(new SeriesRuleFields("UTC", "FREQ=DAILY;BYHOUR=13;BYMINUTE=0",
                start.toString(), null, 10, List.of(start.plusDays(1).toString())),
                Map.of("phoneNumber", "+14155550123"), Set.of(), null));

        Series next = app.service.update(counted.id(), newMessage(start.plusDays(4).toString()));

        assertThat(next.rule().count()).isEqualTo(6); // days 0-3 were the old series' (day 1 exdated): 10 - 4
    }
}
