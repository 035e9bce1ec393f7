package io.callscheduler.optout;

import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.SuppressionList;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key pressed during a call after "Press 9 to stop these calls": the right key puts the call's number on the
 * do-not-call list with its evidence (the call, the key, the time), for good (no expiry). The number is the call's own,
 * as stored, never one the request names. Idempotent: the same press again (Twilio retries) writes nothing more.
 */
public final class KeypressOptOuts {
    public static final String REASON = "opted out by keypress";
    public static final String SOURCE = "keypress";

    /** What became of a key pressed. */
    public enum Outcome {
        /** The number is on the list (now, or already by this call's earlier press). */
        OPTED_OUT,
        /** Another key, or none: nothing written. */
        OTHER_KEY,
        /** No such call of ours, or the press came from another provider call than this call's: nothing written. */
        UNKNOWN_CALL
    }

    private final CallStore calls;
    private final SuppressionList list;
    private final String deploymentDigit;
    private final Clock clock;

    /** @param deploymentDigit OptOutDigit, or null when the deployment offers none (a campaign may still) */
    public KeypressOptOuts(CallStore calls, SuppressionList list, String deploymentDigit, Clock clock) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.list = Objects.requireNonNull(list, "list");
        this.deploymentDigit = deploymentDigit;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param callId  our call, from the action URL's query
     * @param callSid the provider call the key was pressed in (Twilio's {@code CallSid})
     * @param digits  the keys pressed (Twilio's {@code Digits}); null for none
     */
    public Outcome press(String callId, String callSid, String digits) {
        Optional<Call> found = callId == null || callId.isBlank() ? Optional.empty() : calls.find(callId);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN_CALL;
        }
        Call call = found.get();
        // A <Gather> in someone's twimlUrl could name another call's id: Twilio's signature vouches for the request,
        // not for whose TwiML it came from. The provider call it came from must be this call's (once we know it).
        if (call.externalCallId() != null && callSid != null && !call.externalCallId().equals(callSid)) {
            return Outcome.UNKNOWN_CALL;
        }
        String digit = call.script().optOutDigit() != null ? call.script().optOutDigit() : deploymentDigit;
        if (digit == null || digits == null || !digit.equals(digits.strip())) {
            return Outcome.OTHER_KEY;
        }
        String number = call.phoneNumber();
        Instant now = clock.instant();
        Optional<Suppression> existing = list.find(number);
        if (existing.isPresent() && existing.get().activeAt(now) && callId.equals(existing.get().callId())
                && digit.equals(existing.get().digit())) {
            return Outcome.OPTED_OUT; // a retry of a press already recorded
        }
        if (existing.isPresent() && !existing.get().activeAt(now)) {
            list.remove(number); // an expired entry keeps its first addedAt on a put: this opt-out's time must show
        }
        list.put(new Suppression(number, REASON, SOURCE, null, now, callId, digit));
        return Outcome.OPTED_OUT;
    }
}
