package io.callscheduler.store;

/** A pagination token that this store did not issue, or issued for another filter. */
public class InvalidPageTokenException extends RuntimeException {
    public InvalidPageTokenException(String reason) {
        super(reason);
    }
}
