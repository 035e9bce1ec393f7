package io.callscheduler.domain.sync;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.dispatch.DispatchOutcome;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.model.Call;

import java.time.Duration;
import java.time.Instant;

/**
 * A SCHEDULED call due for longer than {@code grace} (its schedule never fired, or could not be created) is dispatched
 * through the same pipeline as a fired schedule.
 */
final class SweepRule implements SyncRule {
    private final DispatchService dispatch;
    private final Duration grace;

    SweepRule(DispatchService dispatch, Duration grace) {
        this.dispatch = dispatch;
        this.grace = grace;
    }

    @Override
    public void visit(Call call, Instant runStart, Instant deadline, SyncTally tally) {
        if (call.dueAt().plus(grace).isAfter(runStart)) {
            return; // waiting, or about to be fired by its schedule
        }
        if (dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"), deadline)
                != DispatchOutcome.NOT_PENDING) {
            tally.swept.incrementAndGet();
        }
    }
}
