package io.callscheduler.domain.dispatch;

import io.callscheduler.model.Call;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.Suppressions;
import io.callscheduler.telephony.CallApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The do-not-call list, read once more immediately before the provider request: a number added a second before its
 * call's moment is not dialed. Placed after the claim, so that no other delivery can dial the call after this read,
 * and read {@link #READ_ALLOWANCE} before the request's moment (the claim comes a claim lead earlier), so that the
 * read is as fresh as it can be without making the request late. A suppressed call ends CANCELED with the reason,
 * its claimed attempt not counted (its line goes back as the dispatch ends). A list that cannot be read sends
 * nothing: the call waits for a retry, as when a ring cannot be counted. A request that goes out more than
 * {@link #STALE_AFTER} after the read (pacing gave its slot away, an immediate retry's backoff, a long pause) reads it
 * again first: the attempt step asks ({@link #readAgainIfStale}).
 */
final class SuppressionCheck implements DispatchStep {
    /** How long before the request's moment the list is read: a strongly consistent GetItem takes a few ms. */
    static final Duration READ_ALLOWANCE = Duration.ofMillis(200);
    /** How old a read may be when a request goes out; older (a new dial slot, a retry's backoff), it is read again. */
    static final Duration STALE_AFTER = Duration.ofMillis(500);
    private final Steps steps;
    private final Suppressions suppressions;
    private final AttemptResults results;

    /** @param suppressions the list, or null for none */
    SuppressionCheck(Steps steps, Suppressions suppressions, AttemptResults results) {
        this.steps = steps;
        this.suppressions = suppressions;
        this.results = results;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        if (suppressions == null) {
            return GO_ON; // no list (tests and wiring without one): nothing to read, nothing to wait for
        }
        waitUntilJustBeforeTheRequest(dial);
        return read(dial, 0, null);
    }

    /**
     * Reads the list again before a request that goes out later than this step's read allows: pacing gave its dial
     * slot away and it waited for a new one, or it is an immediate retry after a backoff. The usual first request,
     * read {@link #READ_ALLOWANCE} before, is not read twice.
     *
     * @param requestsSent the requests this dispatch has already sent for the call (each one an attempt)
     * @param lastFailure  how the last of them failed, or null before the first
     */
    DispatchOutcome readAgainIfStale(Dial dial, int requestsSent, CallApiException lastFailure) {
        if (suppressions == null || dial.listReadAt == null
                || !steps.clock().instant().isAfter(dial.listReadAt.plus(STALE_AFTER))) {
            return GO_ON;
        }
        return read(dial, requestsSent, lastFailure);
    }

    private DispatchOutcome read(Dial dial, int requestsSent, CallApiException lastFailure) {
        Call claimed = dial.call;
        // The claim counted the next request as an attempt: the attempts sent are the claimed ones less that one.
        int attemptsSent = claimed.attempts() + requestsSent - 1;
        Optional<Suppression> found;
        try {
            found = suppressions.activeFor(claimed.phoneNumber());
        } catch (RuntimeException e) {
            return results.retryLaterOrFail(claimed, CallApiException.notSent("could not read the do-not-call list: "
                    + e.getMessage(), e), Math.max(attemptsSent, claimed.attempts()));
        }
        dial.listReadAt = steps.clock().instant();
        if (found.isEmpty()) {
            return GO_ON;
        }
        if (lastFailure != null && lastFailure.mayHaveReachedProvider()) {
            // An earlier request may have placed the call: it is not "not dialed". It waits with its request
            // unconfirmed (looked up now, and before anything is sent again); if the provider has no such call, the
            // next dispatch ends it here, CANCELED.
            return results.retryLaterOrFail(claimed, lastFailure, attemptsSent);
        }
        Suppression entry = found.get();
        String reason = claimed.phoneNumber() + " is on the do-not-call list (" + entry.reason()
                + "; source: " + entry.source() + "); not dialed";
        return steps.refusals().withdraw(dial, claimed.withdraw(steps.clock().instant(), reason).withAttempts(attemptsSent));
    }

    /** Waits for the request's moment less the read allowance, unless the caller's deadline would not allow it. */
    private void waitUntilJustBeforeTheRequest(Dial dial) {
        Instant moment = dial.slot;
        if (moment == null) {
            return;
        }
        Duration wait = Duration.between(steps.clock().instant(), moment.minus(READ_ALLOWANCE));
        if (!wait.isNegative() && !wait.isZero() && steps.waits().timeLeftFor(wait, dial.deadline)) {
            steps.waits().pause(wait);
        }
    }
}
