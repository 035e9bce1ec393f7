package io.callscheduler.scheduling;

import io.callscheduler.model.Call;

/**
 * Arranges for the dispatch function to be invoked at a call's scheduled time: one one-time schedule per
 * pending call. Failures surface as {@link io.callscheduler.domain.DependencyUnavailableException}.
 */
public interface DialScheduler {

    /** Creates the call's schedule, or replaces it if one exists (idempotent). */
    void schedule(Call call);

    /** Removes the call's schedule; removing one that does not exist is not an error. */
    void unschedule(String callId);
}
