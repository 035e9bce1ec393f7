package io.callscheduler.domain.sync;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.dispatch.DispatchOutcome;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.model.Call;

import java.time.Duration;
import java.time.Instant;

/**
 * A SCHEDULED call due for longer than {@code grace} (its schedule never fired, or could not be created) is dispatched
 * through the same pipeline as a fired schedule. One last written before {@code cutOffBefore} (a restart that ended
 * every dispatch of the previous process, locally: see {@link SyncSettings#dialsCutOffBefore}) is dispatched as soon
 * as it is due, without the grace: a dispatch it was handed to, waiting in memory for its moment, died with that
 * process. Should its schedule fire as well, only one of the two claims lands.
 */
final class SweepRule implements SyncRule {
    private final DispatchService dispatch;
    private final Duration grace;
    private final Instant cutOffBefore;

    SweepRule(DispatchService dispatch, Duration grace) {
        this(dispatch, grace, null);
    }

    /** @param cutOffBefore a call last written before it may have had its dispatch cut off by the last stop; or null */
    SweepRule(DispatchService dispatch, Duration grace, Instant cutOffBefore) {
        this.dispatch = dispatch;
        this.grace = grace;
        this.cutOffBefore = cutOffBefore;
    }

    @Override
    public void visit(Call call, Instant runStart, Instant deadline, SyncTally tally) {
        boolean handoverCutOff = cutOffBefore != null && call.updatedAt().isBefore(cutOffBefore);
        if (call.dueAt().plus(handoverCutOff ? Duration.ZERO : grace).isAfter(runStart)) {
            return; // waiting, or about to be fired by its schedule
        }
        if (dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"), deadline)
                != DispatchOutcome.NOT_PENDING) {
            tally.swept.incrementAndGet();
        }
    }
}
