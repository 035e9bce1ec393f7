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

    /**
     * An upper bound of the characters this record takes in an API answer: each character of the body and of the
     * attempts' texts at most 7 (a control character escaped as {@code \\u0001} in the JSON, escaped again in the
     * Lambda proxy's body string), plus a fixed share per field.
     */
    public long worstCaseAnswerChars() {
        long text = body == null ? 0 : body.length();
        for (DeliveryAttempt a : attempts) {
            text += a.response().length() + (a.error() == null ? 0 : a.error().length())
                    + (a.outcome() == null ? 0 : a.outcome().length());
        }
        return 7 * text + 300L * (attempts.size() + 1);
    }

    @Override
    public String toString() {
        return "DeliveryRecord[" + webhookId + " " + eventType + " to " + endpointId + ", " + state + "]";
    }
}
