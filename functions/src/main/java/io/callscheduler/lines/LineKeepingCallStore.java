package io.callscheduler.lines;

import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ForwardingCallStore;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A call store that keeps the busy lines in step with the calls holding one ({@link Call#holdsLine()}: dialing, on
 * the phone, or waiting to look up a lost answer), whoever writes them (a dispatch, a callback, a poll, a redial, a
 * cancel). One place, so that no path can forget:
 * <ul>
 *   <li>a write that ends a hold gives the line back, after the write;</li>
 *   <li>a write that starts one takes the line, before the write, unless it is the dispatch's claim, whose line
 *       gate took it already (so the dial's path has no second write). The other writes that start a hold adopt a
 *       call the provider reports placed by an attempt whose answer was lost. That call is live at the provider and
 *       cannot wait, so it takes a line even when all are busy ({@link CallLines#takeEvenIfAllBusy}), with a warning
 *       and the {@code LinesOverLimit} metric.</li>
 * </ul>
 * Taking before the write errs on the side of counting: a write that then fails, or a process that dies between an
 * ending write and its release, leaves a holder whose call holds no line, which {@link StaleLines} frees. The other
 * way round, a call holding a line that no holder counts, nothing would see.
 */
public final class LineKeepingCallStore extends ForwardingCallStore {
    private static final System.Logger LOG = System.getLogger(LineKeepingCallStore.class.getName());
    private final CallLines lines;
    private final Clock clock;
    /** Built only when a line goes over the limit: most functions that write calls never publish metrics. */
    private final Supplier<? extends CallMetrics> metrics;

    /** With the system clock and no metrics. */
    public LineKeepingCallStore(CallStore store, CallLines lines) {
        this(store, lines, Clock.systemUTC(), () -> CallMetrics.NONE);
    }

    public LineKeepingCallStore(CallStore store, CallLines lines, Clock clock, Supplier<? extends CallMetrics> metrics) {
        super(store);
        this.lines = Objects.requireNonNull(lines, "lines");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Call replace(Call expected, Call updated) {
        if (!expected.holdsLine() && updated.holdsLine() && !isClaim(expected, updated)) {
            takeForAdopted(updated);
        }
        Call written = delegate().replace(expected, updated);
        if (expected.holdsLine() && !written.holdsLine()) {
            try {
                lines.release(written.id());
            } catch (RuntimeException e) {
                // The call's state is written; the line is freed by the status sync's stale-line check.
                LOG.log(System.Logger.Level.WARNING, "call " + written.id() + ": could not give its line back: " + e.getMessage());
            }
        }
        return written;
    }

    /**
     * The dispatch's claim ({@link Call#claim}): SCHEDULED → DIALING counting the request about to be sent, before any
     * provider call exists. An adoption counts no request and records the provider's call.
     */
    static boolean isClaim(Call before, Call after) {
        return before.status() == CallStatus.SCHEDULED && after.status() == CallStatus.DIALING
                && after.attempts() == before.attempts() + 1 && after.externalCallId() == null;
    }

    private void takeForAdopted(Call call) {
        try {
            if (!lines.takeEvenIfAllBusy(call.id(), clock.instant())) {
                LOG.log(System.Logger.Level.WARNING, "call " + call.id() + ": adopted from the provider's report while "
                        + "all " + lines.limit() + " lines were busy (MaxConcurrentCalls): it holds one over the limit, "
                        + "and no call dials until enough calls end");
                metrics.get().lineOverLimit();
            }
        } catch (RuntimeException e) {
            // The provider's report is written all the same: a placed call left unrecorded could be dialed again.
            LOG.log(System.Logger.Level.WARNING, "call " + call.id() + ": could not take a line for the call adopted "
                    + "from the provider's report (it goes uncounted until it ends): " + e.getMessage());
        }
    }
}
