package io.callscheduler.events.endpoints;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A receiver of events: where they go and which ones. Its signing secret is not here: it lives in its own secret
 * store ({@link SigningSecretStore}) and is never part of what the API reads back.
 *
 * @param events      the subscribed event types in {@link EventTypes#ALL} order, or just {@code "*"} for every type
 * @param description null for none
 * @param version     bumped by every write: an edit applies only to the version it read
 */
public record WebhookEndpoint(String id, String url, List<String> events, String description, boolean disabled,
                              Instant createdAt, Instant updatedAt, long version) {
    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        events = List.copyOf(events);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Whether the endpoint subscribes to events of this type, disabled or not: while it is disabled, its events are
     * queued all the same and logged as skipped by the delivery, so that enabling it and recovering brings them back.
     */
    public boolean wants(String eventType) {
        return events.contains(EventTypes.EVERY) || events.contains(eventType);
    }
}
