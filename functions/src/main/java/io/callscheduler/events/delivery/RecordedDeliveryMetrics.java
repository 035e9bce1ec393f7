package io.callscheduler.events.delivery;

import io.callscheduler.metrics.Datapoint;
import io.callscheduler.metrics.RecordedMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The delivery's metrics, recorded during a batch and published after it (CloudWatch through Powertools on AWS):
 * {@code WebhookEndpointsDisabled} (an alarm watches it) by {@code Reason}, {@code WebhookAttempts} and
 * {@code WebhookAttemptsFailed}.
 */
public final class RecordedDeliveryMetrics implements DeliveryMetrics {
    public static final String ENDPOINTS_DISABLED = "WebhookEndpointsDisabled";
    private final ConcurrentLinkedQueue<Datapoint> recorded = new ConcurrentLinkedQueue<>();
    private final RecordedMetrics.Publisher publisher;

    public RecordedDeliveryMetrics(RecordedMetrics.Publisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void endpointDisabled(String reason) {
        recorded.add(Datapoint.of(ENDPOINTS_DISABLED, 1, Datapoint.Unit.COUNT));
        recorded.add(new Datapoint(ENDPOINTS_DISABLED, 1, Datapoint.Unit.COUNT, "Reason", reason));
    }

    @Override
    public void attempted(boolean delivered) {
        recorded.add(Datapoint.of("WebhookAttempts", 1, Datapoint.Unit.COUNT));
        if (!delivered) {
            recorded.add(Datapoint.of("WebhookAttemptsFailed", 1, Datapoint.Unit.COUNT));
        }
    }

    /** Publishes what was recorded; a failing publisher costs the datapoints, never the deliveries. */
    public void publish() {
        List<Datapoint> batch = new ArrayList<>();
        for (Datapoint point; (point = recorded.poll()) != null; ) {
            batch.add(point);
        }
        if (!batch.isEmpty()) {
            try {
                publisher.publish(batch);
            } catch (RuntimeException e) {
                System.getLogger(RecordedDeliveryMetrics.class.getName()).log(System.Logger.Level.WARNING,
                        "could not publish " + batch.size() + " webhook metric datapoints: " + e);
            }
        }
    }
}
