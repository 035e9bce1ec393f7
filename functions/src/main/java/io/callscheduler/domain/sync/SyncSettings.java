package io.callscheduler.domain.sync;

import java.time.Duration;

/** The status sync's tunables; {@link #DEFAULTS} suits one run a minute. */
public record SyncSettings(int concurrency, Duration sweepGrace, Duration staleDialAfter, Duration maxActiveDuration,
                       Duration unknownGrace, int pageSize, Duration maxTaskDuration, Duration reconcileAfter) {
    /** Polls every active call each run; deployments poll only calls whose callbacks went quiet (Services). */
    public static final SyncSettings DEFAULTS = new SyncSettings(64, Duration.ofSeconds(15), Duration.ofMinutes(5),
            Duration.ofHours(4), Duration.ofMinutes(1), 200, Duration.ofSeconds(10), Duration.ZERO);

    public SyncSettings withConcurrency(int value) {
        return new SyncSettings(value, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, maxTaskDuration, reconcileAfter);
    }

    public SyncSettings withSweepGrace(Duration value) {
        return new SyncSettings(concurrency, value, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, maxTaskDuration, reconcileAfter);
    }

    public SyncSettings withPageSize(int value) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, value, maxTaskDuration, reconcileAfter);
    }

    /** How long a placed call may go without a callback before the run polls the provider for it. */
    public SyncSettings withReconcileAfter(Duration value) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize,
                maxTaskDuration, value);
    }

    public SyncSettings withMaxTaskDuration(Duration value) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, value, reconcileAfter);
    }
}
