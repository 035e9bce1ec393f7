package io.callscheduler.events.delivery;

/**
 * Messages could not be queued (the queue refused them or could not be reached); the caller may send them again. A
 * dependency failure like any other: the API answers it 503 SERVICE_UNAVAILABLE.
 */
public class DeliveryQueueException extends io.callscheduler.dependencies.DependencyUnavailableException {
    public DeliveryQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
