package io.callscheduler.store;

/** A conditional write lost a race: the stored call is no longer the version (or status) expected. */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String id) {
        super("call " + id + " changed concurrently");
    }
}
