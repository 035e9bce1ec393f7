package io.callscheduler.series;

/** Where a series is in its life. */
public enum SeriesStatus {
    /** Rolling: its pending occurrence is a call, the next one is created when it ends. */
    ACTIVE,
    /** Creates nothing; its pending occurrence was canceled unless it was already dialing. */
    PAUSED,
    /** No more occurrences: its count or until is reached, it was split, or its calls can no longer be made. */
    ENDED,
    /** Deleted by the user: kept with its history, creates nothing. */
    DELETED
}
