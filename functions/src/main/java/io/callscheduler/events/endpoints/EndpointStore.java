package io.callscheduler.events.endpoints;

import io.callscheduler.store.Page;

import java.util.Optional;

/** Where endpoints are kept. */
public interface EndpointStore {
    /** Writes a new endpoint; its id is new, so nothing is overwritten. */
    void create(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(String id);

    /**
     * Replaces the endpoint if it is still at {@code expectedVersion}.
     *
     * @throws EndpointChangedException when another write came first
     * @throws EndpointNotFoundException when it was deleted
     */
    void update(WebhookEndpoint endpoint, long expectedVersion);

    /** @return whether there was such an endpoint */
    boolean delete(String id);

    /**
     * One page in creation order.
     *
     * @param nextToken null for the first page, else one a page returned
     * @throws io.callscheduler.store.InvalidPageTokenException for a token this store did not issue
     */
    Page<WebhookEndpoint> page(int limit, String nextToken);

    /**
     * Marks the start of secret rotation number {@code rotation}, if the endpoint's last one was {@code rotation - 1}
     * or a started one that is older than {@code staleBefore} (its writer has ended without finishing).
     *
     * @return whether this caller may rotate
     * @throws EndpointNotFoundException when it was deleted
     */
    boolean claimRotation(String id, long rotation, java.time.Instant now, java.time.Instant staleBefore);
}
