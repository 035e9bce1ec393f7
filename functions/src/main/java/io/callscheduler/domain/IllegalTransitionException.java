package io.callscheduler.domain;

import io.callscheduler.model.CallStatus;

/** The action is not allowed in the call's current status (e.g. canceling a call that is dialing). */
public class IllegalTransitionException extends RuntimeException {
    private final CallStatus current;

    public IllegalTransitionException(String id, CallStatus current, String action) {
        super("call " + id + " is " + current + " and can no longer be " + action
                + "; only SCHEDULED calls can be " + action);
        this.current = current;
    }

    /**
     * A SCHEDULED call whose last dial request may have placed it (its answer was lost): it may be ringing, so it is
     * neither canceled nor moved until the provider has said whether it placed it.
     */
    static IllegalTransitionException mayBeRinging(io.callscheduler.model.Call call, String action) {
        return new IllegalTransitionException("call " + call.id() + " cannot be " + action + " now: its last dial request"
                + " may have reached the provider without an answer, so the phone may be ringing; the provider is asked"
                + " again at " + call.nextAttemptAt() + ", after which it can be " + action + " if it was not placed",
                call.status());
    }

    private IllegalTransitionException(String message, CallStatus current) {
        super(message);
        this.current = current;
    }

    public CallStatus current() {
        return current;
    }
}
