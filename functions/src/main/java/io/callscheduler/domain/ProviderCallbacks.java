package io.callscheduler.domain;

import io.callscheduler.model.Call;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallStore;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Status pushed by the provider: applies a verified callback to the call its URL names (see
 * {@link ProviderUpdates} for the ordering rules). Callbacks are the main way statuses arrive; the status
 * sync polls only calls whose callbacks stopped.
 */
public final class ProviderCallbacks {
    private static final System.Logger LOG = System.getLogger(ProviderCallbacks.class.getName());

    /** What became of a callback. */
    public enum Outcome {
        /** The call moved on, or its history gained the report. */
        APPLIED,
        /** A duplicate, out of order, about another dial of the call, or for a call that is over. */
        IGNORED,
        /** No such call (deleted, or another deployment's): answered 2xx so the provider stops retrying. */
        UNKNOWN_CALL
    }

    private final CallStore store;
    private final Clock clock;
    private final RedialPolicy redial;
    private final DialTriggers triggers;

    public ProviderCallbacks(CallStore store, Clock clock) {
        this(store, clock, RedialPolicy.OFF, null);
    }

    /**
     * @param redial   the deployment's redial policy
     * @param triggers arranges the next attempt of a call that is redialed (null: the status-sync sweep does)
     */
    public ProviderCallbacks(CallStore store, Clock clock, RedialPolicy redial, DialTriggers triggers) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redial = Objects.requireNonNull(redial, "redial");
        this.triggers = triggers;
    }

    /**
     * @param callId   our call's id, from the callback URL
     * @param seen     the provider's call as the callback describes it
     * @param sequence the callback's sequence number, or null
     */
    public Outcome accept(String callId, ProviderCall seen, Long sequence) {
        return accept(callId, 1, seen, sequence);
    }

    /** @param round the dial attempt the callback is about (its URL says so for redials); another's is ignored */
    public Outcome accept(String callId, int round, ProviderCall seen, Long sequence) {
        Instant now = clock.instant();
        var modified = Calls.modify(store, callId, current -> round != current.dialRound() ? current
                : ProviderUpdates.apply(current, seen, sequence, true, now, redial));
        if (modified.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "callback for unknown call " + callId + " (" + seen.id() + ", "
                    + seen.status() + "): ignored");
            return Outcome.UNKNOWN_CALL;
        }
        Call call = modified.get().call();
        if (!modified.get().written()) {
            LOG.log(System.Logger.Level.INFO, "callback for call " + callId + " (" + seen.id() + ", " + seen.status()
                    + (sequence == null ? "" : ", #" + sequence) + ") ignored: " + whyIgnored(call, round));
            return Outcome.IGNORED;
        }
        if (call.status() == io.callscheduler.model.CallStatus.SCHEDULED && call.dialRound() > round) {
            if (triggers != null) {
                triggers.arrangeOrLeaveToSweep(call, "redial");
            }
        }
        return Outcome.APPLIED;
    }

    private static String whyIgnored(Call call, int round) {
        if (round != call.dialRound()) {
            return "it is about attempt " + round + ", the call is on attempt " + call.dialRound();
        }
        if (call.status() == io.callscheduler.model.CallStatus.SCHEDULED && call.externalCallId() == null
                && !call.attemptClaimed()) {
            return "no provider request of the call's attempt " + call.dialRound() + " has been sent";
        }
        return "the call is " + call.status() + " with provider status " + call.providerStatus();
    }
}
