package io.callscheduler.events.delivery;

import io.callscheduler.events.retry.EndpointHealth;

import java.time.Instant;

/** Since when each endpoint's deliveries have failed without a success (the 5-day rule of {@link EndpointHealth}). */
public interface EndpointHealthLog {
    /** Records a failed attempt at {@code now}; answers the health after it (failingSince kept from the first). */
    EndpointHealth failed(String endpointId, Instant now);

    /** Records a success: the streak ends. */
    void succeeded(String endpointId, Instant now);
}
