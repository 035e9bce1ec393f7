package io.callscheduler.domain.sync;

import java.util.concurrent.atomic.AtomicInteger;

/** The counts of one run, added to by the rules from the run's threads. */
final class SyncTally {
    final AtomicInteger swept = new AtomicInteger();
    final AtomicInteger reclaimed = new AtomicInteger();
    /** Of the reclaimed, the dials cut off by the last stop (claimed before SyncSettings.dialsCutOffBefore). */
    final AtomicInteger cutOff = new AtomicInteger();
    final AtomicInteger polled = new AtomicInteger();
    final AtomicInteger changed = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger deferred = new AtomicInteger();

    StatusSyncService.Report report(int linesFreed) {
        return new StatusSyncService.Report(swept.get(), reclaimed.get(), polled.get(), changed.get(), errors.get(),
                deferred.get(), linesFreed);
    }
}
