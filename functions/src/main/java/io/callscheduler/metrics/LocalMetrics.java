package io.callscheduler.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of functions running off AWS (the local cloud runs them all in one JVM): what CloudWatch would
 * hold, kept in memory since start, so that the local cloud can show it ({@code /_local/metrics}) without AWS.
 * One series per metric and dimension value: its count, sum, maximum, and the values for percentiles (the
 * latest 10,000).
 */
public final class LocalMetrics implements RecordedMetrics.Publisher {
    /** The one sink of this JVM, as CloudWatch is one per account. */
    public static final LocalMetrics SHARED = new LocalMetrics();
    private static final int KEPT_VALUES = 10_000;

    private final Map<String, Series> series = new TreeMap<>();

    /** One metric, or one value of its dimension: {@code CallsFailed}, {@code CallsFailed Reason=REJECTED}. */
    public static final class Series {
        private long count;
        private double sum;
        private double max;
        private final List<Double> values = new ArrayList<>();
        private final Datapoint.Unit unit;

        Series(Datapoint.Unit unit) {
            this.unit = unit;
        }

        void add(double value) {
            count++;
            sum += value;
            max = count == 1 ? value : Math.max(max, value);
            if (values.size() == KEPT_VALUES) {
                values.remove(0);
            }
            values.add(value);
        }

        Map<String, Object> summary() {
            Map<String, Object> summary = new java.util.LinkedHashMap<>();
            summary.put("unit", unit.name().toLowerCase(java.util.Locale.ROOT));
            summary.put("count", count);
            summary.put("sum", sum);
            if (unit != Datapoint.Unit.COUNT) {
                List<Double> sorted = new ArrayList<>(values);
                sorted.sort(null);
                summary.put("p50", percentile(sorted, 50));
                summary.put("p99", percentile(sorted, 99));
                summary.put("max", max);
            }
            return summary;
        }

        private static double percentile(List<Double> sorted, int p) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    @Override
    public synchronized void publish(List<Datapoint> datapoints) {
        for (Datapoint point : datapoints) {
            String name = point.dimension() == null ? point.name()
                    : point.name() + " " + point.dimension() + "=" + point.dimensionValue();
            series.computeIfAbsent(name, n -> new Series(point.unit())).add(point.value());
        }
    }

    /** Every series since start, by name: count, sum, and for times p50, p99 and max. */
    public synchronized Map<String, Map<String, Object>> snapshot() {
        Map<String, Map<String, Object>> snapshot = new java.util.LinkedHashMap<>();
        series.forEach((name, s) -> snapshot.put(name, s.summary()));
        return snapshot;
    }

    /** Forgets every series: a new local cloud starts from nothing, as a new stack's metrics do. */
    public synchronized void reset() {
        series.clear();
    }
}
