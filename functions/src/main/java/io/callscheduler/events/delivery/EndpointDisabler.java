package io.callscheduler.events.delivery;

import io.callscheduler.events.endpoints.EndpointChangedException;
import io.callscheduler.events.endpoints.EndpointNotFoundException;
import io.callscheduler.events.endpoints.EndpointStore;
import io.callscheduler.events.endpoints.WebhookEndpoint;

import java.time.Clock;
import java.util.Objects;

/**
 * Disables an endpoint on the delivery's behalf (410 Gone, or failing for 5 days), as an API edit would: under the
 * version it read, reading again when an edit came between, so that neither write is lost.
 */
public final class EndpointDisabler {
    private static final System.Logger LOG = System.getLogger(EndpointDisabler.class.getName());
    private static final int TRIES = 3;

    private final EndpointStore endpoints;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public EndpointDisabler(EndpointStore endpoints, DeliveryMetrics metrics, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param reason GONE or FAILING, for the metric and the log */
    public void disable(String endpointId, String reason) {
        for (int attempt = 1; ; attempt++) {
            WebhookEndpoint current = endpoints.find(endpointId).orElse(null);
            if (current == null || current.disabled()) {
                return;
            }
            WebhookEndpoint disabled = new WebhookEndpoint(current.id(), current.url(), current.events(),
                    current.description(), true, current.createdAt(), clock.instant(), current.version() + 1);
            try {
                endpoints.update(disabled, current.version());
                metrics.endpointDisabled(reason);
                LOG.log(System.Logger.Level.WARNING, "disabled webhook endpoint " + endpointId + ": " + reason);
                return;
            } catch (EndpointNotFoundException e) {
                return;
            } catch (EndpointChangedException e) {
                if (attempt >= TRIES) {
                    throw e;
                }
            }
        }
    }
}
