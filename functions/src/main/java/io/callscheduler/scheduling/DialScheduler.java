package io.callscheduler.scheduling;

import io.callscheduler.model.Call;

/**
 * Arranges for the dispatch function to be invoked at a call's scheduled time: one one-time schedule per
 * pending call. Failures surface as {@link io.callscheduler.dependencies.DependencyUnavailableException}.
 */
public interface DialScheduler {

    /** Creates the call's schedule, or replaces it if one exists (idempotent), {@link #lead()} before its time. */
    default void schedule(Call call) {
        schedule(call, lead());
    }

    /** Creates or replaces the call's schedule, set {@code lead} before its due time. */
    void schedule(Call call, java.time.Duration lead);

    /** Removes the call's schedule; removing one that does not exist is not an error. */
    void unschedule(String callId);

    /**
     * How long before a call's time its schedule is set to fire (DialPrecision=second: a minute plus the claim
     * lead, as the Scheduler fires within the minute of its {@code at()}); zero when it fires at the time itself.
     */
    default java.time.Duration lead() {
        return java.time.Duration.ZERO;
    }
}
