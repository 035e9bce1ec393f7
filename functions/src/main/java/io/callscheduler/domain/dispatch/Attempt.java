package io.callscheduler.domain.dispatch;

import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;

import java.time.Duration;
import java.time.Instant;

/**
 * The last step: the provider requests for a call this dispatch claimed, each at a dial slot, retried at once within
 * {@link DispatchSettings#immediateRetries()} and the caller's deadline. A request that may have placed the call is
 * never sent again in the same dispatch to a provider without idempotency keys: the call waits with its request
 * unconfirmed, and the next dispatch asks the provider first ({@link UnconfirmedRequest}). Any failure here, expected or not, ends in a written result: placed, rejected, waiting to
 * retry, or failed at the try's deadline. The call is never left DIALING by a dispatch that returns.
 */
final class Attempt implements DispatchStep {
    private static final System.Logger LOG = System.getLogger(Attempt.class.getName());
    private final Steps steps;
    /** How late a request may go after its slot before the slot is given up for a new one. */
    private static final Duration SLOT_TOLERANCE = Duration.ofMillis(10);
    private final CallApi callApi;
    private final DialPacer pacer;
    private final ProviderLookup lookup;
    private final AttemptResults results;
    private final CallMetrics metrics;
    private final SuppressionCheck doNotCall;

    Attempt(Steps steps, CallApi callApi, DialPacer pacer, ProviderLookup lookup, AttemptResults results, CallMetrics metrics,
            SuppressionCheck doNotCall) {
        this.steps = steps;
        this.callApi = callApi;
        this.pacer = pacer;
        this.lookup = lookup;
        this.results = results;
        this.metrics = metrics;
        this.doNotCall = doNotCall;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call claimed = dial.call;
        RetryPolicy immediate = steps.settings().immediateRetries();
        CallApiException lastFailure = null;
        int requests = 0;
        while (requests == 0 || steps.waits().timeLeftFor(Duration.ZERO, dial.deadline)) {
            if (!waitForSlot(requests == 0 ? dial.slot : null, dial.deadline)) {
                break;
            }
            DispatchOutcome listed = doNotCall.readAgainIfStale(dial, requests, lastFailure);
            if (listed != GO_ON) {
                return listed; // added to the do-not-call list while this request waited for its slot or its retry
            }
            requests++;
            int attempts = claimed.attempts() + requests - 1;
            try {
                ProviderCall placed = callApi.placeCall(DialRequest.of(claimed));
                return results.placed(claimed, placed, attempts);
            } catch (CallApiException e) {
                lastFailure = e;
                metrics.providerError(kindOf(e));
                if (!e.isTransient()) {
                    return results.rejected(claimed, e, attempts);
                }
            } catch (RuntimeException bug) {
                // Not the provider's answer: a bug around the request. It may have been sent; it is not repeated now.
                LOG.log(System.Logger.Level.ERROR, "call " + claimed.id() + ": request " + requests + " failed unexpectedly", bug);
                lastFailure = CallApiException.unexpected(bug);
                break;
            }
            if (lastFailure.mayHaveReachedProvider() && !lookup.resendIsSafe()) {
                // Without an idempotency key a re-send may be a second call, and a provider's list can lag its
                // creates by seconds: never re-sent in this dispatch; looked up now, and again before the next.
                break;
            }
            Duration wait = immediate.backoffAfter(requests, lastFailure);
            if (requests >= immediate.maxAttempts() || !steps.waits().timeLeftFor(wait, dial.deadline)) {
                break;
            }
            LOG.log(System.Logger.Level.INFO, "call " + claimed.id() + ": request " + requests + " failed ("
                    + lastFailure.getMessage() + "), retrying in " + wait.toMillis() + " ms");
            steps.waits().pause(wait);
        }
        if (lastFailure == null) {
            // Not one request: no dial slot came in time. Like a provider asking us to slow down.
            lastFailure = CallApiException.transientFailure("no dial slot in time (pacing at " + pacer.describe() + ")",
                    429, null, null);
        }
        return results.retryLaterOrFail(claimed, lastFailure, claimed.attempts() + Math.max(requests, 1) - 1);
    }

    /**
     * Waits for the request's dial slot: {@code reserved} if it has not passed, else a new one. False when the caller's
     * deadline leaves no time for it.
     */
    private boolean waitForSlot(Instant reserved, Instant deadline) {
        Instant now = steps.clock().instant();
        Instant slot = reserved != null && !now.isAfter(reserved.plus(SLOT_TOLERANCE)) ? reserved : pacer.reserve(now);
        Duration wait = Duration.between(now, slot);
        if ((!wait.isNegative() && !wait.isZero())) {
            if (!steps.waits().timeLeftFor(wait, deadline)) {
                return false;
            }
            if (pacer != DialPacer.UNLIMITED) {
                metrics.held(CallMetrics.HoldReason.PACING, wait);
            }
            steps.waits().pause(wait);
        }
        return true;
    }

    private static CallMetrics.ProviderErrorKind kindOf(CallApiException e) {
        if (e.wasNotSent()) {
            return CallMetrics.ProviderErrorKind.CREDENTIALS;
        }
        return !e.isTransient() ? CallMetrics.ProviderErrorKind.REJECTED
                : e.httpStatus() == 429 ? CallMetrics.ProviderErrorKind.RATE_LIMITED
                : CallMetrics.ProviderErrorKind.UNAVAILABLE;
    }
}
