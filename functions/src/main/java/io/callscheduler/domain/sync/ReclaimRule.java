package io.callscheduler.domain.sync;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.Calls;
import io.callscheduler.domain.dispatch.DispatchOutcome;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallStore;

import java.time.Duration;
import java.time.Instant;

/**
 * A dial whose dispatch died (DIALING with no provider id for longer than {@code staleAfter}, which outlasts any
 * dispatch) goes back to waiting with its request unconfirmed, in the same try, and enters the dispatch pipeline: the
 * provider is asked first, so a call it placed is adopted, and one it did not is dialed again, or failed with the reason
 * once the try's deadline has passed. Never re-sent blind. A dial claimed before {@code cutOffBefore} (a restart that
 * ended every dispatch of the previous process, locally) is reclaimed at once, the same way.
 */
final class ReclaimRule implements SyncRule {
    private final CallStore store;
    private final DispatchService dispatch;
    private final Duration staleAfter;
    private final Instant cutOffBefore;

    ReclaimRule(CallStore store, DispatchService dispatch, Duration staleAfter) {
        this(store, dispatch, staleAfter, null);
    }

    /** @param cutOffBefore dials claimed before it are known dead (see {@link SyncSettings#dialsCutOffBefore}), or null */
    ReclaimRule(CallStore store, DispatchService dispatch, Duration staleAfter, Instant cutOffBefore) {
        this.store = store;
        this.dispatch = dispatch;
        this.staleAfter = staleAfter;
        this.cutOffBefore = cutOffBefore;
    }

    @Override
    public void visit(Call call, Instant runStart, Instant deadline, SyncTally tally) {
        boolean cutOff = cutOffBefore != null && call.dialStartedAt() != null && call.dialStartedAt().isBefore(cutOffBefore);
        if (call.externalCallId() != null
                || (!cutOff && call.dialStartedAt() != null && call.dialStartedAt().isAfter(runStart.minus(staleAfter)))) {
            return; // placed (polled by another rule), or a dispatch may still be working on it
        }
        // The write is the reclaim: of several runs, only the one whose write lands goes on.
        Calls.Modified reclaimed = Calls.modify(store, call.id(), current -> current.status() == CallStatus.DIALING
                && current.externalCallId() == null && current.version() == call.version()
                ? current.withRequestUnconfirmed(true).waitFor(WaitingFor.RETRY, runStart, runStart,
                        cutOff ? "a dial was cut off by the last stop; asking the provider whether it placed the call"
                                : "a dial did not finish; asking the provider whether it placed the call")
                : current).orElse(null);
        if (reclaimed == null || !reclaimed.written()) {
            return;
        }
        tally.reclaimed.incrementAndGet();
        if (cutOff) {
            tally.cutOff.incrementAndGet();
        }
        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), null, "reclaim"), deadline);
        if (outcome == DispatchOutcome.FAILED || outcome == DispatchOutcome.DIALED || outcome == DispatchOutcome.CANCELED) {
            tally.changed.incrementAndGet();
        }
    }
}
