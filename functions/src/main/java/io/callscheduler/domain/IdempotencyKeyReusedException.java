package io.callscheduler.domain;

/** The same Idempotency-Key came with a different request: refused (422) rather than guessed at. */
public class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was used within the last 24 hours with a different request; "
                + "use a new key for a new call");
    }

    /** @param message what the key was used for, and what to do */
    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
