package io.callscheduler.events.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one endpoint: what the fan-out puts on the delivery queue and the delivery function takes
 * off it. The body and the webhook-id are fixed at the fan-out and never change, so every attempt, hop and replay
 * sends the same message (a receiver deduplicates on the id); the webhook-timestamp and signature are made per attempt.
 *
 * @param endpointId  the endpoint's id
 * @param webhookId   the Standard Webhooks {@code webhook-id} ({@code msg_...})
 * @param eventType   the wire name, e.g. {@code call.completed}
 * @param body        the exact bytes to sign and send, {@code {type, timestamp, data}} as UTF-8 JSON
 * @param attempt     the number of the attempt this message is for, 1 for the first
 * @param queuedAt    when the fan-out (or a replay) first queued it
 * @param notBefore   not to be attempted before this moment (a retry later than SQS's 15-minute delay hops until
 *                    then); null when due on arrival
 * @param resend      queued by a replay, a recover or a test event: it becomes the send in force when it arrives if
 *                    the log names an older send (it is queued before the log is marked, so that no record is left
 *                    pending without a message), where the fan-out's copy of an older send would be a stale duplicate
 */
public record DeliveryMessage(String endpointId, String webhookId, String eventType, String body, int attempt,
                              Instant queuedAt, Instant notBefore, boolean resend) {
    public DeliveryMessage {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(queuedAt, "queuedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more");
        }
    }

    /** The first attempt of an event for an endpoint. */
    public static DeliveryMessage first(String endpointId, String webhookId, String eventType, String body, Instant now) {
        return new DeliveryMessage(endpointId, webhookId, eventType, body, 1, now, null, false);
    }

    /** A replay's, a recover's or a test event's first attempt, queued at {@code now}. */
    public static DeliveryMessage resend(String endpointId, String webhookId, String eventType, String body, Instant now) {
        return new DeliveryMessage(endpointId, webhookId, eventType, body, 1, now, null, true);
    }

    /** The same message, for its next attempt, not before {@code at}. */
    public DeliveryMessage nextAttemptAt(Instant at) {
        return new DeliveryMessage(endpointId, webhookId, eventType, body, attempt + 1, queuedAt, at, resend);
    }

    /** Logged instead of the record: never the body, which holds callee data. */
    @Override
    public String toString() {
        return "DeliveryMessage[" + webhookId + " " + eventType + " to " + endpointId + ", attempt " + attempt + "]";
    }
}
