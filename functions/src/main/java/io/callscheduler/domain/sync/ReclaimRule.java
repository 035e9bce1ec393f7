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
    private final Duration listSettle;
    /**
     * How long after its claim a cut-off dial waits to be looked up at a provider without idempotency keys: Twilio's
     * list can lag its creates by seconds, and "not found" too soon would send a second call (as the first retry waits).
     */
    static final Duration LIST_SETTLE = Duration.ofMinutes(1);

    ReclaimRule(CallStore store, DispatchService dispatch, Duration staleAfter) {
        this(store, dispatch, staleAfter, null, Duration.ZERO);
    }

    /**
     * @param cutOffBefore dials claimed before it are known dead (see {@link SyncSettings#dialsCutOffBefore}), or null
     * @param listSettle   how long after its claim such a dial is looked up: zero when a re-send is safe (idempotency
     *                     keys), else {@link #LIST_SETTLE}
     */
    ReclaimRule(CallStore store, DispatchService dispatch, Duration staleAfter, Instant cutOffBefore, Duration listSettle) {
        this.store = store;
        this.dispatch = dispatch;
        this.staleAfter = staleAfter;
        this.cutOffBefore = cutOffBefore;
        this.listSettle = listSettle;
    }

    @Override
    public void visit(Call call, Instant runStart, Instant deadline, SyncTally tally) {
        boolean cutOff = cutOffBefore != null && call.dialStartedAt() != null && call.dialStartedAt().isBefore(cutOffBefore);
        if (call.externalCallId() != null
                || (!cutOff && call.dialStartedAt() != null && call.dialStartedAt().isAfter(runStart.minus(staleAfter)))) {
            return; // placed (polled by another rule), or a dispatch may still be working on it
        }
        Instant lookUpAt = cutOff && call.dialStartedAt().plus(listSettle).isAfter(runStart)
                ? call.dialStartedAt().plus(listSettle) : runStart;
        String note = !cutOff ? "a dial did not finish; asking the provider whether it placed the call"
                : lookUpAt.equals(runStart) ? "a dial was cut off by the last stop; asking the provider whether it placed the call"
                : "a dial was cut off by the last stop; asking the provider at " + lookUpAt
                        + " whether it placed the call (its list of calls can lag by seconds)";
        // The write is the reclaim: of several runs, only the one whose write lands goes on.
        Calls.Modified reclaimed = Calls.modify(store, call.id(), current -> current.status() == CallStatus.DIALING
                && current.externalCallId() == null && current.version() == call.version()
                ? current.withRequestUnconfirmed(true).waitFor(WaitingFor.RETRY, lookUpAt, runStart, note)
                : current).orElse(null);
        if (reclaimed == null || !reclaimed.written()) {
            return;
        }
        tally.reclaimed.incrementAndGet();
        if (cutOff) {
            tally.cutOff.incrementAndGet();
        }
        if (lookUpAt.isAfter(runStart)) {
            return; // swept when its look-up is due
        }
        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), null, "reclaim"), deadline);
        if (outcome == DispatchOutcome.FAILED || outcome == DispatchOutcome.DIALED || outcome == DispatchOutcome.CANCELED) {
            tally.changed.incrementAndGet();
        }
    }
}
