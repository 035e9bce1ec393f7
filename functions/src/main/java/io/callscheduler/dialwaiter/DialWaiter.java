package io.callscheduler.dialwaiter;

import io.callscheduler.domain.Sleeper;

import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The dial waiter (DialPrecision=second): a call's schedule fires somewhere in the minute before the call, and
 * waiting out that minute here, in a function of the smallest size, costs an eighth of waiting in dispatch.
 * It sleeps until the hand-over moment, the call's claim moment less {@code handover} (a synchronous invoke
 * plus, at worst, dispatch's SnapStart restore), then hands the trigger's event, unchanged, to dispatch and
 * answers what dispatch answered. A trigger that arrives late, or whose event names no time, is handed over
 * at once; a malformed one too, so that dispatch alone decides what an event means. Before a long wait the
 * hand-over is prepared, so that a fresh container's slow first request does not fall after the wait.
 * Dispatch keeps its own wait for a trigger that still arrives early.
 */
public final class DialWaiter {

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration claimLead;
    private final Duration handover;
    private final DispatchHandover dispatch;

    /**
     * @param claimLead how long before its moment dispatch claims a call (DialClaimLeadSeconds)
     * @param handover  how long before the claim moment dispatch is invoked
     */
    public DialWaiter(Clock clock, Sleeper sleeper, Duration claimLead, Duration handover, DispatchHandover dispatch) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.claimLead = Objects.requireNonNull(claimLead, "claimLead");
        this.handover = Objects.requireNonNull(handover, "handover");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    }

    /** When dispatch is invoked for this event: null for at once (no time, or not a dispatch event). */
    public Instant handoverMoment(byte[] event) {
        DispatchRequest request;
        try {
            request = DispatchEvents.fromJson(event);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return request.scheduledFor() == null ? null : request.scheduledFor().minus(claimLead).minus(handover);
    }

    /**
     * Waits for the hand-over moment, then invokes dispatch synchronously with {@code event}.
     *
     * @return dispatch's answer
     * @throws HandoverFailedException when dispatch could not be invoked or failed, so that the trigger is retried
     */
    public byte[] waitAndHandOver(byte[] event) {
        Instant moment = handoverMoment(event);
        if (moment != null && clock.instant().isBefore(moment)) {
            if (Duration.between(clock.instant(), moment).compareTo(handover.multipliedBy(2)) > 0) {
                dispatch.prepare(); // while there is time, not after the wait
            }
            Duration wait = Duration.between(clock.instant(), moment);
            if (!wait.isNegative() && !wait.isZero()) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HandoverFailedException("interrupted while waiting to hand over", e);
                }
            }
        }
        return dispatch.dispatch(event);
    }
}
