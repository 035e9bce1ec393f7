package io.callscheduler.metrics.powertools;

import io.callscheduler.metrics.Datapoint;
import io.callscheduler.metrics.RecordedMetrics;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.List;
import java.util.Objects;

/**
 * Publishes datapoints with Powertools for AWS Lambda (Java) v2 in CloudWatch's embedded metric format: one
 * JSON document on standard output per batch (plus one per dimensioned datapoint), which Lambda's log
 * delivery turns into metrics, with no API call. Namespace {@code CallScheduler}, dimension {@code Service}
 * (the function). Powertools is loaded on the first publish, after the work.
 */
public final class PowertoolsMetricsPublisher implements RecordedMetrics.Publisher {
    public static final String NAMESPACE = "CallScheduler";
    private final String service;
    private Metrics metrics;

    public PowertoolsMetricsPublisher(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public synchronized void publish(List<Datapoint> datapoints) {
        Metrics out = metrics();
        boolean any = false;
        for (Datapoint point : datapoints) {
            if (point.dimension() == null) {
                out.addMetric(point.name(), point.value(), unit(point.unit()));
                any = true;
            } else {
                out.flushSingleMetric(point.name(), point.value(), unit(point.unit()), NAMESPACE,
                        DimensionSet.of("Service", service, point.dimension(), point.dimensionValue()));
            }
        }
        if (any) {
            out.flush();
        }
    }

    /** Builds the Powertools instance ahead of the first publish (from a background thread at start). */
    public synchronized void warmUp() {
        metrics();
    }

    private Metrics metrics() {
        if (metrics == null) {
            // Lambda: documents go to standard output. Without this, the library probes for an agent or EC2.
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
            metrics = MetricsBuilder.builder().withNamespace(NAMESPACE).withService(service)
                    .withRaiseOnEmptyMetrics(false).build();
        }
        return metrics;
    }

    private static MetricUnit unit(Datapoint.Unit unit) {
        return switch (unit) {
            case COUNT -> MetricUnit.COUNT;
            case SECONDS -> MetricUnit.SECONDS;
            case MILLISECONDS -> MetricUnit.MILLISECONDS;
        };
    }
}
