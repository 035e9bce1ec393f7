package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.ConcurrentUpdateException;

/**
 * The destination guard again, at the moment of dialing: a call created before the guard was narrowed (a type taken
 * out of AllowedNumberTypes, a country out of AllowedCountryCodes, or an upgrade that brought the guard) is not
 * dialed to where the deployment no longer calls; it ends FAILED saying why. Checked before anything is taken for
 * it (a line, a dial slot, a count), and after an unconfirmed request is settled: a call the provider placed is
 * followed, not failed.
 */
final class DestinationRecheck implements DispatchStep {
    private static final System.Logger LOG = System.getLogger(DestinationRecheck.class.getName());
    private final Steps steps;
    private final DestinationGuard guard;
    private final CallMetrics metrics;

    DestinationRecheck(Steps steps, DestinationGuard guard, CallMetrics metrics) {
        this.steps = steps;
        this.guard = guard;
        this.metrics = metrics;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        try {
            guard.check(call.phoneNumber());
            return GO_ON;
        } catch (ValidationException refused) {
            String reason = "not dialed: " + refused.getMessage();
            try {
                dial.call = steps.store().replace(call, call.moveTo(CallStatus.FAILED, steps.clock().instant(), reason)
                        .withLastError(reason));
            } catch (ConcurrentUpdateException movedOn) {
                return DispatchOutcome.NOT_PENDING;
            }
            LOG.log(System.Logger.Level.WARNING, "call " + call.id() + " failed: " + reason);
            metrics.failed(CallMetrics.FailureReason.NOT_ALLOWED);
            return DispatchOutcome.FAILED;
        }
    }
}
