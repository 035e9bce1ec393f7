package io.callscheduler.domain;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.dispatch.DispatchInvoker;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;
import io.callscheduler.scheduling.DialScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Makes sure dispatch runs for a call in time for its due moment: through its one-time schedule when that
 * can fire early enough; else (due within the schedule's lead plus {@link #IMMEDIATE_WINDOW}) by invoking
 * dispatch at once, which then waits for the moment itself, with a schedule at the moment as a backstop in
 * case that invocation is lost (dispatch is idempotent, so a backstop that fires after the dial does nothing).
 * A call due within {@link #IMMEDIATE_WINDOW} ("call now") gets no backstop: the status-sync sweep is one.
 *
 * @throws DependencyUnavailableException from either (callers leave the call to the status-sync sweep)
 */
public final class DialTriggers {
    private static final System.Logger LOG = System.getLogger(DialTriggers.class.getName());
    /** Beyond the schedule's lead: calls due this soon are dispatched at once rather than scheduled. */
    public static final Duration IMMEDIATE_WINDOW = Duration.ofSeconds(5);

    private final DialScheduler scheduler;
    private final DispatchInvoker invoker;
    private final Clock clock;

    public DialTriggers(DialScheduler scheduler, DispatchInvoker invoker, Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A dispatcher that cannot invoke dispatch directly (unit tests, LocalStack): the schedule or nothing. */
    public static DispatchInvoker noDirectInvocation() {
        return request -> {
            throw new DependencyUnavailableException("no dispatch function to invoke directly", null);
        };
    }

    /**
     * Arranges the trigger for the call's due time ({@link Call#dueAt()}).
     *
     * @param source   who asked, for the dispatch's history ("call-now", "retry", "pacing")
     * @param replacing whether an older schedule of the call may exist (it is removed when not reused)
     * @return true when dispatch was invoked at once
     */
    public boolean arrange(Call call, String source, boolean replacing) {
        Instant now = clock.instant();
        if (!call.dueAt().isAfter(now.plus(IMMEDIATE_WINDOW))) {
            invoker.dispatchSoon(new DispatchRequest(call.id(), call.dueAt(), source));
            if (replacing) {
                scheduler.unschedule(call.id()); // its old schedule would only fire stale
            }
            return true;
        }
        if (!call.dueAt().isAfter(now.plus(scheduler.lead()).plus(IMMEDIATE_WINDOW))) {
            scheduler.schedule(call, Duration.ZERO); // the backstop, replacing any older schedule
            invoker.dispatchSoon(new DispatchRequest(call.id(), call.dueAt(), source));
            return true;
        }
        scheduler.schedule(call);
        return false;
    }

    /**
     * {@link #arrange}, for a call that already waits SCHEDULED: when the trigger cannot be created the failure is
     * logged, and the status-sync sweep dispatches the call when it is due.
     */
    public void arrangeOrLeaveToSweep(Call call, String source) {
        try {
            arrange(call, source, false);
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "call " + call.id() + ": could not arrange its " + source
                    + " dial; the status-sync sweep will dispatch it when due: " + e.getMessage());
        }
    }

    public void unschedule(String callId) {
        scheduler.unschedule(callId);
    }

    /** How early a dispatch may arrive and still wait for its moment: the lead plus the Scheduler's minute. */
    public Duration earliestArrival() {
        return scheduler.lead().plus(Duration.ofSeconds(65));
    }
}
