package io.callscheduler.events.fanout;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.EventDerivation;
import io.callscheduler.events.ItemChange;
import io.callscheduler.events.OutboundEvent;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryQueue;
import io.callscheduler.events.dynamodb.StreamImages;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From the calls table's stream to the delivery queue, one record at a time, in the stream's order: decode the
 * record's images, derive its event (none or one), find the endpoints that want it, and queue one delivery message
 * per endpoint. Items that emit no event (webhook endpoints themselves, counters, pacer windows, ...) queue nothing.
 *
 * <p>A record whose messages could not all be queued stops the batch there: it is reported, and the event source
 * mapping retries from it. A retry derives the same webhook-ids and bodies (derivation is pure), so the messages that
 * did get queued the first time are queued again as duplicates, which the delivery drops by webhook-id.
 */
public final class EventFanOut {
    private static final System.Logger LOG = System.getLogger(EventFanOut.class.getName());

    private final Subscribers subscribers;
    private final DeliveryQueue queue;
    private final Clock clock;

    public EventFanOut(Subscribers subscribers, DeliveryQueue queue, Clock clock) {
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the sequence number of the first record not wholly queued (those after it were not tried), or empty
     *         when every record's messages are on the queue
     */
    public Optional<String> fanOut(List<StreamRecord> records) {
        for (StreamRecord record : records) {
            try {
                queue.sendAll(messages(record));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stream record " + record.getSequenceNumber()
                        + " was not fanned out; the batch is retried from it: " + e);
                return Optional.of(record.getSequenceNumber());
            }
        }
        return Optional.empty();
    }

    /** Everything one record queues: one message per subscribed endpoint of its event, if it has one. */
    List<DeliveryMessage> messages(StreamRecord record) {
        Instant now = clock.instant();
        return decode(record, now).map(EventDerivation::derive).orElse(List.of()).stream()
                .flatMap(event -> addressed(event, now).stream()).toList();
    }

    private static Optional<ItemChange> decode(StreamRecord record, Instant receivedAt) {
        return StreamImages.change(record, receivedAt);
    }

    private List<DeliveryMessage> addressed(OutboundEvent event, Instant now) {
        String type = event.type().wireName();
        String body = event.body();
        return subscribers.of(type).stream()
                .map(endpoint -> DeliveryMessage.first(endpoint.id(), event.id(), type, body, now)).toList();
    }
}
