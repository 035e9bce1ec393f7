package io.callscheduler.domain;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.dispatch.DispatchInvoker;
import io.callscheduler.model.Call;
import io.callscheduler.model.CountedRing;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.suppressions.SuppressionList;
import io.callscheduler.suppressions.Suppressions;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.CallView;
import io.callscheduler.store.NumberQuotaExceededException;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.IdempotencyKeyTakenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The API's use cases: create, read, list, cancel and reschedule calls.
 *
 * <p>Order of writes, so that a failure half-way never leaves a call that silently never dials: the
 * call item is written first (it is the source of truth), then its schedule. If scheduling fails the call
 * stays SCHEDULED and the status-sync sweeper dispatches it when it is due (at most about a minute late).
 * A schedule without an item cannot exist, and a schedule that fires for a canceled, rescheduled or
 * missing call is ignored by dispatch.
 */
public final class CallService {
    private static final System.Logger LOG = System.getLogger(CallService.class.getName());
    /** Calls due this soon (beyond the schedule's lead) are dispatched at once rather than scheduled. */
    public static final Duration IMMEDIATE_WINDOW = DialTriggers.IMMEDIATE_WINDOW;
    public static final long COUNT_CAP = 1000;
    /** Tries at writing a keyed create while concurrent requests with the same key are writing theirs. */
    private static final int MAX_KEY_RACES = 5;

    private final CallStore store;
    private final DialScheduler scheduler;
    private final DispatchInvoker dispatchInvoker;
    private final Clock clock;
    private final Supplier<String> ids;
    private final CallScripts.ScriptRules callerIds;
    private final DialTriggers triggers;
    private final CallingHours callingHours;
    private final DestinationGuard destinations;
    private final RedialPolicy redialDefaults;
    private final RedialLimits redialLimits;
    private final Suppressions suppressions;
    private final CallDrafts drafts;
    private final CallQueries queries;

    public CallService(CallStore store, DialScheduler scheduler, DispatchInvoker dispatchInvoker, Clock clock) {
        this(store, scheduler, dispatchInvoker, clock, () -> UUID.randomUUID().toString(), CallScripts.ScriptRules.NONE,
                CallingHours.ANY_TIME, RedialPolicy.OFF, RedialLimits.WIDEST, DestinationGuard.OPEN,
                new Suppressions(SuppressionList.NONE, clock));
    }

    /**
     * @param callingHours   when callees may be called; creates and reschedules outside them are refused
     * @param redialDefaults the deployment's redial policy, which a call's own {@code redial} overrides member by member
     * @param redialLimits   what a call's own {@code redial} may ask for at most
     * @param destinations   where calls may go, and how many a day to one number
     */
    public CallService(CallStore store, DialScheduler scheduler, DispatchInvoker dispatchInvoker, Clock clock,
                       CallScripts.ScriptRules callerIds, CallingHours callingHours, RedialPolicy redialDefaults,
                       RedialLimits redialLimits, DestinationGuard destinations) {
        this(store, scheduler, dispatchInvoker, clock, () -> UUID.randomUUID().toString(), callerIds, callingHours,
                redialDefaults, redialLimits, destinations, new Suppressions(SuppressionList.NONE, clock));
    }

    /** This service, refusing new calls to numbers on {@code list} (400 SUPPRESSED). */
    public CallService refusingSuppressed(SuppressionList list) {
        return new CallService(store, scheduler, dispatchInvoker, clock, ids, callerIds, callingHours, redialDefaults,
                redialLimits, destinations, new Suppressions(list, clock));
    }

    CallService(CallStore store, DialScheduler scheduler, DispatchInvoker dispatchInvoker, Clock clock,
                Supplier<String> ids) {
        this(store, scheduler, dispatchInvoker, clock, ids, CallScripts.ScriptRules.NONE, CallingHours.ANY_TIME,
                RedialPolicy.OFF, RedialLimits.WIDEST, DestinationGuard.OPEN, new Suppressions(SuppressionList.NONE, clock));
    }

