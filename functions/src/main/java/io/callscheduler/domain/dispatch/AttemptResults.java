package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.Calls;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.ProviderStatuses;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallStore;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes what provider requests came to: a placed call (or one adopted from a lookup), a rejection, a wait for a
 * retry, or a failure at the try's deadline. Each write applies only to a call still waiting for that answer, so a
 * callback or a poll that got there first is never overwritten.
 */
final class AttemptResults {
    private static final System.Logger LOG = System.getLogger(AttemptResults.class.getName());
    private final CallStore store;
    private final ProviderLookup lookup;
    private final DialTriggers triggers;
    private final CallMetrics metrics;
    private final DispatchSettings settings;
    private final RoundDeadline deadlines;
    private final Clock clock;

    AttemptResults(CallStore store, ProviderLookup lookup, DialTriggers triggers, CallMetrics metrics,
                   DispatchSettings settings, RoundDeadline deadlines, Clock clock) {
        this.store = store;
        this.lookup = lookup;
        this.triggers = triggers;
        this.metrics = metrics;
        this.settings = settings;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** The provider accepted the call this dispatch claimed. */
    DispatchOutcome placed(Call claimed, ProviderCall placed, int attempts) {
        adopt(claimed.id(), placed, attempts);
        // Lateness of a dial on time: the first request of the call's first try of its first round.
        metrics.dialed(attempts <= 1 && claimed.dialRound() <= 1
                ? Duration.between(claimed.scheduledAt(), clock.instant()) : null);
        return DispatchOutcome.DIALED;
    }

    /**
     * Records the provider's call as this call's: for a call dialing, or waiting after a request whose answer was
     * lost. A callback or a poll that recorded it first wins.
     */
    DispatchOutcome adopt(String id, ProviderCall placed, int attempts) {
        Instant now = clock.instant();
        Calls.update(store, id, current -> {
            boolean awaiting = current.externalCallId() == null && (current.status() == CallStatus.DIALING
                    || (current.status() == CallStatus.SCHEDULED && current.requestUnconfirmed()));
            if (!awaiting) {
                // A callback or a poll recorded it first (Twilio's first callback can beat its own answer).
                return placed.id().equals(current.externalCallId()) && attempts > current.attempts()
                        ? current.withAttempts(attempts) : current;
            }
            Call updated = current.resumeDialing(now, "provider accepted the call as " + placed.id() + " ("
                    + placed.status() + ")").withProvider(placed.id(), placed.status())
                    .withAttempts(Math.max(attempts, current.attempts()));
            CallStatus mapped = ProviderStatuses.toCallStatus(placed.status()).orElse(updated.status());
            return mapped != updated.status() && updated.status().canMoveTo(mapped)
                    ? updated.moveTo(mapped, now, "provider: " + placed.status()) : updated;
        });
        return DispatchOutcome.DIALED;
    }

    DispatchOutcome rejected(Call claimed, CallApiException rejection, int attempts) {
        metrics.failed(CallMetrics.FailureReason.REJECTED);
        fail(claimed.id(), "Call API rejected the call: " + rejection.getMessage(), attempts);
        return DispatchOutcome.FAILED;
    }

    /**
     * A try's requests failed for a passing reason: the call waits for its next attempt, or at the try's deadline
     * fails, after asking the provider whether it placed the call anyway. A request that may have reached the provider
     * is looked up now; when that cannot be done, the call keeps its line and is looked up before its next request.
     */
    DispatchOutcome retryLaterOrFail(Call claimed, CallApiException failure, int attempts) {
        Instant now = clock.instant();
        String error = failure.getMessage();
        boolean unconfirmed = failure.mayHaveReachedProvider();
        ProviderLookup.Answer answer = unconfirmed ? lookup.ask(claimed) : null;
        if (answer != null && answer.found() != null) {
            return adopt(claimed.id(), answer.found(), attempts);
        }
        if (deadlines.passed(claimed, now)) {
            return failUnplaced(claimed.withAttempts(attempts), "Call API unavailable until " + deadlines.describe() + ", "
                    + attemptsText(attempts) + "; last error: " + error, answer);
        }
        // Nothing found just now proves nothing for a provider without idempotency keys (its list can lag its
        // creates): the next attempt, minutes later, asks again before sending.
        boolean stillUnconfirmed = unconfirmed && (answer.problem() != null || !lookup.resendIsSafe());
        Instant next = nextRetry(claimed, now);
        int first = claimed.attempts(); // this dispatch's first request; the rest were retried at once
        String note = (first == attempts ? "attempt " + attempts : "attempts " + first + "–" + attempts)
                + " failed (" + error + "); next attempt at " + next
                + (stillUnconfirmed ? "; the provider will be asked first whether it placed the call"
                + (answer.problem() == null ? "" : " (" + answer.problem() + ")") : "");
        LOG.log(System.Logger.Level.WARNING, "call " + claimed.id() + ": " + note);
        Calls.Modified waiting = Calls.modify(store, claimed.id(), current -> current.status() == CallStatus.DIALING
                && current.externalCallId() == null
                ? current.withRequestUnconfirmed(stillUnconfirmed).waitFor(WaitingFor.RETRY, next, now, note)
                        .withAttempts(Math.max(attempts, current.attempts())).withLastError(error)
                : current).orElse(null);
        if (waiting == null || !waiting.written()) {
            return DispatchOutcome.NOT_PENDING; // moved on meanwhile (a callback or a poll saw the provider's call)
        }
        triggers.arrangeOrLeaveToSweep(waiting.call(), Parking.triggerSource(WaitingFor.RETRY));
        return DispatchOutcome.RETRY_LATER;
    }

    /**
     * Fails a call whose try ran out, unless the provider placed it after all ({@code answer}, or a lookup made now
     * when there is none).
     */
    DispatchOutcome failUnplaced(Call call, String reason, ProviderLookup.Answer answer) {
        ProviderLookup.Answer asked = answer != null ? answer : lookup.ask(call);
        if (asked.found() != null) {
            return adopt(call.id(), asked.found(), call.attempts());
        }
        metrics.failed(CallMetrics.FailureReason.DIAL_DEADLINE);
        fail(call.id(), asked.problem() == null ? reason
                : reason + "; the provider could not be asked whether it placed the call (" + asked.problem() + ")",
                call.attempts());
        return DispatchOutcome.FAILED;
    }

    /** The next retry of the call's try: a backoff from how long the try has been going, never past its deadline. */
    Instant nextRetry(Call call, Instant now) {
        Instant roundStart = call.roundStartedAt() != null ? call.roundStartedAt() : now;
        Instant next = now.plus(settings.backoffAfter(Duration.between(roundStart, now)));
        Instant deadline = deadlines.of(call);
        return next.isAfter(deadline) ? deadline : next; // one last attempt at the deadline itself
    }

    static String attemptsText(int attempts) {
        return attempts + " attempt" + (attempts == 1 ? "" : "s");
    }

    private void fail(String id, String reason, int attempts) {
        Instant now = clock.instant();
        LOG.log(System.Logger.Level.WARNING, "call " + id + " failed: " + reason);
        Calls.update(store, id, current -> current.externalCallId() == null && (current.status() == CallStatus.DIALING
                || (current.status() == CallStatus.SCHEDULED && current.requestUnconfirmed()))
                ? current.fail(now, reason)
                        .withAttempts(Math.max(attempts, current.attempts()))
                : current);
    }
}
