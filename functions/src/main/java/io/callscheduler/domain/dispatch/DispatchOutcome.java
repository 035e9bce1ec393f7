package io.callscheduler.domain.dispatch;

/** What one dispatch did. */
public enum DispatchOutcome {
    /** This invocation placed the call with the provider (or found that the provider had placed it). */
    DIALED,
    /** This invocation tried, and the call is now FAILED. */
    FAILED,
    /**
     * This invocation ended the call CANCELED without dialing it: its number is on the do-not-call list (withdrawn
     * after the claim, before its request), or its campaign was stopped.
     */
    CANCELED,
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
    LINES_BUSY,
    /** The call's campaign is paused: it waits, scheduled, for the resume. */
    HELD
}
