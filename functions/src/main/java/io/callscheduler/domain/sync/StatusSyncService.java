package io.callscheduler.domain.sync;

import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.lines.StaleLines;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.telephony.CallApi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The once-a-minute housekeeping run: the engine that walks the calls of each status and hands each to its rule.
 * <ul>
 *   <li>SCHEDULED: {@link SweepRule}, due calls whose schedule did not fire are dispatched;</li>
 *   <li>DIALING: {@link ReclaimRule} for dials whose dispatch died, {@link PollRule} for placed ones;</li>
 *   <li>IN_PROGRESS: {@link PollRule};</li>
 *   <li>then the lines whose holders let go without giving them back are freed ({@link StaleLines}).</li>
 * </ul>
 * Each pass reads its index in pages of {@code pageSize} from where the previous run stopped (a cursor kept in the
 * store; after the end, the next run starts at the beginning), so memory stays bounded and every call is visited
 * within a bounded number of runs however large the backlog. The passes take a page each in turn, so a backlog in one
 * cannot starve the others, and no piece of work starts unless {@code maxTaskDuration} is left before the deadline.
 */
public final class StatusSyncService {
    private static final System.Logger LOG = System.getLogger(StatusSyncService.class.getName());

    /** What one run did. */
    public record Report(int swept, int reclaimed, int polled, int changed, int errors, int deferred, int linesFreed) {
    }

    private final CallStore store;
    private final SyncSettings settings;
    private final Clock clock;
    private final Map<CallStatus, List<SyncRule>> rules;
    private final StaleLines staleLines;
    private volatile CallMetrics metrics = CallMetrics.NONE;
    public StatusSyncService(CallStore store, CallApi callApi, DispatchService dispatchService, SyncSettings settings,
                             Clock clock) {
        this(store, callApi, dispatchService, settings, clock, RedialPolicy.OFF, null, null);
    }

    /**
     * @param redial     the deployment's redial policy, which polls apply too (an attempt that ended busy is redialed)
     * @param triggers   arranges a redialed call's next attempt (null: the sweep does)
     * @param staleLines frees the lines of holders that let go (null when there is no line limit)
     */
    public StatusSyncService(CallStore store, CallApi callApi, DispatchService dispatchService, SyncSettings settings,
                             Clock clock, RedialPolicy redial, DialTriggers triggers, StaleLines staleLines) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staleLines = staleLines;
        PollRule poll = new PollRule(store, callApi, Objects.requireNonNull(redial, "redial"), triggers, settings, clock);
        this.rules = Map.of(
                CallStatus.SCHEDULED, List.of(new SweepRule(dispatchService, settings.sweepGrace(),
                        settings.dialsCutOffBefore())),
                CallStatus.DIALING, List.of(new ReclaimRule(store, dispatchService, settings.staleDialAfter(),
                        settings.dialsCutOffBefore(), callApi.idempotentCreates() ? Duration.ZERO : ReclaimRule.LIST_SETTLE), poll),
                CallStatus.IN_PROGRESS, List.of(poll));
    }

    /** Records each run's duration and the calls it changed. */
    public StatusSyncService recordingTo(CallMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** Runs the passes, then frees stale lines; starts no piece of work that could end after {@code deadline}. */
    public Report run(Instant deadline) {
        Instant now = clock.instant();
        SyncTally tally = new SyncTally();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), daemonThreads());
        try {
            List<Pass> passes = List.of(CallStatus.SCHEDULED, CallStatus.DIALING, CallStatus.IN_PROGRESS).stream()
                    .map(status -> new Pass(status, status == CallStatus.SCHEDULED ? sweptDueBy(now) : now,
                            store.loadCursor(status.name()).orElse(null))).toList();
            // Round robin, a page of each pass in turn: a backlog in one status cannot starve the others, and time one
            // pass does not need goes to the rest.
            List<Pass> open = new ArrayList<>(passes);
            while (!open.isEmpty()) {
                open.removeIf(pass -> !pass.nextPage(pool, deadline, tally, now));
            }
            // An idle system's cursors stay at the start: no write a minute for nothing.
            passes.stream().filter(pass -> !Objects.equals(pass.cursor, pass.loaded))
                    .forEach(pass -> store.saveCursor(pass.status.name(), pass.cursor));
        } finally {
            pool.shutdownNow();
        }
        Report report = tally.report(staleLines == null ? 0 : staleLines.free());
        // An idle run is routine (every minute, for ever); only runs that did something are worth a line.
        boolean idle = report.equals(new Report(0, 0, report.polled(), 0, 0, 0, 0));
        LOG.log(idle ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, "status sync: " + report);
        if (tally.cutOff.get() > 0) {
            LOG.log(System.Logger.Level.INFO, "reclaimed " + tally.cutOff.get()
                    + " dials cut off by the last stop; asking the provider before redialing");
        }
        metrics.statusSync(Duration.between(now, clock.instant()), report.changed());
        return report;
    }

    /** The latest due time the sweep reads: past its grace, or now when calls written before a cut-off skip it (SweepRule). */
    private Instant sweptDueBy(Instant now) {
        return settings.dialsCutOffBefore() == null ? now.minus(settings.sweepGrace()) : now;
    }

    /** One status's walk through its index, from where the previous run stopped. */
    private final class Pass {
        final CallStatus status;
        final Instant dueBy;
        final IndexPosition loaded; // where the previous run stopped
        /** Just after the last call whose work, and all work before it, was done; null for the start. */
        IndexPosition cursor;

        Pass(CallStatus status, Instant dueBy, IndexPosition cursor) {
            this.status = status;
            this.dueBy = dueBy;
            this.loaded = cursor;
            this.cursor = cursor;
        }

        /**
         * Reads the next page and works through it; false once this pass is over for this run: the end of the index
         * was reached (the next run starts from the beginning) or time ran out (it resumes here).
         */
        boolean nextPage(ExecutorService pool, Instant deadline, SyncTally tally, Instant runStart) {
            List<Call> page = store.pageWithStatus(status, dueBy, cursor, settings.pageSize());
            int done = runPage(pool, page, deadline, tally, runStart);
            if (done > 0) {
                cursor = IndexPosition.after(page.get(done - 1));
            }
            if (done < page.size()) {
                tally.deferred.addAndGet(page.size() - done);
                return false;
            }
            if (page.size() < settings.pageSize()) {
                cursor = null;
                return false;
            }
            return true;
        }
    }

    /** Runs the page's work concurrently; returns how many calls, from the first, had their work done. */
    private int runPage(ExecutorService pool, List<Call> page, Instant deadline, SyncTally tally, Instant runStart) {
        List<Future<Boolean>> futures = new ArrayList<>(page.size());
        for (Call call : page) {
            futures.add(pool.submit(() -> {
                if (!clock.instant().plus(settings.maxTaskDuration()).isBefore(deadline)) {
                    return false; // not enough time left for this piece of work
                }
                try {
                    // A stale index entry of a call that finished has no rules.
                    for (SyncRule rule : rules.getOrDefault(call.status(), List.of())) {
                        rule.visit(call, runStart, deadline, tally);
                    }
                } catch (RuntimeException e) {
                    tally.errors.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "status sync: call " + call.id() + ": " + e.getMessage(), e);
                }
                return true;
            }));
        }
        int done = 0;
        boolean contiguous = true;
        for (Future<Boolean> future : futures) {
            boolean ran;
            try {
                ran = future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done;
            } catch (ExecutionException e) {
                ran = true;
                tally.errors.incrementAndGet();
            }
            contiguous &= ran;
            if (contiguous) {
                done++;
            }
        }
        return done;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "status-sync-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
