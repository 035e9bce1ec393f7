package io.callscheduler.domain.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * The status sync's tunables; {@link #DEFAULTS} suits one run a minute.
 *
 * @param dialsCutOffBefore every dispatch started before this moment is known dead (its process ended, as when the
 *                          local cloud restarts): dials claimed before it are reclaimed at once rather than after
 *                          {@code staleDialAfter}, and calls last written before it are swept as soon as they are due,
 *                          without {@code sweepGrace}; null on AWS, where a dispatch may outlive anything we observe
 */
public record SyncSettings(int concurrency, Duration sweepGrace, Duration staleDialAfter, Duration maxActiveDuration,
                       Duration unknownGrace, int pageSize, Duration maxTaskDuration, Duration reconcileAfter,
                       Instant dialsCutOffBefore) {
    /** Polls every active call each run; deployments poll only calls whose callbacks went quiet (Services). */
    public static final SyncSettings DEFAULTS = new SyncSettings(64, Duration.ofSeconds(15), Duration.ofMinutes(5),
            Duration.ofHours(4), Duration.ofMinutes(1), 200, Duration.ofSeconds(10), Duration.ZERO, null);

    public SyncSettings withConcurrency(int value) {
        return new SyncSettings(value, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, maxTaskDuration, reconcileAfter, dialsCutOffBefore);
    }

    public SyncSettings withSweepGrace(Duration value) {
        return new SyncSettings(concurrency, value, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, maxTaskDuration, reconcileAfter, dialsCutOffBefore);
    }

    public SyncSettings withPageSize(int value) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, value, maxTaskDuration, reconcileAfter, dialsCutOffBefore);
    }

    /** How long a placed call may go without a callback before the run polls the provider for it. */
    public SyncSettings withReconcileAfter(Duration value) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize,
                maxTaskDuration, value, dialsCutOffBefore);
    }

    public SyncSettings withMaxTaskDuration(Duration value) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, value, reconcileAfter, dialsCutOffBefore);
    }

    /** Dials claimed before {@code moment} are reclaimed at once: their process, and every dispatch in it, has ended. */
    public SyncSettings withDialsCutOffBefore(Instant moment) {
        return new SyncSettings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize,
                maxTaskDuration, reconcileAfter, moment);
    }
}
