package io.callscheduler.reports;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.StatusChange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report counts of one call once it has ended: everything is read from the call's final item, so that the same
 * call always contributes the same counts, whichever write or stream record delivers it.
 *
 * @param endedAt           when it reached its final status (its bucket's hour)
 * @param campaignId        its campaign, or null for a call created alone
 * @param callerId          the number it called from, or null for the deployment's default
 * @param calleeZone        where the callee is thought to be: the first of its callee zones, else the zone it was
 *                          scheduled in (hour of day and day of week "in the callee's time" are read in it)
 * @param talkSeconds       how long an answered call lasted, as the provider reported; null when not answered or not reported
 * @param ringSeconds       from the answered attempt's dial request to its answer; null when never answered
 * @param answeredByMachine with answering-machine detection: whether a machine answered; null when there was no detection
 * @param dialAttempts      how many dial attempts it made (its first and its redials); 0 when it never dialed
 */
public record EndedCall(String callId, Instant endedAt, Outcome outcome, String campaignId, String callerId,
                        ZoneId calleeZone, Integer talkSeconds, Long ringSeconds, Boolean answeredByMachine,
                        int dialAttempts) {
    public EndedCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(calleeZone, "calleeZone");
    }

    /** The call's contribution, when it has ended; empty while it has not. */
    public static Optional<EndedCall> of(Call call) {
        return Outcome.of(call.status()).map(outcome -> {
            String answeredBy = call.progress().answeredBy();
            Instant answeredAt = call.answeredAt();
            return new EndedCall(call.id(), call.endedAt(), outcome, call.campaignId(), call.script().callerId(),
                    calleeZone(call), outcome == Outcome.COMPLETED ? call.progress().durationSeconds() : null,
                    answeredAt == null ? null : ringSeconds(call, answeredAt),
                    answeredBy == null ? null : answeredBy.toLowerCase(java.util.Locale.ROOT).startsWith("machine"),
                    call.claimedRound());
        });
    }

    private static ZoneId calleeZone(Call call) {
        String zone = call.calleeZones().isEmpty() ? call.timeZone() : call.calleeZones().get(0);
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC; // stored zones were validated; an old one the JDK no longer knows reads as UTC
        }
    }

    /** From the last move into DIALING before the answer (the answered attempt's request) to the answer. */
    private static Long ringSeconds(Call call, Instant answeredAt) {
        Instant dialed = null;
        CallStatus before = null;
        for (StatusChange change : call.history()) {
            if (!change.at().isAfter(answeredAt) && change.status() == CallStatus.DIALING && before != CallStatus.DIALING) {
                dialed = change.at();
            }
            before = change.status();
        }
        return dialed == null ? null : Duration.between(dialed, answeredAt).toSeconds();
    }
}
