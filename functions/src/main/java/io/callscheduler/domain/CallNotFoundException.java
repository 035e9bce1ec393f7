package io.callscheduler.domain;

/** No call has this id. */
public class CallNotFoundException extends RuntimeException {
    public CallNotFoundException(String id) {
        super("no call with id '" + id + "'");
    }
}
