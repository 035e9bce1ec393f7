package io.callscheduler.series;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A series' edit (PATCH): its rule and/or its calls' fields changed for the occurrences to come, in place, or from
 * one occurrence on by a split ({@link SeriesSplits}). Written conditional on the series' version
 * ({@link SeriesChanges}); a pending call the edit withdrew is remembered across the edit's retries.
 */
final class SeriesEdits {
    private final SeriesChanges changes;
    private final SeriesDefinitions definitions;
    private final SeriesPendingCalls pendingCalls;
    private final SeriesSplits splits;
    private final SeriesRoller roller;
    private final Clock clock;

    SeriesEdits(SeriesChanges changes, SeriesDefinitions definitions, SeriesPendingCalls pendingCalls,
                SeriesSplits splits, SeriesRoller roller, Clock clock) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.pendingCalls = Objects.requireNonNull(pendingCalls, "pendingCalls");
        this.splits = Objects.requireNonNull(splits, "splits");
        this.roller = Objects.requireNonNull(roller, "roller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Changes the rule and/or the call fields for the occurrences to come: the pending occurrence's call is canceled
     * and created again when its time or fields change (unless it is already dialing). With {@code from}, splits.
     *
     * @return the series as changed, or the new series of a split
     */
    Series update(String id, SeriesRequest request) {
        if (request.from() != null) {
            return splits.split(id, request);
        }
        Instant now = clock.instant();
        Set<String> withdrawn = new HashSet<>();
        Series changed = changes.change(id, current -> {
            SeriesChanges.refuseUnlessEditable(current, "edited");
            SeriesRuleFields rule = SeriesDefinitions.merged(current.rule(), request);
            var fields = SeriesDefinitions.mergedFields(current, request);
            Series edited = current.withDefinition(definitions.checked(rule, fields, now), fields, now);
            return replacePending(current, edited, now, withdrawn);
        });
        roller.roll(id);
        return changes.get(changed.id());
    }

    /**
     * The edited series; when its pending call's occurrence is no longer the next of the edited rule, or its fields
     * changed, that call is canceled and the roller creates the next from now (with the edit's version, so a new call
     * id). A call whose occurrence's time has come (late: waiting for the calling hours, a line, a redial) is kept, as
     * one dialing is: the edit applies from the next occurrence, and the roller records any it then jumps over.
     */
    private Series replacePending(Series current, Series edited, Instant now, Set<String> withdrawn) {
        if (current.status() != SeriesStatus.ACTIVE || current.currentCallId() == null) {
            return edited;
        }
        if (!withdrawn.contains(current.currentCallId())) { // else an earlier try of this edit withdrew it: forget it
            if (pendingCalls.pendingCall(current) == null || !occurrenceInstant(current).isAfter(now)) {
                return edited;
            }
            if (stillNext(current, edited, now) && edited.callFields().equals(current.callFields())
                    || !pendingCalls.withdraw(current, withdrawn, "replaced by an edit of its series", now)) {
                return edited; // unchanged, or already dialing: it finishes; the edit applies from the next occurrence
            }
        }
        return new Series(edited.id(), edited.status(), edited.rule(), edited.callFields(), null, null, now,
                edited.exceptions(), null, edited.continues(), edited.continuedBy(), edited.createdAt(), now,
                edited.version());
    }

    private static Instant occurrenceInstant(Series series) {
        return LocalTimes.place(series.currentOccurrence(), series.parsedRule().timeZone()).at();
    }

    /** Whether the pending occurrence (still to come) is, at the same instant, the edited rule's next one to dial. */
    private static boolean stillNext(Series current, Series edited, Instant now) {
        Instant at = occurrenceInstant(current);
        return SeriesRoller.nextToDial(edited, edited.parsedRule(), now).occurrences().stream().findFirst()
                .filter(o -> o.local().equals(current.currentOccurrence()) && o.at().equals(at)).isPresent();
    }
}
