package io.callscheduler.events.deliveries;

/** Where a message stands for its endpoint, as the delivery log shows it. */
public enum DeliveryState {
    /** Queued, or between attempts. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Given up: every attempt failed, or the endpoint answered 410 Gone. A replay or a recover sends it again. */
    FAILED,
    /** Not sent: the endpoint was disabled or deleted when the message came due. */
    SKIPPED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
