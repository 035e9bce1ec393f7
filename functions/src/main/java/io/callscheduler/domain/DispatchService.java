package io.callscheduler.domain;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Dials a due call exactly once, however often and however concurrently it is triggered, and keeps trying
 * through passing provider failures until the call's dial deadline.
 *
 * <p>The guard is a conditional write SCHEDULED → DIALING on the call's version: of any number of
 * concurrent deliveries exactly one wins, the rest see another status and do nothing. The Call API
 * request then carries {@code Idempotency-Key: <call id>}, so a retry after a lost answer (or a reclaimed
 * dial) cannot make the provider dial twice either.
 *
 * <p>A passing failure (5xx, 429, a timeout, a refused or dropped connection) is retried once or twice at
 * once ({@link RetryPolicy}), then the call goes back to SCHEDULED and waits for {@code nextAttemptAt}, a
 * backoff in minutes, with a new one-time schedule (the status-sync sweep is the fallback). Only at the
 * dial deadline, and only after asking the provider whether it placed the call anyway, is it FAILED. A
 * definite rejection (another 4xx) fails it at once.
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
        /** This invocation placed the call with the provider (or found that the provider had placed it). */
        DIALED,
        /** This invocation tried, and the call is now FAILED. */
        FAILED,
        /** This invocation tried; the provider was unavailable and the call waits for its next attempt. */
        RETRY_LATER,
        /** No such call (e.g. a schedule that outlived its call). */
        NOT_FOUND,
        /** The call is not SCHEDULED any more: a duplicate delivery, or a canceled call. */
        NOT_PENDING,
        /** The trigger was made for a time the call no longer has (it was rescheduled or is retrying later). */
        STALE,
        /** The call is not due yet (a trigger far too early). */
        NOT_DUE
    }

    /**
     * How patiently a call is dialed.
     *
     * @param immediateRetries the requests made at once, within one dispatch, before waiting in minutes
     * @param dialDeadline     how long after {@code scheduledAt} a call keeps being tried before it fails
     * @param firstBackoff     the wait after the first failed attempt; then as long as the call has been trying
     * @param maxBackoff       the longest wait between attempts
     * @param requestBudget    the longest one provider request can take (connect plus read timeout): an
     *                         attempt is started only when this much time is left before the caller's deadline
     */
    public record Settings(RetryPolicy immediateRetries, Duration dialDeadline, Duration firstBackoff,
                           Duration maxBackoff, Duration requestBudget) {
        public static final Settings DEFAULTS = new Settings(RetryPolicy.DEFAULT, Duration.ofMinutes(15),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(8));

        public Settings {
            Objects.requireNonNull(immediateRetries, "immediateRetries");
            Objects.requireNonNull(dialDeadline, "dialDeadline");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(requestBudget, "requestBudget");
        }

        /**
         * The wait before the next attempt of a call that has been trying for {@code trying}: as long again
         * (so the waits double: 1, 2, 4 minutes...), at least {@code firstBackoff}, at most {@code maxBackoff},
         * plus up to 20% jitter so that calls failed together do not come back together.
         */
        Duration backoffAfter(Duration trying) {
            long base = Math.min(Math.max(trying.toMillis(), firstBackoff.toMillis()), maxBackoff.toMillis());
            return Duration.ofMillis(base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 5 + 1));
        }
    }

    private final CallStore store;
    private final CallApi callApi;
    private final DialScheduler scheduler;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits; replaceable so that tests can observe backoff without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    public DispatchService(CallStore store, CallApi callApi, DialScheduler scheduler, Settings settings, Clock clock,
                           Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.callApi = Objects.requireNonNull(callApi, "callApi");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public Settings settings() {
        return settings;
    }

    /** Dispatches with no deadline of the caller's own (the dispatch function's timeout covers the worst case). */
    public Outcome dispatch(DispatchRequest request) {
        return dispatch(request, Instant.MAX);
    }

    /**
     * @param deadline when the caller must be done: no provider request is started that could end after it
     *                 (a call that cannot be tried in time waits for its next attempt instead)
     */
    public Outcome dispatch(DispatchRequest request, Instant deadline) {
        Call call = store.find(request.callId()).orElse(null);
        if (call == null) {
            return Outcome.NOT_FOUND;
        }
        if (call.status() != CallStatus.SCHEDULED) {
            return Outcome.NOT_PENDING;
        }
        if (request.scheduledFor() != null && !request.scheduledFor().equals(call.dueAt())) {
            return Outcome.STALE;
        }
        Duration early = Duration.between(clock.instant(), call.dueAt());
        if (early.compareTo(EARLY_TOLERANCE) > 0) {
            return Outcome.NOT_DUE;
        }
        if (!early.isNegative() && !early.isZero()) {
            pause(early);
            // Reread after waiting: the call may have been canceled or rescheduled meanwhile.
            return dispatch(new DispatchRequest(call.id(), call.dueAt(), request.source()), deadline);
        }
        Instant now = clock.instant();
        String detail = call.attempts() == 0 ? "dialing (" + request.source() + ")"
                : "dialing, attempt " + (call.attempts() + 1) + " (" + request.source() + ")";
        Call claimed;
        try {
            claimed = store.replace(call, call.moveTo(CallStatus.DIALING, now, detail).withDialClaim(now));
        } catch (ConcurrentUpdateException lostRace) {
            return Outcome.NOT_PENDING;
        }
        return place(claimed, deadline);
    }

    /**
     * Places a call this process has claimed (status DIALING, no provider id yet, its attempt counted),
     * retrying at once within {@link Settings#immediateRetries} and the deadline, and records the result.
     * Also used to resume a reclaimed dial.
     */
    Outcome place(Call claimed, Instant deadline) {
        RetryPolicy immediate = settings.immediateRetries();
        CallApiException lastFailure = null;
        int requests = 0;
        while (true) {
            if (requests > 0 && !timeLeftFor(Duration.ZERO, deadline)) {
                break;
            }
            requests++;
            try {
                ProviderCall placed = callApi.placeCall(DialRequest.of(claimed));
                recordPlaced(claimed.id(), placed, claimed.attempts() + requests - 1);
                return Outcome.DIALED;
            } catch (CallApiException e) {
                lastFailure = e;
                if (!e.isTransient()) {
                    return recordRejected(claimed, e, claimed.attempts() + requests - 1);
                }
                Duration wait = immediate.backoffAfter(requests, e);
                if (requests >= immediate.maxAttempts() || !timeLeftFor(wait, deadline)) {
                    break;
                }
                LOG.log(System.Logger.Level.INFO, "call " + claimed.id() + ": request " + requests + " failed ("
                        + e.getMessage() + "), retrying in " + wait.toMillis() + " ms");
                pause(wait);
            }
        }
        return retryLaterOrFail(claimed, lastFailure, claimed.attempts() + requests - 1);
    }

    /**
     * After a dial whose outcome is unknown (a dispatch that died, or the last attempt at the deadline):
     * adopts the provider's call for this key if it placed one, else fails the call with {@code reason}.
     */
    Outcome adoptOrFail(Call claimed, String reason) {
        Lookup lookup = askProvider(claimed);
        if (lookup.found() != null) {
            recordPlaced(claimed.id(), lookup.found(), claimed.attempts());
            return Outcome.DIALED;
        }
        recordFailed(claimed.id(), lookup.problem() == null ? reason
                : reason + "; the provider could not be asked whether it placed the call (" + lookup.problem() + ")",
                claimed.attempts());
        return Outcome.FAILED;
    }

    /** What the provider said of a call's idempotency key: the call it placed, or why it could not be asked. */
    private record Lookup(ProviderCall found, String problem) {
    }

    private Lookup askProvider(Call claimed) {
        try {
            return new Lookup(callApi.findPlaced(DialRequest.of(claimed)).orElse(null), null);
        } catch (CallApiException e) {
            return new Lookup(null, e.getMessage());
        }
    }

    /** When a call claimed for dialing must be FAILED at the latest. */
    public Instant dialDeadlineOf(Call call) {
        return call.scheduledAt().plus(settings.dialDeadline());
    }

    private boolean timeLeftFor(Duration wait, Instant deadline) {
        return deadline.equals(Instant.MAX)
                || clock.instant().plus(wait).plus(settings.requestBudget()).isBefore(deadline);
    }

    private Outcome retryLaterOrFail(Call claimed, CallApiException failure, int attempts) {
        Instant now = clock.instant();
        String error = failure.getMessage();
        Instant dialDeadline = dialDeadlineOf(claimed);
        if (!now.isBefore(dialDeadline)) {
            return adoptOrFail(claimed.withAttempts(attempts), "Call API unavailable until the dial deadline ("
                    + settings.dialDeadline().toMinutes() + " min after the scheduled time), " + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + "; last error: " + error);
        }
        if (failure.mayHaveReachedProvider()) {
            // The request may have been placed and only its answer lost: a ringing call is adopted, not redialed.
            Lookup lookup = askProvider(claimed);
            if (lookup.found() != null) {
                recordPlaced(claimed.id(), lookup.found(), attempts);
                return Outcome.DIALED;
            }
            if (lookup.problem() != null) {
                LOG.log(System.Logger.Level.INFO, "call " + claimed.id() + ": could not ask the provider about it ("
                        + lookup.problem() + ")");
            }
        }
        Instant next = now.plus(settings.backoffAfter(Duration.between(claimed.scheduledAt(), now)));
        if (next.isAfter(dialDeadline)) {
            next = dialDeadline; // one last attempt at the deadline itself
        }
        Instant nextAttempt = next;
        int first = claimed.attempts(); // this round's first request; the rest were retried at once
        String note = (first == attempts ? "attempt " + attempts : "attempts " + first + "–" + attempts)
                + " failed (" + error + "); next attempt at " + nextAttempt;
        LOG.log(System.Logger.Level.WARNING, "call " + claimed.id() + ": " + note);
        Calls.Modified waiting = Calls.modify(store, claimed.id(), current -> current.status() == CallStatus.DIALING
                && current.externalCallId() == null
                ? current.moveTo(CallStatus.SCHEDULED, now, note).withAttempts(Math.max(attempts, current.attempts()))
                        .withNextAttemptAt(nextAttempt).withLastError(error)
                : current).orElse(null);
        if (waiting == null || !waiting.written()) {
            return Outcome.NOT_PENDING; // moved on meanwhile (a poll saw the provider's call)
        }
        try {
            scheduler.schedule(waiting.call());
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "call " + claimed.id() + ": could not schedule the next attempt; "
                    + "the status-sync sweep will dispatch it: " + e.getMessage());
        }
        return Outcome.RETRY_LATER;
    }

    private void recordPlaced(String id, ProviderCall placed, int attempts) {
        Instant now = clock.instant();
        Calls.update(store, id, current -> {
            if (current.status() != CallStatus.DIALING || current.externalCallId() != null) {
                // A callback or a poll recorded it first (Twilio's first callback can beat its own answer).
                return placed.id().equals(current.externalCallId()) && attempts > current.attempts()
                        ? current.withAttempts(attempts) : current;
            }
            Call updated = current.withProvider(placed.id(), placed.status()).withAttempts(Math.max(attempts, current.attempts()))
                    .withLastError(null)
                    .note(now, "provider accepted the call as " + placed.id() + " (" + placed.status() + ")");
            CallStatus mapped = ProviderStatuses.toCallStatus(placed.status()).orElse(updated.status());
            return mapped != updated.status() && updated.status().canMoveTo(mapped)
                    ? updated.moveTo(mapped, now, "provider: " + placed.status())
                    : updated;
        });
    }

    private Outcome recordRejected(Call claimed, CallApiException rejection, int attempts) {
        recordFailed(claimed.id(), "Call API rejected the call: " + rejection.getMessage(), attempts);
        return Outcome.FAILED;
    }

    private void recordFailed(String id, String reason, int attempts) {
        Instant now = clock.instant();
        LOG.log(System.Logger.Level.WARNING, "call " + id + " failed: " + reason);
        Calls.update(store, id, current -> current.status() == CallStatus.DIALING && current.externalCallId() == null
                ? current.moveTo(CallStatus.FAILED, now, reason).withLastError(reason)
                        .withAttempts(Math.max(attempts, current.attempts()))
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
