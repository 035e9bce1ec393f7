package io.callscheduler.domain;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The once-a-minute housekeeping run, one pass per status:
 * <ol>
 *   <li><b>SCHEDULED (sweep)</b>: calls due for longer than {@code sweepGrace} (by their retry time when
 *       they wait for one) are dispatched through the same idempotent path as the Scheduler's;</li>
 *   <li><b>DIALING</b>: a dial without a provider id whose dispatch died more than {@code staleDialAfter}
 *       ago is placed again (same Idempotency-Key) or, past its dial deadline, adopted from the provider
 *       or FAILED; a dial with a provider id is polled;</li>
 *   <li><b>IN_PROGRESS</b>: polled. A call still active {@code maxActiveDuration} after dialing is FAILED;
 *       one the provider keeps not knowing for {@code unknownGrace} is FAILED.</li>
 * </ol>
 * Each pass reads its index in pages of {@code pageSize} from where the previous run stopped (a cursor kept
 * in the store; after the end, the next run starts at the beginning), so memory stays bounded and every
 * call is visited within a bounded number of runs however large the backlog. The passes take a page each in
 * turn, so a backlog in one cannot starve the others, and no piece of work starts unless
 * {@code maxTaskDuration} is left before the deadline.
 */
public final class StatusSyncService {
    private static final System.Logger LOG = System.getLogger(StatusSyncService.class.getName());
    private static final List<CallStatus> PASSES = List.of(CallStatus.SCHEDULED, CallStatus.DIALING, CallStatus.IN_PROGRESS);

    /** Tunables; {@link #DEFAULTS} suits one run a minute. */
    public record Settings(int concurrency, Duration sweepGrace, Duration staleDialAfter, Duration maxActiveDuration,
                           Duration unknownGrace, int pageSize, Duration maxTaskDuration, Duration reconcileAfter) {
        /** Polls every active call each run; deployments poll only calls whose callbacks went quiet (Services). */
        public static final Settings DEFAULTS = new Settings(64, Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ofHours(4), Duration.ofMinutes(1), 200, Duration.ofSeconds(10), Duration.ZERO);

        public Settings withConcurrency(int value) {
            return new Settings(value, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, maxTaskDuration, reconcileAfter);
        }

        public Settings withSweepGrace(Duration value) {
            return new Settings(concurrency, value, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, maxTaskDuration, reconcileAfter);
        }

        public Settings withPageSize(int value) {
            return new Settings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, value, maxTaskDuration, reconcileAfter);
        }

