package io.callscheduler.dialwaiter;

/** Dispatch could not be run for a trigger: thrown on, so that the Scheduler's and Lambda's retries apply. */
public final class HandoverFailedException extends RuntimeException {
    public HandoverFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
