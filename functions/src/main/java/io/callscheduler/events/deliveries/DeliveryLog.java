package io.callscheduler.events.deliveries;

import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.store.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every message sent to each endpoint, with its attempts, for {@link #RETENTION} (the table's TTL). Read per endpoint,
 * newest first. Adapters throw {@link io.callscheduler.dependencies.DependencyUnavailableException} when the store
 * cannot be reached: the delivery then hands the message back to its queue.
 */
public interface DeliveryLog {
    Duration RETENTION = Duration.ofDays(30);

    /**
     * Enters a message about to be attempted: a new one is written PENDING; one already there is left as it is.
     *
     * @return whether the message belongs to the send in force (its queuedAt is the record's); false for a stale
     *         duplicate (a stream record the fan-out processed twice, a retry of a send that a replay replaced)
     */
    boolean begin(DeliveryMessage message, Instant now);

    /** Appends an attempt and moves the message to {@code state}. */
    void recordAttempt(DeliveryMessage message, DeliveryAttempt attempt, DeliveryState state, Instant now);

    /** Marks the message SKIPPED (written if it was not there). */
    void skipped(DeliveryMessage message, Instant now);

    Optional<DeliveryRecord> find(String endpointId, String webhookId);

    /**
     * One page of the endpoint's messages, newest first.
     *
     * @param state     null for every state
     * @param nextToken null for the first page
     * @throws io.callscheduler.store.InvalidPageTokenException for a token this log did not issue
     */
    Page<DeliveryRecord> page(String endpointId, DeliveryState state, int limit, String nextToken);

    /** The endpoint's messages that are FAILED and whose last attempt was at or after {@code since}. */
    List<DeliveryRecord> failedSince(String endpointId, Instant since);

    /**
     * Makes {@code message} (a replay's, a recover's or a test's, attempt 1) the send in force: PENDING, its queuedAt;
     * written if it was not there.
     */
    void resend(DeliveryMessage message, Instant now);
}
