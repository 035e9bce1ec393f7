package io.callscheduler.dependencies;

/** A backing service (DynamoDB, the Scheduler, Lambda, SQS) failed; the request may be retried. */
public class DependencyUnavailableException extends RuntimeException {
    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
