package io.callscheduler.series;

import io.callscheduler.model.Call;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A series' state changes: pause, resume and delete, and the exceptions that an occurrence's call records when the
 * user cancels or moves it. Each is written conditional on the series' version ({@link SeriesChanges}).
 */
final class SeriesStates {
    private final SeriesChanges changes;
    private final SeriesPendingCalls pendingCalls;
    private final SeriesRoller roller;
    private final Clock clock;

    SeriesStates(SeriesChanges changes, SeriesPendingCalls pendingCalls, SeriesRoller roller, Clock clock) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.pendingCalls = Objects.requireNonNull(pendingCalls, "pendingCalls");
        this.roller = Objects.requireNonNull(roller, "roller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Idempotent: a paused series answers as it is. */
    Series pause(String id) {
        Instant now = clock.instant();
        Set<String> withdrawn = new HashSet<>();
        return changes.change(id, current -> {
            if (current.status() == SeriesStatus.PAUSED) {
                return current;
            }
            SeriesChanges.refuseUnlessLive(current, "paused");
            pendingCalls.cancelMoved(current, "not dialed: its series was paused", now);
            Series paused = current.with(SeriesStatus.PAUSED, now);
            // A withdrawn occurrence is forgotten: a resume before its time creates it again, one after skips it.
            return pendingCalls.withdraw(current, withdrawn, "not dialed: its series was paused", now)
                    ? paused.withCurrent(null, null, now) : paused;
        });
    }

    /** Creates the next occurrence after now: those missed while paused are skipped. Idempotent. */
    Series resume(String id) {
        Instant now = clock.instant();
        Series resumed = changes.change(id, current -> {
            if (current.status() == SeriesStatus.ACTIVE) {
                return current;
            }
            if (current.status() != SeriesStatus.PAUSED) {
                throw new SeriesStateException(id, current.status(), "resumed");
            }
            return current.resumed(now);
        });
        roller.roll(id);
        return changes.get(resumed.id());
    }

    /** Cancels the pending occurrence and keeps the series, DELETED, with its history. Idempotent. */
    Series delete(String id) {
        Instant now = clock.instant();
        return changes.change(id, current -> {
            if (current.status() == SeriesStatus.DELETED) {
                return current;
            }
            pendingCalls.cancelPending(current, "not dialed: its series was deleted", now);
            pendingCalls.cancelMoved(current, "not dialed: its series was deleted", now);
            return current.with(SeriesStatus.DELETED, now);
        });
    }

    /**
     * Records that an occurrence's call was canceled or moved by the user (its own routes): an exception of its series.
     * A moved call is detached from its series: it dials on its own, and the next occurrence rolls (at the minute's
     * sweep) without waiting for it to end. A call of no series records nothing.
     */
    void recordException(Call call, SeriesException.Kind kind) {
        if (call.seriesId() == null || call.occurrence() == null) {
            return;
        }
        Instant now = clock.instant();
        Instant at = kind == SeriesException.Kind.MOVED ? call.dueAt() : now;
        if (changes.exists(call.seriesId())) {
            changes.change(call.seriesId(), current -> {
                Series excepted = current.withException(new SeriesException(call.occurrence(), kind, at, null), now);
                return kind == SeriesException.Kind.MOVED && call.id().equals(current.currentCallId())
                        ? excepted.withCurrent(null, current.currentOccurrence(), now) : excepted;
            });
        }
    }
}
