package io.callscheduler.events.delivery;

import java.time.Duration;
import java.util.List;

/** The durable queue between the fan-out and the delivery function (SQS on AWS and in the local cloud). */
public interface DeliveryQueue {
    /** Queues each message for delivery now. Throws when any could not be queued (the caller retries them all). */
    void sendAll(List<DeliveryMessage> messages);

    /** Queues one message to arrive after {@code delay} (at most {@link io.callscheduler.events.retry.DelayHops#MAX_DELAY}). */
    void send(DeliveryMessage message, Duration delay);

    /** Gives a message up: onto the dead-letter queue, where an operator can see and redrive it. */
    void deadLetter(DeliveryMessage message);
}
