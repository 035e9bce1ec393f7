package io.callscheduler.domain.dispatch;

import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallStore;

import java.time.Clock;
import java.time.Instant;

/**
 * A call whose last request may have reached the provider (its answer was lost, or its dispatch died) is looked up
 * before anything else: a call the provider placed is adopted, never placed again. While the provider cannot be
 * asked, nothing is sent: the call waits and asks again, until the try's deadline fails it with the reason.
 */
final class UnconfirmedRequest implements DispatchStep {
    private final CallStore store;
    private final ProviderLookup lookup;
    private final AttemptResults results;
    private final Parking parking;
    private final RoundDeadline deadlines;
    private final Clock clock;

    UnconfirmedRequest(CallStore store, ProviderLookup lookup, AttemptResults results, Parking parking,
                       RoundDeadline deadlines, Clock clock) {
        this.store = store;
        this.lookup = lookup;
        this.results = results;
        this.parking = parking;
        this.deadlines = deadlines;
        this.clock = clock;
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
        Instant now = clock.instant();
        if (deadlines.passed(call, now)) {
            return results.failUnplaced(call, "the dial did not finish by " + deadlines.describe() + " after "
                    + AttemptResults.attemptsText(call.attempts()), answer);
        }
        if (answer.problem() != null) {
            Instant next = results.nextRetry(call, now);
            return parking.park(dial, WaitingFor.RETRY, next, "could not ask the provider whether it placed the call ("
                    + answer.problem() + "); asking again at " + next, DispatchOutcome.RETRY_LATER);
        }
        return confirmNothingPlaced(dial);
    }

    private DispatchOutcome confirmNothingPlaced(Dial dial) {
        try {
            dial.call = store.replace(dial.call, dial.call.withRequestUnconfirmed(false)
                    .note(clock.instant(), "the provider placed nothing for the lost request; dialing again"));
            return GO_ON;
        } catch (io.callscheduler.store.ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING;
        }
    }
}
