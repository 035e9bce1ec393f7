package io.callscheduler.domain;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Dials a due call exactly once, however often and however concurrently it is triggered.
 *
 * <p>The guard is a conditional write SCHEDULED → DIALING on the call's version: of any number of
 * concurrent deliveries exactly one wins, the rest see another status and do nothing. The Call API
 * request then carries {@code Idempotency-Key: <call id>}, so a retry after a lost answer (or a reclaimed
 * dial) cannot make the provider dial twice either.
 */
public final class DispatchService {
    private static final System.Logger LOG = System.getLogger(DispatchService.class.getName());
    /**
     * The Scheduler fires an {@code at()} schedule somewhere within its minute; a delivery up to this early
     * waits for the exact time instead of being refused.
     */
    public static final Duration EARLY_TOLERANCE = Duration.ofSeconds(65);

    /** What one dispatch did. */
    public enum Outcome {
        /** This invocation placed the call with the provider. */
        DIALED,
        /** This invocation tried, and the call is now FAILED. */
        FAILED,
        /** No such call (e.g. a schedule that outlived its call). */
        NOT_FOUND,
        /** The call is not SCHEDULED any more: a duplicate delivery, or a canceled call. */
        NOT_PENDING,
        /** The trigger was made for a time the call no longer has (it was rescheduled). */
        STALE,
        /** The call is not due yet (a trigger far too early). */
        NOT_DUE
    }

    private final CallStore store;
    private final CallApi callApi;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits; replaceable so that tests can observe backoff without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    public DispatchService(CallStore store, CallApi callApi, RetryPolicy retryPolicy, Clock clock, Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.callApi = Objects.requireNonNull(callApi, "callApi");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public Outcome dispatch(DispatchRequest request) {
        Call call = store.find(request.callId()).orElse(null);
        if (call == null) {
            return Outcome.NOT_FOUND;
        }
        if (call.status() != CallStatus.SCHEDULED) {
            return Outcome.NOT_PENDING;
        }
        if (request.scheduledFor() != null && !request.scheduledFor().equals(call.scheduledAt())) {
            return Outcome.STALE;
        }
        Duration early = Duration.between(clock.instant(), call.scheduledAt());
        if (early.compareTo(EARLY_TOLERANCE) > 0) {
            return Outcome.NOT_DUE;
        }
        if (!early.isNegative() && !early.isZero()) {
            pause(early);
            // Reread after waiting: the call may have been canceled or rescheduled meanwhile.
            return dispatch(new DispatchRequest(call.id(), call.scheduledAt(), request.source()));
        }
        Instant now = clock.instant();
        Call claimed;
        try {
            claimed = store.replace(call, call.moveTo(CallStatus.DIALING, now, "dialing (" + request.source() + ")")
                    .withDialClaim(now));
        } catch (ConcurrentUpdateException lostRace) {
            return Outcome.NOT_PENDING;
        }
        return place(claimed);
    }

    /**
     * Places a call this process has claimed (status DIALING, no provider id yet), retrying transient
     * failures, and records the result. Also used to resume a reclaimed dial.
     */
    Outcome place(Call claimed) {
        CallApiException lastFailure = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            try {
                ProviderCall placed = callApi.placeCall(claimed.phoneNumber(), claimed.id());
                recordPlaced(claimed.id(), placed);
                return Outcome.DIALED;
            } catch (CallApiException e) {
                lastFailure = e;
                if (!e.isTransient() || attempt == retryPolicy.maxAttempts()) {
                    break;
                }
                LOG.log(System.Logger.Level.INFO, "call " + claimed.id() + ": attempt " + attempt + " failed ("
                        + e.getMessage() + "), retrying");
                pause(retryPolicy.backoffAfter(attempt, e));
            }
        }
        recordFailed(claimed.id(), lastFailure);
        return Outcome.FAILED;
    }

    private void recordPlaced(String id, ProviderCall placed) {
        Instant now = clock.instant();
        Calls.update(store, id, current -> {
            Call updated = current.withProvider(placed.id(), placed.status())
                    .note(now, "provider accepted the call as " + placed.id() + " (" + placed.status() + ")");
            CallStatus mapped = ProviderStatuses.toCallStatus(placed.status()).orElse(current.status());
            return mapped != current.status() && current.status().canMoveTo(mapped)
                    ? updated.moveTo(mapped, now, "provider: " + placed.status())
                    : updated;
        });
    }

    private void recordFailed(String id, CallApiException failure) {
        Instant now = clock.instant();
        String reason = (failure.isTransient() ? "Call API unavailable after " + retryPolicy.maxAttempts()
                + " attempts: " : "Call API rejected the call: ") + failure.getMessage();
        LOG.log(System.Logger.Level.WARNING, "call " + id + " failed: " + reason);
        Calls.update(store, id, current -> current.status() == CallStatus.DIALING && current.externalCallId() == null
                ? current.moveTo(CallStatus.FAILED, now, reason).withLastError(reason)
                : current);
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
