package io.callscheduler.events.delivery;

import io.callscheduler.events.endpoints.EndpointHealthReset;
import io.callscheduler.events.retry.EndpointHealth;

import java.time.Instant;

/** Each endpoint's streak of failed deliveries (the 5-day rule of {@link EndpointHealth}). */
public interface EndpointHealthLog extends EndpointHealthReset {
    /**
     * Records a failed attempt at {@code now}; answers the health after it: the streak's start is kept while the
     * previous failure is no older than {@link EndpointHealth#STREAK_GAP}, else a new streak starts at {@code now}.
     */
    EndpointHealth failed(String endpointId, Instant now);

    /** Records a success: the streak ends. */
    void succeeded(String endpointId, Instant now);
}