    private CallService(CallStore store, DialScheduler scheduler, DispatchInvoker dispatchInvoker, Clock clock,
                        Supplier<String> ids, CallScripts.ScriptRules callerIds, CallingHours callingHours,
                        RedialPolicy redialDefaults, RedialLimits redialLimits, DestinationGuard destinations,
                        Suppressions suppressions) {
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.redialLimits = Objects.requireNonNull(redialLimits, "redialLimits");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.dispatchInvoker = Objects.requireNonNull(dispatchInvoker, "dispatchInvoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.callerIds = Objects.requireNonNull(callerIds, "callerIds");
        this.callingHours = Objects.requireNonNull(callingHours, "callingHours");
        this.redialDefaults = Objects.requireNonNull(redialDefaults, "redialDefaults");
        this.triggers = new DialTriggers(scheduler, dispatchInvoker, clock);
        this.drafts = new CallDrafts(destinations, callerIds, callingHours, redialDefaults, redialLimits, clock);
        this.queries = new CallQueries(store, clock);
    }

    /** What a create did: the call, and whether it was created now or by an earlier request with the same key. */
    public record Created(Call call, boolean replayed) {
    }

    /**
     * Validates and stores a new call, then schedules it (or dispatches it at once for "now").
     *
     * @throws ValidationException naming the field at fault; nothing is written then
     */
    public Call create(NewCallRequest request) {
        return create(request, null).call();
    }

    /**
     * Whether a call to {@code phoneNumber} at {@code scheduledAt} (null or "now": now) would be inside the calling
     * hours, checked as {@link #create} checks it, so that the page can refuse such a time before sending it.
     *
     * @throws ValidationException naming the field at fault, as a create would (a number calls may not go to too)
     */
    public CallingHours.Verdict callingHoursFor(String phoneNumber, String calleeTimeZone, String timeZone, String scheduledAt) {
        Instant now = clock.instant();
        String number = CallRules.phoneNumber(phoneNumber);
        destinations.check(number);
        String zone = CallRules.timeZone(timeZone);
        Instant requested = CallRules.scheduledAt(scheduledAt, zone, timeZone != null, now);
        return callingHours.verdict(number, calleeTimeZone, zone, requested == null ? now : requested);
    }

    /**
     * {@link #create(NewCallRequest)}, made safe to retry by an idempotency key: within 24 hours the same key
     * with the same request answers with the call the first one created (nothing is written or dialed
     * again), and with a different request is refused.
     *
     * @param idempotencyKey the client's key, or null for none
     * @throws ValidationException            for a malformed key or request; nothing is written then
     * @throws IdempotencyKeyReusedException when the key came with a different request
     */
    public Created create(NewCallRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        String key = idempotencyKey == null ? null : IdempotentCreates.validKey(idempotencyKey);
        if (key != null) {
            // A retry answers with the first result, even if its time has passed since: checked before validation.
            var earlier = replay(key, request, now);
            if (earlier != null) {
                return earlier;
            }
        }
        Call call = drafts.draft(request, ids.get(), zone -> {
            Instant requested = CallRules.scheduledAt(request.scheduledAt(), zone, request.timeZone() != null, now);
            return requested == null ? now : requested;
        });
        Instant scheduledAt = call.scheduledAt();
        String phoneNumber = call.phoneNumber();
        callingHours.checkNew(scheduledAt, call.callingZones());
        suppressions.refuseIfSuppressed(phoneNumber); // last: one read, for an otherwise valid create only
        // Its first attempt counts against the number's cap for the day it is due (the dispatch counts it again
        // should it be dialed on another day).
        NumberQuota quota = destinations.quotaFor(phoneNumber, scheduledAt);
        if (quota != null) {
            call = call.withRingCounted(new CountedRing(1, quota.day()));
        }
        if (key == null) {
            insertCounted(call, null, quota);
        } else {
            Created earlier = insertOnce(call, key, request, now, quota);
            if (earlier != null) {
                return earlier;
            }
        }
        return new Created(arrangeDial(call, now, false), false);
    }

    /**
     * The call {@code request} would create at {@code scheduledAt}, checked field by field as {@link #create} checks
     * it (number, destination, names, script, callee zone, redial), but not written, and neither refused outside
     * the calling hours nor for the do-not-call list: a series' occurrence is created whatever its hour (it then
     * waits for the calling hours) and its dispatch withdraws it if its number is suppressed by then.
     *
     * @throws ValidationException naming the field at fault
     */
    public Call draft(NewCallRequest request, String id, Instant scheduledAt) {
        return drafts.draft(request, id, zone -> scheduledAt);
    }

    /** The deployment's calling hours, which the series' occurrences wait for. */
    public CallingHours callingHours() {
        return callingHours;
    }

    /** Writes the call (and its key's record), counted against its number's quota for the day. */
    private void insertCounted(Call call, IdempotencyRecord record, NumberQuota quota) {
        try {
            store.insert(call, record, quota);
        } catch (NumberQuotaExceededException e) {
            throw new LimitExceededException("phoneNumber", "DAILY_LIMIT_REACHED", "phoneNumber " + call.phoneNumber()
                    + " has had its " + e.quota().max() + " dial attempts for " + e.quota().day()
                    + " (UTC; MaxCallsPerNumberPerDay counts every attempt, redials included)");
        }
    }

    /**
     * Writes the call with its key's record; when a concurrent request with the same key holds the key (or
     * is writing it at this moment), answers as that request's retry instead.
     *
     * @return null when this request created the call; else the call the other request created
     */
    private Created insertOnce(Call call, String key, NewCallRequest request, Instant now, NumberQuota quota) {
        for (int race = 0; race < MAX_KEY_RACES; race++) {
            try {
                insertCounted(call, IdempotentCreates.record(key, request, call.id(), now), quota);
                return null;
            } catch (IdempotencyKeyTakenException concurrent) {
                Created earlier = replay(key, request, now);
                if (earlier != null) {
                    return earlier;
                }
                // the other request's transaction was still in flight, or failed: try again
            }
        }
        throw new ConcurrentUpdateException(call.id());
    }

    /** The call an earlier request with this key created, or null when the key is new (or expired). */
    private Created replay(String key, NewCallRequest request, Instant now) {
        IdempotencyRecord record = store.findIdempotencyRecord(key, now).orElse(null);
        if (record == null) {
            return null;
        }
        if (!record.requestFingerprint().equals(IdempotentCreates.fingerprint(request))) {
            throw new IdempotencyKeyReusedException();
        }
        return new Created(get(record.callId()), true);
    }

    /** @throws CallNotFoundException when no call has this id */
    public Call get(String id) {
        return store.find(id).orElseThrow(() -> new CallNotFoundException(id));
    }

    /**
     * Lists calls, optionally of one status. Parameters are the raw query-string values (each may be null).
     *
     * @throws ValidationException for an unknown status, a limit outside 1..200 or a foreign token
     */
    public Page<Call> list(String status, String search, String limit, String nextToken) {
        return list(null, status, search, limit, nextToken);
    }

    /**
     * Lists calls: one of the page's views ({@link CallView}) when {@code view} is given, else all calls ({@link CallQueries}).
     *
     * @throws ValidationException for an unknown view or status, a limit outside 1..200 or a foreign token
     */
    public Page<Call> list(String view, String status, String search, String limit, String nextToken) {
        return queries.list(view, status, search, limit, nextToken);
    }

    /** How many calls matching a search have each status and are in each view ({@link CallQueries}). */
    public CallCounts count(String search) {
        return queries.count(search);
    }

    /**
     * Cancels a pending call: it becomes CANCELED (kept, with its history) and its schedule is removed.
     * Canceling a call that is already CANCELED returns it unchanged.
     *
     * @throws IllegalTransitionException when the call is dialing or done
     */
    public Call cancel(String id) {
        Instant now = clock.instant();
        Call canceled = Calls.update(store, id, current -> {
            if (current.status() == CallStatus.CANCELED) {
                return current;
            }
            if (current.status() != CallStatus.SCHEDULED) {
                throw new IllegalTransitionException(id, current.status(), "canceled");
            }
            if (current.requestUnconfirmed()) {
                throw IllegalTransitionException.mayBeRinging(current, "canceled");
            }
            return current.moveTo(CallStatus.CANCELED, now, "canceled by user");
        }).orElseThrow(() -> new CallNotFoundException(id));
        try {
            scheduler.unschedule(id);
        } catch (DependencyUnavailableException e) {
            // Harmless: if the schedule fires, dispatch finds the call CANCELED and does nothing.
            LOG.log(System.Logger.Level.WARNING, "could not delete schedule of canceled call " + id, e);
        }
        return canceled;
    }

    /**
     * Moves a pending call to a new time (and optionally a new zone), read by the same rules as
     * {@link #create}: an offset, or a local time with {@code timeZone}. The stored time changes first; the
     * schedule follows. A schedule that still fires at the old time is recognised as stale and ignored.
     *
     * @throws ValidationException     for a bad time or zone
     * @throws IllegalTransitionException when the call is no longer SCHEDULED
     */
    public Call reschedule(String id, String scheduledAt, String timeZone) {
        Instant now = clock.instant();
        if (scheduledAt == null) {
            throw new ValidationException("scheduledAt", "MISSING_FIELD", "scheduledAt is required to reschedule");
        }
        // The same rules as create: a local time needs timeZone; the call's stored zone is never guessed.
        String zone = CallRules.timeZone(timeZone);
        Instant requested = CallRules.scheduledAt(scheduledAt, zone, timeZone != null, now);
        Instant newTime = requested == null ? now : requested;
        Call updated = Calls.update(store, id, current -> {
            if (current.status() != CallStatus.SCHEDULED) {
                throw new IllegalTransitionException(id, current.status(), "rescheduled");
            }
            if (current.requestUnconfirmed()) {
                throw IllegalTransitionException.mayBeRinging(current, "rescheduled");
            }
            Call moved = current.withSchedule(newTime, timeZone != null ? zone : current.timeZone());
            callingHours.checkReschedule(newTime, moved.callingZones());
            return moved
                    .note(now, "rescheduled from " + current.scheduledAt() + " to " + newTime);
        }).orElseThrow(() -> new CallNotFoundException(id));
        return arrangeDial(updated, now, true);
    }

    /** Schedules the call, or dispatches it now when it is due too soon for its schedule (see {@link DialTriggers}). */
    private Call arrangeDial(Call call, Instant now, boolean rescheduled) {
        try {
            triggers.arrange(call, "call-now", rescheduled);
            return call;
        } catch (DependencyUnavailableException e) {
            // Expected where there is no dispatch function to invoke (LocalStack): one line, not a stack trace.
            LOG.log(System.Logger.Level.WARNING, "could not arrange the dial of call " + call.id()
                    + "; the status-sync sweeper will dispatch it when due: " + e.getMessage());
            return Calls.update(store, call.id(), current -> current.status() == CallStatus.SCHEDULED
                    ? current.note(now, "trigger not created (" + e.getMessage()
                            + "); the status sync will dispatch it when due")
                    : current).orElse(call);
        }
    }
}
