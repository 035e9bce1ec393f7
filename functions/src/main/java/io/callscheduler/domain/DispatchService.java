package io.callscheduler.domain;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.lines.CallLines;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.pacing.DialPacer;
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
        NOT_DUE,
        /** Pacing gave the call a dial slot later than this invocation can wait: it waits for it, scheduled. */
        PACED,
        /** The moment is outside the callee's calling hours: the call waits for the next opening, scheduled. */
        DEFERRED,
        /** Every line was busy (MaxConcurrentCalls) for as long as this invocation may wait: it waits, scheduled. */
        LINES_BUSY
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
                           Duration maxBackoff, Duration requestBudget, Duration maxPacingWait, Duration claimLead) {
        public static final Settings DEFAULTS = new Settings(RetryPolicy.DEFAULT, Duration.ofMinutes(15),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(8));

        /**
         * With a dispatch waiting at most 20 s for its dial slot (a later slot is waited for on a schedule) and
         * claiming the call at its moment (no claim lead).
         */
        public Settings(RetryPolicy immediateRetries, Duration dialDeadline, Duration firstBackoff, Duration maxBackoff,
                        Duration requestBudget) {
            this(immediateRetries, dialDeadline, firstBackoff, maxBackoff, requestBudget, Duration.ofSeconds(20),
                    Duration.ZERO);
        }

        /** These settings, claiming calls {@code lead} before their moment (DialClaimLeadSeconds). */
        public Settings withClaimLead(Duration lead) {
            return new Settings(immediateRetries, dialDeadline, firstBackoff, maxBackoff, requestBudget, maxPacingWait, lead);
        }

        public Settings {
            Objects.requireNonNull(immediateRetries, "immediateRetries");
            Objects.requireNonNull(dialDeadline, "dialDeadline");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(requestBudget, "requestBudget");
            Objects.requireNonNull(maxPacingWait, "maxPacingWait");
            Objects.requireNonNull(claimLead, "claimLead");
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
    private final DialTriggers triggers;
    /** How late a dial may go after its slot before the slot is given up for a new one. */
    private static final Duration SLOT_TOLERANCE = Duration.ofMillis(10);
    /** How long a paced call due now allows its claim to take before its dial slot. */
    private static final Duration CLAIM_ALLOWANCE = Duration.ofMillis(250);
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DialPacer pacer;
    private final CallingHours callingHours;
    private final CallLines lines;
    /** Set once when the services are built ({@link #recordingTo}); nothing is recorded until then. */
    private volatile CallMetrics metrics = CallMetrics.NONE;
    /** How often a dispatch waiting for a line asks again, and how long a call waits on a schedule before it asks. */
    private static final Duration LINE_POLL = Duration.ofMillis(500);
    private static final Duration LINE_RECHECK = Duration.ofSeconds(30);
    private static final String LINES_BUSY_NOTE = "all lines busy";

    /** Waits; replaceable so that tests can observe backoff without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    public DispatchService(CallStore store, CallApi callApi, DialScheduler scheduler, Settings settings, Clock clock,
                           Sleeper sleeper) {
        this(store, callApi, new DialTriggers(scheduler, DialTriggers.noDirectInvocation(), clock), settings, clock,
                sleeper, DialPacer.UNLIMITED, CallingHours.ANY_TIME, CallLines.UNLIMITED);
    }

    /**
     * @param triggers how a call waiting for a later moment (a retry, a dial slot) is dispatched again
     * @param pacer    spaces dials to the provider's rate ({@link DialPacer#UNLIMITED} for none)
     * @param callingHours when callees may be called: a call due outside them waits for the next opening
     * @param lines    how many calls may be dialing or on the phone at once ({@link CallLines#UNLIMITED} for any
     *                 number); the store must give a call's line back when it leaves those states
     *                 ({@link io.callscheduler.lines.LineReleasingCallStore})
     */
    public DispatchService(CallStore store, CallApi callApi, DialTriggers triggers, Settings settings, Clock clock,
                           Sleeper sleeper, DialPacer pacer, CallingHours callingHours, CallLines lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.callingHours = Objects.requireNonNull(callingHours, "callingHours");
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.store = Objects.requireNonNull(store, "store");
        this.callApi = Objects.requireNonNull(callApi, "callApi");
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
        if (early.compareTo(triggers.earliestArrival()) > 0) {
            return Outcome.NOT_DUE;
        }
        // Claimed a little before its moment, so that the writes of a burst are done before the dials.
        Duration untilClaim = early.minus(settings.claimLead());
        if (positive(untilClaim)) {
            if (pacer != DialPacer.UNLIMITED && !hasCurrentSlot(call) && callingHours.allows(call.dueAt(), call.callingZones())) {
                return reserveOnArrival(call, request, deadline, untilClaim);
            }
            pause(untilClaim);
            // Reread after waiting: the call may have been canceled or rescheduled meanwhile.
            return again(call, request, deadline);
        }
        Instant moment = call.dueAt().isAfter(clock.instant()) ? call.dueAt() : clock.instant();
        if (!callingHours.allows(moment, call.callingZones())) {
            return waitForCallingHours(call, moment);
        }
        if (!takeLine(call, deadline)) {
            return waitForLine(call);
        }
        Outcome outcome = dialHoldingLine(call, request, deadline, moment);
        if (outcome != Outcome.DIALED && outcome != Outcome.FAILED && outcome != Outcome.RETRY_LATER) {
            releaseLineUnlessActive(call.id());
        }
        return outcome;
    }

    /** The rest of {@link #dispatch}, once the call holds a line: its dial slot, its claim, its dial. */
    private Outcome dialHoldingLine(Call call, DispatchRequest request, Instant deadline, Instant moment) {
        Instant slot = slotFor(call);
        if (!callingHours.allows(slot, call.callingZones())) {
            return waitForCallingHours(call, slot); // pacing pushed it past the window's end
        }
        Duration wait = Duration.between(clock.instant(), slot);
        if (wait.compareTo(settings.maxPacingWait().plus(settings.claimLead())) > 0
                || (positive(wait) && !timeLeftFor(wait, deadline))) {
            return waitForSlot(call, slot);
        }
        if (slot.isAfter(moment) && !slot.equals(call.dialSlot())) {
            // Pacing delays this dial: the slot is recorded on the call, so that a duplicate delivery (a backstop
            // schedule, a retried event) shares it instead of reserving another and leaving one unused.
            try {
                call = store.replace(call, call.withReservedSlot(slot));
            } catch (ConcurrentUpdateException movedOn) {
                return again(call, request, deadline);
            }
        }
        // Claimed a claim lead before its slot, so that the claim's write does not sit between the slot and the
        // dial, and the claims of a paced burst are spread along their slots instead of racing at once.
        Duration untilSlotClaim = Duration.between(clock.instant(), slot.minus(claimLeadBefore()));
        if (positive(untilSlotClaim)) {
            pause(untilSlotClaim);
        }
        Instant now = clock.instant();
        String detail = (call.attempts() == 0 ? "dialing (" : "dialing, attempt " + (call.attempts() + 1) + " (")
                + request.source() + ")" + pacingNote(call, slot);
        Call claimed;
        try {
            claimed = store.replace(call, call.moveTo(CallStatus.DIALING, now, detail).withDialClaim(now));
        } catch (ConcurrentUpdateException lostRace) {
            return Outcome.NOT_PENDING;
        }
        return place(claimed, deadline, slot);
    }

    /**
     * A paced call that arrived early: its dial slot is reserved and noted now, rather than with the claim, so that a
     * burst's reservations are spread over its arrivals and only the claims are left for the last seconds; then it
     * waits until its slot's claim and is dispatched again.
     */
    private Outcome reserveOnArrival(Call call, DispatchRequest request, Instant deadline, Duration untilClaim) {
        Instant slot = pacer.reserve(call.dueAt());
        if (Duration.between(clock.instant(), slot).compareTo(settings.maxPacingWait().plus(settings.claimLead())
                .plus(untilClaim)) > 0) {
            return waitForSlot(call, slot);
        }
        Call noted;
        try {
            noted = store.replace(call, call.withReservedSlot(slot));
        } catch (ConcurrentUpdateException movedOn) {
            return again(call, request, deadline);
        }
        Duration untilSlotClaim = Duration.between(clock.instant(), slot.minus(claimLeadBefore()));
        if (positive(untilSlotClaim)) {
            pause(untilSlotClaim);
        }
        return again(noted, request, deadline);
    }

    /** Dispatches the call once more, from a fresh read: after a wait, or when another writer moved it meanwhile. */
    private Outcome again(Call call, DispatchRequest request, Instant deadline) {
        return dispatch(new DispatchRequest(call.id(), call.dueAt(), request.source()), deadline);
    }

    /** How long before its dial slot a paced call is claimed: the claim lead, and never less than the claim allowance. */
    private Duration claimLeadBefore() {
        return settings.claimLead().compareTo(CLAIM_ALLOWANCE) > 0 ? settings.claimLead() : CLAIM_ALLOWANCE;
    }

    /** Whether the call holds a dial slot that has not passed. */
    private boolean hasCurrentSlot(Call call) {
        return call.dialSlot() != null && !clock.instant().isAfter(call.dialSlot());
    }

    /**
     * The call's dial slot, never before its moment: the one pacing reserved for it while it waited, if still
     * current, else a new one.
     */
    private Instant slotFor(Call call) {
        Instant now = clock.instant();
        Instant earliest = call.dueAt().isAfter(now) ? call.dueAt() : now;
        Instant reserved = call.dialSlot();
        if (reserved != null && !now.isAfter(reserved.plus(pacer.interval()))) {
            return reserved.isBefore(earliest) ? earliest : reserved;
        }
        // A call due now asks for a slot a little ahead: the claim's write comes between the reservation and the
        // dial, and a slot of "now" would pass during it, be given up, and the call sent to the end of the line.
        Instant allowingTheClaim = now.plus(CLAIM_ALLOWANCE);
        return pacer.reserve(pacer != DialPacer.UNLIMITED && earliest.isBefore(allowingTheClaim) ? allowingTheClaim : earliest);
    }

    /** "; dialed 37 s late: pacing at 1/s" when pacing makes this dial a second or more late, else "". */
    private String pacingNote(Call call, Instant slot) {
        long late = Duration.between(call.scheduledAt(), slot).toSeconds();
        boolean pacingWaited = call.dialSlot() != null || slot.isAfter(clock.instant());
        return late >= 1 && pacingWaited && pacer != DialPacer.UNLIMITED
                ? "; dialed " + late + " s late: pacing at " + pacer.describe() : "";
    }

    /** Records dials, failures, provider errors and held dials here from now on. */
    public DispatchService recordingTo(CallMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** Outside the callee's calling hours: the call waits, SCHEDULED, for the next opening. */
    private Outcome waitForCallingHours(Call call, Instant moment) {
        Instant opening = callingHours.nextOpening(moment, call.callingZones());
        String note = moment + " is outside the calling hours (" + callingHours.window().describe() + ") in "
                + CallingHours.names(call.callingZones()) + "; deferred to " + opening;
        Call waiting;
        try {
            waiting = store.replace(call, call.withNextAttemptAt(opening).withDialSlotCleared().note(clock.instant(), note));
        } catch (ConcurrentUpdateException movedOn) {
            return Outcome.NOT_PENDING;
        }
        LOG.log(System.Logger.Level.INFO, "call " + call.id() + ": " + note);
        metrics.held(CallMetrics.HoldReason.CALLING_HOURS, Duration.between(clock.instant(), opening));
        triggers.arrangeOrLeaveToSweep(waiting, "calling-hours");
        return Outcome.DEFERRED;
    }

    /**
     * Takes a line for the call, asking again every {@link #LINE_POLL} while every line is busy, for as long as
     * a dispatch may wait inline (the pacing wait) and its deadline allows.
     */
    private boolean takeLine(Call call, Instant deadline) {
        Instant giveUpAt = clock.instant().plus(settings.maxPacingWait());
        while (!lines.take(call.id(), clock.instant())) {
            if (!clock.instant().plus(LINE_POLL).isBefore(giveUpAt) || !timeLeftFor(LINE_POLL, deadline)) {
                return false;
            }
            pause(LINE_POLL);
        }
        return true;
    }

    /** Every line stayed busy: the call waits, SCHEDULED, and asks again on a schedule {@link #LINE_RECHECK} later. */
    private Outcome waitForLine(Call call) {
        Instant now = clock.instant();
        Instant recheck = now.plus(LINE_RECHECK);
        Call waiting = call.withNextAttemptAt(recheck).withDialSlotCleared();
        if (!call.history().get(call.history().size() - 1).detail().startsWith(LINES_BUSY_NOTE)) {
            // One note for the whole wait, not one per recheck.
            waiting = waiting.note(now, LINES_BUSY_NOTE + " (MaxConcurrentCalls " + lines.limit() + "): waiting for one");
        }
        try {
            waiting = store.replace(call, waiting);
        } catch (ConcurrentUpdateException movedOn) {
            return Outcome.NOT_PENDING;
        }
        metrics.held(CallMetrics.HoldReason.LINES_BUSY, LINE_RECHECK);
        triggers.arrangeOrLeaveToSweep(waiting, "line");
        return Outcome.LINES_BUSY;
    }

    /**
     * This invocation took a line but did not claim the call (it was paced, deferred, canceled meanwhile): the
     * line goes back, unless the call is active after all (a duplicate delivery lost the claim to another,
     * which holds the same line under the same call id).
     */
    private void releaseLineUnlessActive(String callId) {
        if (lines.limit() > 0 && store.find(callId).map(c -> !c.status().isActive()).orElse(true)) {
            lines.release(callId);
        }
    }

    /** Pacing gave a slot later than this invocation may wait: the call waits for it on a one-time schedule. */
    private Outcome waitForSlot(Call call, Instant slot) {
        Instant now = clock.instant();
        String note = "pacing at " + pacer.describe() + ": dial slot at " + slot;
        Call waiting;
        try {
            waiting = store.replace(call, call.withDialSlot(slot).note(now, note));
        } catch (ConcurrentUpdateException movedOn) {
            return Outcome.NOT_PENDING; // canceled, rescheduled or claimed meanwhile; the slot goes unused
        }
        metrics.held(CallMetrics.HoldReason.PACING, Duration.between(now, slot));
        triggers.arrangeOrLeaveToSweep(waiting, "pacing");
        return Outcome.PACED;
    }

    /**
     * Places a call this process has claimed (status DIALING, no provider id yet, its attempt counted),
     * retrying at once within {@link Settings#immediateRetries} and the deadline, and records the result.
     * Also used to resume a reclaimed dial.
     */
    Outcome place(Call claimed, Instant deadline) {
        return place(claimed, deadline, null);
    }

    /**
     * @param firstSlot the dial slot reserved for the first request, or null to reserve one. A slot that passed
     *                  while the call was being claimed is given up for a new one: a dial must go at its slot,
     *                  not later, or it would crowd the next ones into the provider's one-second window.
     */
    private Outcome place(Call claimed, Instant deadline, Instant firstSlot) {
        RetryPolicy immediate = settings.immediateRetries();
        CallApiException lastFailure = null;
        int requests = 0;
        while (true) {
            if (requests > 0 && !timeLeftFor(Duration.ZERO, deadline)) {
                break;
            }
            Instant now = clock.instant();
            Instant slot = requests == 0 && firstSlot != null && !now.isAfter(firstSlot.plus(SLOT_TOLERANCE))
                    ? firstSlot : pacer.reserve(now);
            Duration slotWait = Duration.between(now, slot);
            if (positive(slotWait)) {
                if (!timeLeftFor(slotWait, deadline)) {
                    break;
                }
                metrics.held(CallMetrics.HoldReason.PACING, slotWait);
                pause(slotWait);
            }
            requests++;
            try {
                ProviderCall placed = callApi.placeCall(DialRequest.of(claimed));
                recordPlaced(claimed.id(), placed, claimed.attempts() + requests - 1);
                // Lateness of a dial on time: the first request of the call's first round.
                metrics.dialed(claimed.attempts() + requests - 1 <= 1 && claimed.dialRound() <= 1
                        ? Duration.between(claimed.scheduledAt(), clock.instant()) : null);
                return Outcome.DIALED;
            } catch (CallApiException e) {
                lastFailure = e;
                metrics.providerError(!e.isTransient() ? CallMetrics.ProviderErrorKind.REJECTED
                        : e.httpStatus() == 429 ? CallMetrics.ProviderErrorKind.RATE_LIMITED : CallMetrics.ProviderErrorKind.UNAVAILABLE);
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
        if (lastFailure == null) {
            // Not one request: no dial slot came in time. Like a provider asking us to slow down.
            lastFailure = CallApiException.transientFailure("no dial slot in time (pacing at " + pacer.describe() + ")",
                    429, null, null);
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
        metrics.failed(CallMetrics.FailureReason.DIAL_DEADLINE);
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
        triggers.arrangeOrLeaveToSweep(waiting.call(), "retry");
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
        metrics.failed(CallMetrics.FailureReason.REJECTED);
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

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
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
