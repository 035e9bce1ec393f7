package io.callscheduler.series;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each active series one call ahead: when its pending occurrence's call has ended (any final status, canceled
 * and failed included) it creates the next occurrence's call, an ordinary call that the dispatch pipeline then dials.
 * Run from the calls table's stream when an occurrence's call ends, and by a minute's sweep of the active series
 * (a lost stream record, a crash).
 *
 * <p>The call and the series' pointer to it are written in one transaction ({@link SeriesStore#rollTo}), conditional
 * on the series' version and on the call's absence: of rollers racing, or a roller run again after a crash, exactly
 * one writes, and there is no state in which a call exists that its series does not know. The dial's trigger is
 * arranged after; if that is lost, the status sync's sweep dispatches the call when it is due, as for any call.
 */
public final class SeriesRoller {
    private static final System.Logger LOG = System.getLogger(SeriesRoller.class.getName());
    /**
     * An occurrence this far in the past is still created (a roll delayed by a retry or a sweep's minute dials it at
     * once); one further in the past is skipped: a series never dials late in a burst.
     */
    static final Duration LATE_GRACE = Duration.ofMinutes(5);
    private static final int MAX_RACES = 8;

    /** What one roll did. */
    public enum Rolled { CREATED, PENDING, ENDED, PAUSED, NOT_ACTIVE, NOT_FOUND }

    /** A hook between the roll's write and the dial's trigger (tests inject a crash there). */
    interface Steps {
        Steps NONE = callId -> { };

        void written(String callId);
    }

    private final SeriesStore series;
    private final CallStore calls;
    private final OccurrenceCalls occurrenceCalls;
    private final DialTriggers triggers;
    private final Clock clock;
    private final Steps steps;

    public SeriesRoller(SeriesStore series, CallStore calls, io.callscheduler.domain.CallService callService,
                        DialTriggers triggers, Clock clock) {
        this(series, calls, new OccurrenceCalls(callService), triggers, clock, Steps.NONE);
    }

