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

    public CallStatus current() {
        return current;
    }
}
