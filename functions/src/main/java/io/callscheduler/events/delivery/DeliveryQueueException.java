package io.callscheduler.events.delivery;

/** Messages could not be queued (the queue refused them or could not be reached); the caller may send them again. */
public class DeliveryQueueException extends RuntimeException {
    public DeliveryQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
