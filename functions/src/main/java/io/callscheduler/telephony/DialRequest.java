package io.callscheduler.telephony;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;

import java.time.Instant;
import java.util.Objects;

/**
 * One call to place, as the provider adapters need it.
 *
 * @param callId           our call's id: the idempotency key, and the marker in callback URLs
 * @param to               the number to dial (E.164)
 * @param script           what the call says and from which number
 * @param attemptStartedAt when the requests to account for began (the first unconfirmed one, else the current dial's
 *                         claim): a provider without idempotency keys looks for calls
 *                         it created since then
 * @param round            which dial attempt of the call (1, then 2... for redials)
 */
public record DialRequest(String callId, String to, CallScript script, Instant attemptStartedAt, int round) {

    public DialRequest(String callId, String to, CallScript script, Instant attemptStartedAt) {
        this(callId, to, script, attemptStartedAt, 1);
    }

    /** The provider's idempotency key: the call id, and for a redial the round too (a new provider call). */
    public String idempotencyKey() {
        return round <= 1 ? callId : callId + "#" + round;
    }

    public DialRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(to, "to");
        script = script == null ? CallScript.NONE : script;
    }

    /** The request for a call claimed for dialing. */
    public static DialRequest of(Call call) {
        return new DialRequest(call.id(), call.phoneNumber(), call.script(),
                call.unconfirmedSince() != null ? call.unconfirmedSince()
                        : call.dialStartedAt() != null ? call.dialStartedAt()
                        : call.roundStartedAt() != null ? call.roundStartedAt() : call.updatedAt(), call.dialRound());
    }
}
