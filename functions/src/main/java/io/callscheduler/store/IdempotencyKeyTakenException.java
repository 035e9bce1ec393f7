package io.callscheduler.store;

/** A live idempotency record already holds this key: another request with it got there first. */
public class IdempotencyKeyTakenException extends RuntimeException {
    public IdempotencyKeyTakenException(String key) {
        super("idempotency key is in use: " + key);
    }
}
