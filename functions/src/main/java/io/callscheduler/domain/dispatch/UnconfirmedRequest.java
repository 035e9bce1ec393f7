package io.callscheduler.domain.dispatch;

import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;

import java.time.Instant;

/**
 * A call whose last request may have reached the provider (its answer was lost, or its dispatch died) is looked up
 * before anything else: a call the provider placed is adopted, never placed again. While the provider cannot be
 * asked, nothing is sent: the call waits and asks again, until the try's deadline fails it with the reason.
 */
final class UnconfirmedRequest implements DispatchStep {
    private final Steps steps;
    private final ProviderLookup lookup;
    private final AttemptResults results;
    private final RoundDeadline deadlines;

    UnconfirmedRequest(Steps steps, ProviderLookup lookup, AttemptResults results, RoundDeadline deadlines) {
        this.steps = steps;
        this.lookup = lookup;
        this.results = results;
        this.deadlines = deadlines;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        if (!call.requestUnconfirmed()) {
            return GO_ON;
        }
        ProviderLookup.Answer answer = lookup.ask(call);
        if (answer.found() != null) {
            return results.adopt(call.id(), answer.found(), call.attempts());
        }
        Instant now = steps.clock().instant();
        if (deadlines.passed(call, now)) {
            return results.failUnplaced(call, "the dial did not finish by " + deadlines.describe() + " after "
                    + AttemptResults.attemptsText(call.attempts()), answer);
        }
        if (answer.problem() != null) {
            Instant next = results.nextRetry(call, now);
            return steps.parking().park(dial, WaitingFor.RETRY, next, "could not ask the provider whether it placed the call ("
                    + answer.problem() + "); asking again at " + next, DispatchOutcome.RETRY_LATER);
        }
        return confirmNothingPlaced(dial);
    }

    private DispatchOutcome confirmNothingPlaced(Dial dial) {
        try {
            dial.call = steps.store().replace(dial.call, dial.call.withRequestUnconfirmed(false)
                    .note(steps.clock().instant(), "the provider placed nothing for the lost request; dialing again"));
            return GO_ON;
        } catch (io.callscheduler.store.ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING;
        }
    }
}
