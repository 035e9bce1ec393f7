package io.callscheduler.model;

/** Where a campaign's contact stands: waiting to be drawn, turned into a call, or canceled before that (a stop). */
public enum ContactState {
    PENDING, CALLED, CANCELED
}
