package io.callscheduler.domain;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The once-a-minute housekeeping run:
 * <ol>
 *   <li><b>sweep</b>: calls due for longer than {@code sweepGrace} but still SCHEDULED (a lost schedule, an
 *       emulator that never fires) are dispatched through the same idempotent path as the Scheduler's;</li>
 *   <li><b>reclaim</b>: DIALING calls without a provider id whose dispatch died more than
 *       {@code staleDialAfter} ago are placed again (same Idempotency-Key) or, after
 *       {@code maxDialClaims} claims, FAILED, so no call stays DIALING forever;</li>
 *   <li><b>poll</b>: every active call is read from the Call API, and status changes are recorded.
 *       A call still active {@code maxActiveDuration} after dialing is FAILED.</li>
 * </ol>
 * All three read an index by status; none scans the table. Work is spread over {@code concurrency}
 * threads and stops being started at the deadline, leaving the rest to the next run.
 */
public final class StatusSyncService {
    private static final System.Logger LOG = System.getLogger(StatusSyncService.class.getName());

    /** Tunables; {@link #DEFAULTS} suits one run a minute. */
    public record Settings(int concurrency, Duration sweepGrace, Duration staleDialAfter, int maxDialClaims,
                           Duration maxActiveDuration) {
        public static final Settings DEFAULTS = new Settings(64, Duration.ofSeconds(15), Duration.ofMinutes(5), 3,
                Duration.ofHours(4));
    }

    /** What one run did. */
    public record Report(int swept, int reclaimed, int polled, int changed, int errors, int deferred) {
    }

    private final CallStore store;
    private final CallApi callApi;
    private final DispatchService dispatchService;
    private final Settings settings;
    private final Clock clock;

    public StatusSyncService(CallStore store, CallApi callApi, DispatchService dispatchService, Settings settings,
                             Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.callApi = Objects.requireNonNull(callApi, "callApi");
        this.dispatchService = Objects.requireNonNull(dispatchService, "dispatchService");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs sweep, reclaim and poll; starts no new work after {@code deadline}. */
    public Report run(Instant deadline) {
        Instant now = clock.instant();
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), daemonThreads());
        try {
            List<Call> due = collect(CallStatus.SCHEDULED, now.minus(settings.sweepGrace()));
            runAll(pool, due, deadline, tally, call -> {
                if (dispatchService.dispatch(new DispatchRequest(call.id(), null, "sweeper"))
                        != DispatchService.Outcome.NOT_PENDING) {
                    tally.swept.incrementAndGet();
                }
            });
            List<Call> dialing = collect(CallStatus.DIALING, now);
            List<Call> stuck = dialing.stream().filter(c -> c.externalCallId() == null).toList();
            runAll(pool, stuck, deadline, tally, call -> reclaim(call, now, tally));
            List<Call> active = new ArrayList<>(dialing.stream().filter(c -> c.externalCallId() != null).toList());
            active.addAll(collect(CallStatus.IN_PROGRESS, now));
            runAll(pool, active, deadline, tally, call -> poll(call, tally));
        } finally {
            pool.shutdownNow();
        }
        Report report = tally.report();
        // An idle run is routine (every minute, for ever); only runs that did something are worth a line.
        boolean idle = report.equals(new Report(0, 0, report.polled(), 0, 0, 0));
        LOG.log(idle ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, "status sync: " + report);
        return report;
    }

    private List<Call> collect(CallStatus status, Instant dueBy) {
        List<Call> calls = new ArrayList<>();
        store.forEachWithStatus(status, dueBy, calls::add);
        return calls;
    }

    private void runAll(ExecutorService pool, List<Call> calls, Instant deadline, Tally tally, Consumer<Call> work) {
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>(calls.size());
        for (Call call : calls) {
            futures.add(pool.submit(() -> {
                if (clock.instant().isAfter(deadline)) {
                    tally.deferred.incrementAndGet();
                    return;
                }
                try {
                    work.accept(call);
                } catch (RuntimeException e) {
                    tally.errors.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "status sync: call " + call.id() + ": " + e.getMessage(), e);
                }
            }));
        }
        for (var future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                tally.errors.incrementAndGet();
            }
        }
    }

    private void reclaim(Call call, Instant now, Tally tally) {
        if (call.dialStartedAt() != null && call.dialStartedAt().isAfter(now.minus(settings.staleDialAfter()))) {
            return; // a dispatch may still be working on it
        }
        boolean giveUp = call.attempts() >= settings.maxDialClaims();
        Calls.Modified reclaim = Calls.modify(store, call.id(), current -> {
            if (current.status() != CallStatus.DIALING || current.externalCallId() != null
                    || current.version() != call.version()) {
                return current; // someone else moved it on: the index's snapshot was stale
            }
            if (giveUp) {
                String reason = "dispatch did not finish after " + current.attempts() + " attempts";
                return current.moveTo(CallStatus.FAILED, now, reason).withLastError(reason);
            }
            return current.note(now, "reclaimed a dial that did not finish").withDialClaim(now);
        }).orElse(null);
        // Only a claim this process wrote may be placed: a declined change returns a call that moved on.
        if (reclaim == null || !reclaim.written()) {
            return;
        }
        tally.reclaimed.incrementAndGet();
        if (!giveUp) {
            dispatchService.place(reclaim.call());
        }
    }

    private void poll(Call call, Tally tally) {
        Instant now = clock.instant();
        ProviderCall provider;
        try {
            provider = callApi.getCall(call.externalCallId());
        } catch (CallApiException e) {
            if (!e.isNotFound()) {
                tally.errors.incrementAndGet();
                failIfActiveTooLong(call, now, tally);
                return;
            }
            provider = new ProviderCall(call.externalCallId(), "unknown",
                    "the Call API does not know call " + call.externalCallId());
        }
        tally.polled.incrementAndGet();
        ProviderCall seen = provider;
        CallStatus mapped = ProviderStatuses.toCallStatus(seen.status())
                .orElse("unknown".equals(seen.status()) ? CallStatus.FAILED : call.status());
        if (seen.status().equals(call.providerStatus()) && mapped == call.status()) {
            failIfActiveTooLong(call, now, tally);
            return;
        }
        boolean written = Calls.modify(store, call.id(), current -> {
            if (!current.status().isActive() || !seen.id().equals(current.externalCallId())) {
                return current;
            }
            Call updated = current.withProvider(current.externalCallId(), seen.status());
            if (mapped != current.status() && current.status().canMoveTo(mapped)) {
                String detail = "provider: " + seen.status() + (seen.error() == null ? "" : " (" + seen.error() + ")");
                updated = updated.moveTo(mapped, now, detail);
                if (mapped == CallStatus.FAILED) {
                    updated = updated.withLastError(seen.error() == null ? "provider reported " + seen.status()
                            : seen.error());
                }
            } else if (!seen.status().equals(current.providerStatus())) {
                updated = updated.note(now, "provider: " + seen.status());
            }
            return updated;
        }).map(Calls.Modified::written).orElse(false);
        if (written) {
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

    private static java.util.concurrent.ThreadFactory daemonThreads() {
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
