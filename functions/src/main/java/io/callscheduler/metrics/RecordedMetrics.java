package io.callscheduler.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records datapoints in memory during an invocation and hands them to a publisher once it is done, so that
 * publishing (and loading the publisher's library) never delays a dial or an answer.
 */
public final class RecordedMetrics implements CallMetrics {
    /** Sends what was recorded where it is read: CloudWatch (embedded metric format) on AWS. */
    @FunctionalInterface
    public interface Publisher {
        void publish(List<Datapoint> datapoints);

        Publisher NONE = datapoints -> { };
    }

    private final ConcurrentLinkedQueue<Datapoint> recorded = new ConcurrentLinkedQueue<>();
    private final Publisher publisher;

    public RecordedMetrics(Publisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void dialed(Duration lateness) {
        recorded.add(Datapoint.of("CallsDialed", 1, Datapoint.Unit.COUNT));
        if (lateness != null) {
            recorded.add(Datapoint.of("DialLateness", Math.max(0, lateness.toMillis()) / 1000.0, Datapoint.Unit.SECONDS));
        }
    }

    @Override
    public void failed(FailureReason reason) {
        recorded.add(Datapoint.of("CallsFailed", 1, Datapoint.Unit.COUNT));
        recorded.add(new Datapoint("CallsFailed", 1, Datapoint.Unit.COUNT, "Reason", reason.name()));
    }

    @Override
    public void suppressed() {
        recorded.add(Datapoint.of("CallsSuppressed", 1, Datapoint.Unit.COUNT));
    }

    @Override
    public void providerError(ProviderErrorKind kind) {
        recorded.add(new Datapoint("ProviderErrors", 1, Datapoint.Unit.COUNT, "Kind", kind.name()));
    }

    @Override
    public void held(HoldReason reason, Duration by) {
        recorded.add(new Datapoint("DialHeld", Math.max(0, by.toMillis()) / 1000.0, Datapoint.Unit.SECONDS, "Rule", reason.name()));
    }

    @Override
    public void callback(String provider, boolean accepted) {
        recorded.add(new Datapoint(accepted ? "CallbacksReceived" : "CallbacksRejected", 1, Datapoint.Unit.COUNT,
                "Provider", provider));
    }

    @Override
    public void statusSync(Duration took, int reconciled) {
        recorded.add(Datapoint.of("StatusSyncDuration", took.toMillis(), Datapoint.Unit.MILLISECONDS));
        recorded.add(Datapoint.of("CallsReconciled", reconciled, Datapoint.Unit.COUNT));
    }

    @Override
    public void lineOverLimit() {
        recorded.add(Datapoint.of("LinesOverLimit", 1, Datapoint.Unit.COUNT));
    }

    /** Publishes everything recorded so far; a failing publisher costs the datapoints, never the work. */
    public void publish() {
        List<Datapoint> batch = new ArrayList<>();
        for (Datapoint point; (point = recorded.poll()) != null; ) {
            batch.add(point);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            publisher.publish(batch);
        } catch (RuntimeException e) {
            System.getLogger(RecordedMetrics.class.getName()).log(System.Logger.Level.WARNING,
                    "could not publish " + batch.size() + " metric datapoints: " + e);
        }
    }
}
