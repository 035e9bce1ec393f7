package io.callscheduler.dispatch;

/**
 * Starts the dispatch function for a call right away, without waiting for the Scheduler's one-minute
 * precision ("call now"). Asynchronous: returns once the invocation is queued.
 */
public interface DispatchInvoker {
    void dispatchSoon(DispatchRequest request);
}
