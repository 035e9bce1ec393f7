package io.callscheduler.events.fanout;

import io.callscheduler.events.endpoints.EndpointStore;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The endpoints an event goes to, read through a per-container copy of every endpoint that is at most
 * {@link #MAX_AGE} old. The fan-out would otherwise list the endpoints for every batch; with the copy, a busy table
 * costs one listing per container every few seconds. The price is that an edit (a new endpoint, a changed
 * subscription, a disable or a delete) reaches the fan-out up to {@code MAX_AGE} late: events of changes made in
 * that time still follow the old list (the delivery drops messages for an endpoint that no longer exists).
 */
public final class Subscribers {
    /** Short enough that an endpoint created in the page starts receiving before its user looks for its first event. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final int PAGE = 100;

    private final EndpointStore store;
    private final Duration maxAge;
    private final Clock clock;
    private List<WebhookEndpoint> endpoints;
    private Instant readAt;

    public Subscribers(EndpointStore store, Duration maxAge, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The endpoints subscribed to this type (its wire name), in creation order; disabled ones too, whose messages the
     * delivery logs as skipped (recoverable) rather than never queuing them.
     */
    public synchronized List<WebhookEndpoint> of(String eventType) {
        Instant now = clock.instant();
        if (endpoints == null || !now.isBefore(readAt.plus(maxAge))) {
            endpoints = readAll();
            readAt = now; // the time before the read: the copy is never younger than it claims
        }
        return endpoints.stream().filter(endpoint -> endpoint.wants(eventType)).toList();
    }

    private List<WebhookEndpoint> readAll() {
        List<WebhookEndpoint> all = new ArrayList<>();
        String token = null;
        do {
            Page<WebhookEndpoint> page = store.page(PAGE, token);
            all.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        return List.copyOf(all);
    }
}
