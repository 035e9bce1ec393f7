package io.callscheduler.events.deliveries;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message to one endpoint in the delivery log: what was sent (the body, kept for a replay), its attempts, oldest
 * first, and where it stands.
 *
 * @param sendQueuedAt  when the send in force was queued (the fan-out's, or the last replay's or recover's): a queued
 *                      message of another send is a stale duplicate
 * @param lastAttemptAt null before the first attempt
 */
public record DeliveryRecord(String endpointId, String webhookId, String eventType, String body, DeliveryState state,
                             List<DeliveryAttempt> attempts, Instant createdAt, Instant sendQueuedAt,
                             Instant lastAttemptAt) {
    public DeliveryRecord {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(state, "state");
        attempts = List.copyOf(attempts);
    }

    @Override
    public String toString() {
        return "DeliveryRecord[" + webhookId + " " + eventType + " to " + endpointId + ", " + state + "]";
    }
}
