package io.callscheduler.domain;

import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallView;
import io.callscheduler.store.Count;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many calls (matching a search) have each status and are in each view, for the page's tabs and its
 * "showing 50 of 160". Each count was read within a cap, so it may be a lower bound ({@link Count#atLeast()}).
 *
 * @param byStatus every status's count
 * @param byView   every view's count: "now" is read (the active lane and the last hour of the ended one); "upcoming" and
 *                 "history" are derived from the status counts, which read the same calls, so that they cost nothing more
 * @param total    all calls matching, the sum of the status counts
 */
public record CallCounts(Map<CallStatus, Count> byStatus, Map<CallView, Count> byView, Count total) {

    static CallCounts of(Map<CallStatus, Count> byStatus, Count activeLane, Count endedRecently) {
        Count total = sum(byStatus.values());
        Count ended = sum(byStatus.entrySet().stream().filter(e -> e.getKey().isTerminal()).map(Map.Entry::getValue).toList());
        Count active = sum(byStatus.entrySet().stream().filter(e -> e.getKey().isActive()).map(Map.Entry::getValue).toList());
        // The active lane holds every DIALING and IN_PROGRESS call plus the SCHEDULED ones under way: those are
        // not upcoming. Clamped, as the index and the counts are read at slightly different moments.
        long scheduledUnderWay = Math.max(0, activeLane.count() - active.count());
        Count scheduled = byStatus.get(CallStatus.SCHEDULED);
        Count upcoming = new Count(Math.max(0, scheduled.count() - scheduledUnderWay), scheduled.atLeast() || activeLane.atLeast());
        Map<CallView, Count> byView = new EnumMap<>(CallView.class);
        byView.put(CallView.NOW, sum(java.util.List.of(activeLane, endedRecently)));
        byView.put(CallView.UPCOMING, upcoming);
        byView.put(CallView.HISTORY, ended);
        return new CallCounts(Collections.unmodifiableMap(byStatus), Collections.unmodifiableMap(byView), total);
    }

    private static Count sum(Iterable<Count> counts) {
        long sum = 0;
        boolean atLeast = false;
        for (Count count : counts) {
            sum += count.count();
            atLeast |= count.atLeast();
        }
        return new Count(sum, atLeast);
    }
}
