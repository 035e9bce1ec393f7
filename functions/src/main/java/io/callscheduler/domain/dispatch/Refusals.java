package io.callscheduler.domain.dispatch;

import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;

/**
 * Ends a call that dispatch itself refuses to dial (not a provider's answer): FAILED with the reason, logged and
 * counted; or CANCELED when its number is on the do-not-call list. A call another writer changed meanwhile is left
 * to it.
 */
final class Refusals {
    private static final System.Logger LOG = System.getLogger(Refusals.class.getName());
    private final CallStore store;
    private final CallMetrics metrics;

    Refusals(CallStore store, CallMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** @param failed the dial's call, as {@link Call#fail} ended it (with any other change the refusal makes) */
    DispatchOutcome refuse(Dial dial, Call failed, CallMetrics.FailureReason why) {
        try {
            dial.call = store.replace(dial.call, failed);
        } catch (ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING;
        }
        LOG.log(System.Logger.Level.WARNING, "call " + failed.id() + " failed: " + failed.lastError());
        metrics.failed(why);
        return DispatchOutcome.FAILED;
    }

    /**
     * Ends a claimed call CANCELED before its request, its number being on the do-not-call list: logged and counted
     * as suppressed, not as a failure.
     *
     * @param canceled the dial's call, as {@link Call#withdraw} ended it
     */
    DispatchOutcome withdraw(Dial dial, Call canceled) {
        try {
            dial.call = store.replace(dial.call, canceled);
        } catch (ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING;
        }
        LOG.log(System.Logger.Level.WARNING, "call " + canceled.id() + " canceled: " + canceled.lastError());
        metrics.suppressed();
        return DispatchOutcome.CANCELED;
    }
}
