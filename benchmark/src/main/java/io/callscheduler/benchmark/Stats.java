package io.callscheduler.benchmark;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** A distribution of measurements in milliseconds: nearest-rank percentiles. */
record Stats(double[] sorted) {
    static Stats of(Collection<? extends Number> values) {
        double[] array = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(array);
        return new Stats(array);
    }

    int count() {
        return sorted.length;
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 10_000 ? String.format(Locale.ROOT, "%.1f s", value / 1000) : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
