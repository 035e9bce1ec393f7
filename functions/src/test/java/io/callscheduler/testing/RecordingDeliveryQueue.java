package io.callscheduler.testing;

import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryQueue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The delivery queue as the delivery uses it, in memory: what was sent with which delay, what was dead-lettered. (The
 * SQS adapter is the fan-out's; its own tests hold it to SQS.)
 */
public final class RecordingDeliveryQueue implements DeliveryQueue {
    public record Sent(DeliveryMessage message, Duration delay) {
    }

    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    public final List<DeliveryMessage> deadLetters = new CopyOnWriteArrayList<>();
    /** How many of the next sendAll calls fail, as SQS unavailable does. */
    public final java.util.concurrent.atomic.AtomicInteger refuseNextSendAlls = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void sendAll(List<DeliveryMessage> messages) {
        if (refuseNextSendAlls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new io.callscheduler.events.delivery.DeliveryQueueException("SQS refused the batch (test)", null);
        }
        messages.forEach(m -> sent.add(new Sent(m, Duration.ZERO)));
    }

    @Override
    public void send(DeliveryMessage message, Duration delay) {
        sent.add(new Sent(message, delay));
    }

    @Override
    public void deadLetter(DeliveryMessage message) {
        deadLetters.add(message);
    }
}
