package io.callscheduler.events.deliveries;

import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.store.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Every message sent to each endpoint, with its attempts, for {@link #RETENTION} (the table's TTL). Read per endpoint,
 * newest first. Adapters throw {@link io.callscheduler.dependencies.DependencyUnavailableException} when the store
 * cannot be reached: the delivery then hands the message back to its queue.
 */
public interface DeliveryLog {
    Duration RETENTION = Duration.ofDays(30);
    /**
     * The most records one request reads from an endpoint's log when it filters (a list by state, a recover): the
     * answer is then a page with a token to go on, so that no request runs past the API's 20 s over a large log.
     */
    int MAX_READ = 500;

    /**
     * Enters a message about to be attempted: a new one is written PENDING; one already there is left as it is,
     * except that a {@link DeliveryMessage#resend() resend} queued after the send the record names takes its place.
     *
     * @return whether the message belongs to the send in force (its queuedAt is the record's); false for a stale
     *         duplicate (a stream record the fan-out processed twice, a retry of a send that a replay replaced)
     */
    boolean begin(DeliveryMessage message, Instant now);

    /** Appends an attempt and moves the message to {@code state}. */
    void recordAttempt(DeliveryMessage message, DeliveryAttempt attempt, DeliveryState state, Instant now);

    /**
     * Marks the message SKIPPED (written if it was not there) when it is the send in force and not yet finished.
     *
     * @return false for a copy of a send already finished (delivered, failed, skipped) or replaced by a later one:
     *         its record stands, so that a delivered message is not made recoverable, nor a pending replay dropped
     */
    boolean skipped(DeliveryMessage message, Instant now);

    Optional<DeliveryRecord> find(String endpointId, String webhookId);

    /**
     * One page of the endpoint's messages, newest first; with a state, at most {@link #MAX_READ} records are read, so
     * the page may hold fewer than {@code limit} (even none) with a token to go on.
     *
     * @param state     null for every state
     * @param nextToken null for the first page
     * @throws io.callscheduler.store.InvalidPageTokenException for a token this log did not issue
     */
    Page<DeliveryRecord> page(String endpointId, DeliveryState state, int limit, String nextToken);

    /**
     * The endpoint's messages to recover, newest first, from at most {@link #MAX_READ} records read: FAILED with a last
     * attempt at or after {@code since}, or SKIPPED (the endpoint was disabled) at or after it; a token when more
     * records remain to be read.
     *
     * @throws io.callscheduler.store.InvalidPageTokenException for a token this log did not issue
     */
    Page<DeliveryRecord> recoverable(String endpointId, Instant since, String nextToken);

    /**
     * Marks {@code message} (a resend, already queued) the send in force: PENDING, its queuedAt; written if it was not
     * there. Nothing changes when the record already names it or a later send (the delivery took it over first).
     */
    void resend(DeliveryMessage message, Instant now);
}
