package io.callscheduler.reports;

import java.util.Objects;

/** The counts of the calls that ended under one key. */
public record OutcomeBucket(BucketKey key, OutcomeCounts counts) {
    public OutcomeBucket {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(counts, "counts");
    }
}
