package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;

/**
 * The destination guard again, at the moment of dialing: a call created before the guard was narrowed (a type taken
 * out of AllowedNumberTypes, a country out of AllowedCountryCodes, or an upgrade that brought the guard) is not
 * dialed to where the deployment no longer calls; it ends FAILED saying why. Checked before anything is taken for
 * it (a line, a dial slot, a count), and after an unconfirmed request is settled: a call the provider placed is
 * followed, not failed.
 */
final class DestinationRecheck implements DispatchStep {
    private final Steps steps;
    private final DestinationGuard guard;

    DestinationRecheck(Steps steps, DestinationGuard guard) {
        this.steps = steps;
        this.guard = guard;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        try {
            guard.check(call.phoneNumber());
            return GO_ON;
        } catch (ValidationException refused) {
            return steps.refusals().refuse(dial, call.fail(steps.clock().instant(), "not dialed: " + refused.getMessage()),
                    CallMetrics.FailureReason.NOT_ALLOWED);
        }
    }
}