    SeriesRoller(SeriesStore series, CallStore calls, OccurrenceCalls occurrenceCalls, DialTriggers triggers, Clock clock,
                 Steps steps) {
        this.series = Objects.requireNonNull(series, "series");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.occurrenceCalls = Objects.requireNonNull(occurrenceCalls, "occurrenceCalls");
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    /** Creates the series' next occurrence's call if it needs one now; safe to run any number of times, concurrently. */
    public Rolled roll(String seriesId) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Series> found = series.find(seriesId);
            if (found.isEmpty()) {
                return Rolled.NOT_FOUND;
            }
            try {
                return rollOnce(found.get());
            } catch (ConcurrentUpdateException lostRace) {
                // another roller, or an edit, wrote the series first: read it again
            }
        }
        throw new ConcurrentUpdateException("series " + seriesId);
    }

    /** {@link #sweep(int, Instant)} without a deadline. */
    public int sweep(int limit) {
        return sweep(limit, Instant.MAX);
    }

    /**
     * One roll of up to {@code limit} active series, from where the last sweep stopped ({@link SeriesSweep}), starting
     * none at or after {@code deadline}; a failing one is logged and left to a later sweep.
     */
    public int sweep(int limit, Instant deadline) {
        return new SeriesSweep(series, this, clock).run(limit, deadline);
    }

    private Rolled rollOnce(Series current) {
        if (current.status() != SeriesStatus.ACTIVE) {
            return Rolled.NOT_ACTIVE;
        }
        if (current.currentCallId() != null && calls.find(current.currentCallId())
                .filter(call -> !call.status().isTerminal()).isPresent()) {
            return Rolled.PENDING;
        }
        Instant now = clock.instant();
        SeriesRule rule = current.parsedRule();
        NextOccurrences next = nextToDial(current, rule, rollAfter(current, rule, now));
        Series rolled = withSkipped(current, rule, now); // written with whatever this roll writes
        if (next.occurrences().isEmpty()) {
            series.replace(current, rolled.ended(next.stop() == NextOccurrences.Stop.SERIES_ENDED
                    ? "no more occurrences: its count or until is reached" : "no further occurrence found", now));
            return Rolled.ENDED;
        }
        Occurrence occurrence = next.occurrences().get(0);
        String callId = OccurrenceCalls.callId(current.id(), occurrence.local(), current.version());
        Call call;
        try {
            call = occurrenceCalls.build(current, occurrence, callId, now);
        } catch (ValidationException e) {
            // The deployment's rules changed under the series (a destination blocked, a caller ID withdrawn): paused,
            // not ended, so that it can be resumed once the configuration or the series' fields are put right.
            String reason = "paused: its calls can no longer be made: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "series " + current.id() + " " + reason);
            series.replace(current, rolled.pausedBecause(reason, now));
            return Rolled.PAUSED;
        }
        series.rollTo(current, rolled.withCurrent(callId, occurrence.local(), now), call);
        steps.written(callId);
        try {
            triggers.arrange(call, "series", false);
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "occurrence call " + callId + ": trigger not created; the status-sync "
                    + "sweep dispatches it when due: " + e.getMessage());
        }
        return Rolled.CREATED;
    }

    /** Removes a withdrawn occurrence call's schedule. */
    void unschedule(String callId) {
        triggers.unschedule(callId);
    }

    /**
     * The next occurrence is after the last one created, after a resume, and not more than {@link #LATE_GRACE} in the
     * past.
     */
    static Instant rollAfter(Series current, SeriesRule rule, Instant now) {
        Instant after = now.minus(LATE_GRACE);
        Instant floor = floor(current, rule);
        return floor != null && floor.isAfter(after) ? floor : after;
    }

    /** The last occurrence created, or the moment of a resume or an edit, whichever is later; null before any. */
    private static Instant floor(Series current, SeriesRule rule) {
        Instant floor = current.currentOccurrence() == null ? null
                : LocalTimes.place(current.currentOccurrence(), rule.timeZone()).at();
        return current.rollsAfter() != null && (floor == null || current.rollsAfter().isAfter(floor))
                ? current.rollsAfter() : floor;
    }

    /**
     * The first occurrence after {@code after} that has no exception: one the user canceled or moved has (or had) its
     * own call, and one skipped is past; none of them is ever created (again).
     */
    static NextOccurrences nextToDial(Series current, SeriesRule rule, Instant after) {
        Set<LocalDateTime> excepted = excepted(current);
        NextOccurrences next = rule.next(after, excepted.size() + 1);
        List<Occurrence> first = next.occurrences().stream().filter(o -> !excepted.contains(o.local())).limit(1).toList();
        // All found excepted: fewer than asked were found, so the stop says why the series has no more.
        return new NextOccurrences(first, first.isEmpty() ? next.stop() : NextOccurrences.Stop.ASKED_FOR);
    }

    /**
     * The series with a SKIPPED exception for each occurrence this roll jumps over: after the last one created but
     * already more than {@link #LATE_GRACE} past (its time came while the call before it was still pending: waiting
     * for the calling hours, redialing). The first {@value Series#MAX_EXCEPTIONS} such are recorded.
     */
    private static Series withSkipped(Series current, SeriesRule rule, Instant now) {
        Instant floor = floor(current, rule);
        Instant late = now.minus(LATE_GRACE);
        if (floor == null || !floor.isBefore(late)) {
            return current;
        }
        Set<LocalDateTime> excepted = excepted(current);
        String reason = current.currentOccurrence() != null && !floor.equals(current.rollsAfter())
                ? "its time passed while the call of occurrence " + current.currentOccurrence() + " was still pending"
                : "its time passed before the series rolled";
        Series skipping = current;
        for (Occurrence jumped : rule.next(floor, Series.MAX_EXCEPTIONS).occurrences()) {
            if (jumped.at().isAfter(late)) {
                break;
            }
            if (!excepted.contains(jumped.local())) {
                skipping = skipping.withException(new SeriesException(jumped.local(), SeriesException.Kind.SKIPPED, now,
                        reason), now);
            }
        }
        return skipping;
    }

    private static Set<LocalDateTime> excepted(Series current) {
        return current.exceptions().stream().map(SeriesException::occurrence).collect(Collectors.toSet());
    }
}