        /** How long a placed call may go without a callback before the run polls the provider for it. */
        public Settings withReconcileAfter(Duration value) {
            return new Settings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize,
                    maxTaskDuration, value);
        }

        public Settings withMaxTaskDuration(Duration value) {
            return new Settings(concurrency, sweepGrace, staleDialAfter, maxActiveDuration, unknownGrace, pageSize, value, reconcileAfter);
        }
    }

    /** What one run did. */
    public record Report(int swept, int reclaimed, int polled, int changed, int errors, int deferred) {
    }

    private final CallStore store;
    private final CallApi callApi;
    private final DispatchService dispatchService;
    private final Settings settings;
    private final Clock clock;

    private final RedialPolicy redial;
    /** Arranges a redialed call's next attempt; null leaves it to the sweep. */
    private final DialTriggers triggers;

    private volatile CallMetrics metrics = CallMetrics.NONE;

    public StatusSyncService(CallStore store, CallApi callApi, DispatchService dispatchService, Settings settings,
                             Clock clock) {
        this(store, callApi, dispatchService, settings, clock, RedialPolicy.OFF, null);
    }

    /**
     * @param redial   the deployment's redial policy, which polls apply too: an attempt that ended busy (say) is
     *                 redialed
     * @param triggers arranges its next attempt
     */
    public StatusSyncService(CallStore store, CallApi callApi, DispatchService dispatchService, Settings settings,
                             Clock clock, RedialPolicy redial, DialTriggers triggers) {
        this.redial = Objects.requireNonNull(redial, "redial");
        this.triggers = triggers;
        this.store = Objects.requireNonNull(store, "store");
        this.callApi = Objects.requireNonNull(callApi, "callApi");
        this.dispatchService = Objects.requireNonNull(dispatchService, "dispatchService");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records each run's duration and the calls it changed here from now on. */
    public StatusSyncService recordingTo(CallMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** Runs the three passes; starts no piece of work that could end after {@code deadline}. */
    public Report run(Instant deadline) {
        Instant now = clock.instant();
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), daemonThreads());
        try {
            List<Pass> passes = PASSES.stream().map(status -> new Pass(status,
                    status == CallStatus.SCHEDULED ? now.minus(settings.sweepGrace()) : now,
                    store.loadCursor(status.name()).orElse(null))).toList();
            // Round robin, a page of each pass in turn: a backlog in one status cannot starve the others, and
            // time one pass does not need goes to the rest.
            List<Pass> open = new ArrayList<>(passes);
            while (!open.isEmpty()) {
                open.removeIf(pass -> !pass.nextPage(pool, deadline, tally, (call, taskDeadline) -> visit(call, now, taskDeadline, tally)));
            }
            // An idle system's cursors stay at the start: no write a minute for nothing.
            passes.stream().filter(pass -> !Objects.equals(pass.cursor, pass.loaded))
                    .forEach(pass -> store.saveCursor(pass.status.name(), pass.cursor));
        } finally {
            pool.shutdownNow();
        }
        Report report = tally.report();
        // An idle run is routine (every minute, for ever); only runs that did something are worth a line.
        boolean idle = report.equals(new Report(0, 0, report.polled(), 0, 0, 0));
        LOG.log(idle ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, "status sync: " + report);
        metrics.statusSync(Duration.between(now, clock.instant()), report.changed());
        return report;
    }

    /** One status's walk through its index, from where the previous run stopped. */
    private final class Pass {
        final CallStatus status;
        final Instant dueBy;
        /** Where the previous run stopped. */
        final IndexPosition loaded;
        /** Just after the last call whose work, and all work before it, was done; null for the start. */
        IndexPosition cursor;

        Pass(CallStatus status, Instant dueBy, IndexPosition cursor) {
            this.status = status;
            this.dueBy = dueBy;
            this.loaded = cursor;
            this.cursor = cursor;
        }

        /**
         * Reads the next page and works through it; false once this pass is over for this run: the end of
         * the index was reached (the next run starts from the beginning) or time ran out (it resumes here).
         */
        boolean nextPage(ExecutorService pool, Instant deadline, Tally tally, BiConsumer<Call, Instant> work) {
            List<Call> page = store.pageWithStatus(status, dueBy, cursor, settings.pageSize());
            int done = runPage(pool, page, deadline, tally, work);
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
    private int runPage(ExecutorService pool, List<Call> page, Instant deadline, Tally tally,
                        BiConsumer<Call, Instant> work) {
        List<Future<Boolean>> futures = new ArrayList<>(page.size());
        for (Call call : page) {
            futures.add(pool.submit(() -> {
                if (!clock.instant().plus(settings.maxTaskDuration()).isBefore(deadline)) {
                    return false; // not enough time left for this piece of work
                }
                try {
                    work.accept(call, deadline);
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

    private void visit(Call call, Instant runStart, Instant deadline, Tally tally) {
        switch (call.status()) {
            case SCHEDULED -> sweep(call, runStart, deadline, tally);
            case DIALING -> {
                if (call.externalCallId() == null) {
                    reclaim(call, runStart, deadline, tally);
                } else {
                    reconcile(call, runStart, tally);
                }
            }
            case IN_PROGRESS -> reconcile(call, runStart, tally);
            default -> { } // a stale index entry of a finished call
        }
    }

    private void sweep(Call call, Instant runStart, Instant deadline, Tally tally) {
        if (call.dueAt().plus(settings.sweepGrace()).isAfter(runStart)) {
            return; // waiting for a retry, or about to be fired by its schedule
        }
        if (dispatchService.dispatch(new DispatchRequest(call.id(), null, "sweeper"), deadline)
                != DispatchService.Outcome.NOT_PENDING) {
            tally.swept.incrementAndGet();
        }
    }

    private void reclaim(Call call, Instant now, Instant deadline, Tally tally) {
        if (call.dialStartedAt() != null && call.dialStartedAt().isAfter(now.minus(settings.staleDialAfter()))) {
            return; // a dispatch may still be working on it
        }
        boolean pastDeadline = !now.isBefore(dispatchService.dialDeadlineOf(call));
        Calls.Modified reclaim = Calls.modify(store, call.id(), current -> {
            if (current.status() != CallStatus.DIALING || current.externalCallId() != null
                    || current.version() != call.version()) {
                return current; // someone else moved it on: the index's snapshot was stale
            }
            // The write is the claim: of several runs, only the one whose write lands goes on.
            return pastDeadline ? current.note(now, "a dial did not finish; past the dial deadline, asking the provider")
                    : current.note(now, "reclaimed a dial that did not finish").withDialClaim(now);
        }).orElse(null);
        // Only a claim this process wrote may be placed: a declined change returns a call that moved on.
        if (reclaim == null || !reclaim.written()) {
            return;
        }
        tally.reclaimed.incrementAndGet();
        if (pastDeadline) {
            dispatchService.adoptOrFail(reclaim.call(), "dispatch did not finish by the dial deadline after "
                    + call.attempts() + " attempt" + (call.attempts() == 1 ? "" : "s"));
        } else {
            dispatchService.place(reclaim.call(), deadline);
        }
    }

    /** Polls a placed call unless its callbacks are flowing: one arrived within {@code reconcileAfter}. */
    private void reconcile(Call call, Instant now, Tally tally) {
        Instant lastHeard = call.progress().lastCallbackAt();
        Instant dialed = call.dialStartedAt() != null ? call.dialStartedAt() : call.updatedAt();
        Instant quietSince = lastHeard != null && lastHeard.isAfter(dialed) ? lastHeard : dialed;
        if (quietSince.plus(settings.reconcileAfter()).isAfter(now)) {
            return;
        }
        poll(call, tally);
    }

    private void poll(Call call, Tally tally) {
        Instant now = clock.instant();
        ProviderCall seen;
        try {
            seen = callApi.getCall(call.externalCallId());
        } catch (CallApiException e) {
            if (e.isNotFound()) {
                tally.polled.incrementAndGet();
                providerDoesNotKnow(call, now, tally);
            } else {
                tally.errors.incrementAndGet();
                failIfActiveTooLong(call, now, tally);
            }
            return;
        }
        tally.polled.incrementAndGet();
        var modified = Calls.modify(store, call.id(), current -> seen.id().equals(current.externalCallId())
                ? ProviderUpdates.apply(current, seen, null, false, now, redial) : current).orElse(null);
        if (modified != null && modified.written()) {
            tally.changed.incrementAndGet();
            if (modified.call().status() == CallStatus.SCHEDULED) {
                if (triggers != null) {
                    triggers.arrangeOrLeaveToSweep(modified.call(), "redial");
                }
            }
        } else {
            failIfActiveTooLong(call, now, tally);
        }
    }

    /**
     * A 404 for a call the provider accepted: providers have read-after-write lag, so the call fails only
     * once the provider has kept not knowing it for {@code unknownGrace}.
     */
    private void providerDoesNotKnow(Call call, Instant now, Tally tally) {
        Instant since = call.providerUnknownSince();
        boolean gaveUp = since != null && !now.isBefore(since.plus(settings.unknownGrace()));
        String reason = since == null ? null : "the Call API has not known call " + call.externalCallId() + " for "
                + Duration.between(since, now).toSeconds() + " s (since " + since + ")";
        boolean written = Calls.modify(store, call.id(), current -> {
            if (!current.status().isActive() || !call.externalCallId().equals(current.externalCallId())) {
                return current;
            }
            if (current.providerUnknownSince() == null) {
                return current.withProviderUnknownSince(now)
                        .note(now, "the Call API does not know call " + call.externalCallId() + " (yet); polling on");
            }
            return gaveUp ? current.moveTo(CallStatus.FAILED, now, reason).withLastError(reason) : current;
        }).map(Calls.Modified::written).orElse(false);
        if (written && gaveUp) {
            tally.changed.incrementAndGet();
        }
    }

    private void failIfActiveTooLong(Call call, Instant now, Tally tally) {
        Instant since = call.dialStartedAt() != null ? call.dialStartedAt() : call.scheduledAt();
        if (since.plus(settings.maxActiveDuration()).isAfter(now)) {
            return;
        }
        String reason = "no final status from the Call API within " + settings.maxActiveDuration().toHours() + " h";
        boolean failed = Calls.modify(store, call.id(), current -> current.status().isActive()
                ? current.moveTo(CallStatus.FAILED, now, reason).withLastError(reason) : current)
                .map(Calls.Modified::written).orElse(false);
        if (failed) {
            tally.changed.incrementAndGet();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "status-sync-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Tally {
        final AtomicInteger swept = new AtomicInteger();
        final AtomicInteger reclaimed = new AtomicInteger();
        final AtomicInteger polled = new AtomicInteger();
        final AtomicInteger changed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger deferred = new AtomicInteger();

        Report report() {
            return new Report(swept.get(), reclaimed.get(), polled.get(), changed.get(), errors.get(), deferred.get());
        }
    }
}
