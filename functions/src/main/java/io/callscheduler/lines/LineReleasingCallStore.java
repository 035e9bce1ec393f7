package io.callscheduler.lines;

import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ForwardingCallStore;

import java.util.Objects;

/**
 * A call store that gives a call's line back whenever a write ends its hold on one ({@link Call#holdsLine()}: dialing,
 * on the phone, or waiting to look up a lost answer), whoever writes it (a dispatch, a callback, a poll, a redial, a
 * cancel). One place, so that no path that ends a call can forget.
 * A process that dies between the write and the release leaves a stale holder, which {@link StaleLines} frees.
 */
public final class LineReleasingCallStore extends ForwardingCallStore {
    private static final System.Logger LOG = System.getLogger(LineReleasingCallStore.class.getName());
    private final CallLines lines;

    public LineReleasingCallStore(CallStore store, CallLines lines) {
        super(store);
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public Call replace(Call expected, Call updated) {
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
}
