package io.callscheduler.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled outbound call. Immutable: every change returns a copy with {@code version} unchanged;
 * the store bumps the version when it writes, and refuses a write whose expected version is stale.
 *
 * @param scheduledAt          the instant to dial (UTC)
 * @param timeZone             the IANA zone the user thinks in, kept for display
 * @param attempts             how many times the Call API has been asked to place this call
 * @param externalCallId       the Call API's id once the call was placed, else null
 * @param dialStartedAt        when the current DIALING claim started, else null (to reclaim stuck dials)
 * @param nextAttemptAt        for a SCHEDULED call that waits (see {@code waitingFor}), when it is tried again; null
 *                             when the call is simply due at {@code scheduledAt}
 * @param providerUnknownSince since when polls of the provider have answered that it does not know the call
 *                             (read-after-write lag); null while it knows it
 * @param dialSlot             a dial slot reserved for this call by pacing, when it waits for it; else null
 * @param waitingFor           why a SCHEDULED call waits for {@code nextAttemptAt}; null when it does not wait
 * @param roundStartedAt       when the first provider request of the current try went out: the dial deadline counts
 *                             from it, and a provider without idempotency keys is asked for the calls placed since. A
 *                             retry keeps it; a new try (a redial, a wait for calling hours, a line or a slot) starts
 *                             afresh. Null before the try's first request
 * @param unconfirmedSince     when the first request went out that may have reached the provider without its answer
 *                             coming back (or whose dispatch died), while no lookup has shown that nothing was placed:
 *                             the next step must ask the provider, for the calls placed since then, before anything
 *                             else; null when every request is accounted for
 * @param calleeZones          the IANA zones the callee may be in, where calling hours are checked (given,
 *                             or inferred from the number); empty when calling hours do not apply
 * @param dialRound            which dial attempt this is, 1 for the first; a redial starts the next
 * @param claimedRound         the last dial attempt ({@code dialRound}) claimed for a provider request, 0 before any: a
 *                             provider's report of a call may adopt a waiting call only if its current attempt has
 *                             (a redial not yet dialed has sent nothing the provider could report)
 * @param ringCounted          the attempt last counted against the number's daily cap, and for which day; null when
 *                             none was (no cap)
 * @param redial               the call's own redial policy, or null for the deployment's
 * @param script               what the call says and from which number
 * @param progress             duration, answering-machine result and callback bookkeeping from the provider
 * @param campaignId           the campaign whose contact this call dials, or null for a call created alone
 * @param seriesId             the series whose occurrence this call is, or null for a call created alone
 * @param occurrence           that occurrence's local date-time in the series' zone (its identity), or null
 * @param version              optimistic-locking counter, 1 for a newly created call
 */
public record Call(
        String id,
        String phoneNumber,
        String contactName,
        String notes,
        Instant scheduledAt,
        String timeZone,
        CallStatus status,
        Instant createdAt,
        Instant updatedAt,
        int attempts,
        String externalCallId,
        String providerStatus,
        String lastError,
        Instant dialStartedAt,
        Instant nextAttemptAt,
        Instant providerUnknownSince,
        Instant dialSlot,
        WaitingFor waitingFor,
        Instant roundStartedAt,
        Instant unconfirmedSince,
        List<String> calleeZones,
        int dialRound,
        int claimedRound,
        CountedRing ringCounted,
        io.callscheduler.redial.RedialPolicy redial,
        CallScript script,
        ProviderProgress progress,
        String campaignId,
        String seriesId,
        java.time.LocalDateTime occurrence,
        List<StatusChange> history,
        long version) {

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(status, "status");
        // Millisecond precision everywhere: what is stored and compared later is exactly what was set.
        scheduledAt = scheduledAt.truncatedTo(ChronoUnit.MILLIS);
        nextAttemptAt = nextAttemptAt == null ? null : nextAttemptAt.truncatedTo(ChronoUnit.MILLIS);
        dialSlot = dialSlot == null ? null : dialSlot.truncatedTo(ChronoUnit.MILLIS);
        roundStartedAt = roundStartedAt == null ? null : roundStartedAt.truncatedTo(ChronoUnit.MILLIS);
        unconfirmedSince = unconfirmedSince == null ? null : unconfirmedSince.truncatedTo(ChronoUnit.MILLIS);
        script = script == null ? CallScript.NONE : script;
        calleeZones = calleeZones == null ? List.of() : List.copyOf(calleeZones);
        dialRound = Math.max(dialRound, 1);
        progress = progress == null ? ProviderProgress.NONE : progress;
        history = List.copyOf(history);
    }

    /** A new SCHEDULED call with one history entry. */
    public static Call newScheduled(String id, String phoneNumber, String contactName, String notes,
                                    Instant scheduledAt, String timeZone, Instant now) {
        return newScheduled(id, phoneNumber, contactName, notes, scheduledAt, timeZone, CallScript.NONE, now);
    }

    /** A new SCHEDULED call that says {@code script}. */
    public static Call newScheduled(String id, String phoneNumber, String contactName, String notes,
                                    Instant scheduledAt, String timeZone, CallScript script, Instant now) {
        return newScheduled(id, phoneNumber, contactName, notes, scheduledAt, timeZone, List.of(), script, now);
    }

    /** A new SCHEDULED call whose calling hours are checked in {@code calleeZones}. */
    public static Call newScheduled(String id, String phoneNumber, String contactName, String notes,
                                    Instant scheduledAt, String timeZone, List<String> calleeZones, CallScript script,
                                    Instant now) {
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, CallStatus.SCHEDULED,
                now, now, 0, null, null, null, null, null, null, null, null, null, null, calleeZones, 1, 0, null, null, script, ProviderProgress.NONE, null, null, null,
                List.of(new StatusChange(CallStatus.SCHEDULED, now, "scheduled for " + scheduledAt)), 1);
    }

    /** The zones calling hours are checked in: the callee's, else the zone the call was scheduled in. */
    public List<java.time.ZoneId> callingZones() {
        return (calleeZones.isEmpty() ? List.of(timeZone) : calleeZones).stream().map(java.time.ZoneId::of).toList();
    }

    /** When the call reached its final status; null while it is not over (see {@link CallHistory#endedAt}). */
    public Instant endedAt() {
        return CallHistory.endedAt(this);
    }

    /** When the call was last answered; null when it never was (see {@link CallHistory#answeredAt}). */
    public Instant answeredAt() {
        return CallHistory.answeredAt(this);
    }

    /** When this call should be dialed next: its retry time while it waits for one, else its scheduled time. */
    public Instant dueAt() {
        return nextAttemptAt != null ? nextAttemptAt : scheduledAt;
    }

    /**
     * Moves to {@code next}, appending to the history.
     *
     * @throws IllegalStateException when the state machine forbids it (callers check first)
     */
    public Call moveTo(CallStatus next, Instant now, String detail) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("call " + id + " cannot move from " + status + " to " + next);
        }
        return copy().status(next).updatedAt(now).appendHistory(new StatusChange(next, now, detail)).build();
    }

    /** Adds a history entry without changing status (e.g. a reschedule or a provider update). */
    public Call note(Instant now, String detail) {
        return copy().updatedAt(now).appendHistory(new StatusChange(status, now, detail)).build();
    }

    /** A new time (and zone), chosen by the user: whatever the call waited for, it now waits for that time only. */
    public Call withSchedule(Instant newScheduledAt, String newTimeZone) {
        return copy().scheduledAt(newScheduledAt).timeZone(newTimeZone).nextAttemptAt(null).waitingFor(null)
                .dialSlot(null).roundStartedAt(null).unconfirmedSince(null).build();
    }

    /**
     * Claimed for dialing now: DIALING, one more provider request counted, nothing waited for any more. The try's
     * first request starts its round (and so its dial deadline); a retry keeps the round it belongs to.
     */
    public Call claim(Instant now, String detail) {
        Call moved = moveTo(CallStatus.DIALING, now, detail);
        return moved.copy().attempts(attempts + 1).dialStartedAt(now).claimedRound(dialRound)
                .roundStartedAt(roundStartedAt != null ? roundStartedAt : now)
                .nextAttemptAt(null).waitingFor(null).dialSlot(null).build();
    }

    /**
     * Waits, SCHEDULED, for {@code reason} until {@code until}, with {@code note} in the history (none when null).
     * Only a retry stays in its try (same round, same deadline, its unconfirmed request still to be looked up);
     * any other wait starts a new try when it ends. A wait for a dial slot holds that slot.
     */
    public Call waitFor(WaitingFor reason, Instant until, Instant now, String note) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(until, "until");
        Call noted = note == null ? this : status == CallStatus.SCHEDULED ? note(now, note) : moveTo(CallStatus.SCHEDULED, now, note);
        if (noted.status != CallStatus.SCHEDULED) {
            throw new IllegalStateException("call " + id + " cannot wait while " + status);
        }
        boolean sameTry = reason == WaitingFor.RETRY;
        return noted.copy().waitingFor(reason).nextAttemptAt(until).dialStartedAt(null)
                .dialSlot(reason == WaitingFor.DIAL_SLOT ? until : null)
                .roundStartedAt(sameTry ? roundStartedAt : null).unconfirmedSince(sameTry ? unconfirmedSince : null).build();
    }

    /**
     * Whether the provider may report a call placed for this attempt: a request of it may have gone out (it was
     * claimed), or one is known to be unconfirmed. A redial not yet dialed, or a call never dialed, has none.
     */
    public boolean attemptClaimed() {
        return claimedRound == dialRound || unconfirmedSince != null;
    }

    /** Whether a request may have reached the provider without its answer (see {@code unconfirmedSince}). */
    public boolean requestUnconfirmed() {
        return unconfirmedSince != null;
    }

    /**
     * Marks the current dial's requests as possibly placed (true), since its claim, unless an earlier request is already
     * unconfirmed; or as accounted for (false).
     */
    public Call withRequestUnconfirmed(boolean value) {
        Instant since = unconfirmedSince != null ? unconfirmedSince
                : dialStartedAt != null ? dialStartedAt : roundStartedAt != null ? roundStartedAt : updatedAt;
        return copy().unconfirmedSince(value ? since : null).build();
    }

    /**
     * Dialing again because the provider reported a call that a request of this try placed (its answer was lost):
     * DIALING, waiting for nothing, the lost request confirmed.
     */
    public Call resumeDialing(Instant now, String detail) {
        Call moved = status == CallStatus.DIALING ? note(now, detail) : moveTo(CallStatus.DIALING, now, detail);
        // Dialing since now when it was waiting: how long it has been active counts from here, not from scheduledAt.
        return moved.copy().nextAttemptAt(null).waitingFor(null).dialSlot(null).unconfirmedSince(null)
                .dialStartedAt(dialStartedAt != null ? dialStartedAt : now).lastError(null).build();
    }

    /**
     * Whether the call counts against MaxConcurrentCalls: dialing or on the phone, or waiting with a request that may
     * have placed a call (a callback can still report it ringing, and then it must already hold its line).
     */
    public boolean holdsLine() {
        return status.isActive() || (status == CallStatus.SCHEDULED && unconfirmedSince != null);
    }

    public Call withAttempts(int newAttempts) {
        return copy().attempts(newAttempts).build();
    }

    public Call withProvider(String newExternalCallId, String newProviderStatus) {
        return copy().externalCallId(newExternalCallId).providerStatus(newProviderStatus).build();
    }

    public Call withProviderUnknownSince(Instant since) {
        return copy().providerUnknownSince(since).build();
    }

    /** Holds a dial slot pacing reserved for it, due at its own time still (another dispatch then shares the slot). */
    public Call withReservedSlot(Instant slot) {
        return copy().dialSlot(slot).build();
    }

    /** With {@code ring} counted against its number's daily cap. */
    public Call withRingCounted(CountedRing ring) {
        return copy().ringCounted(ring).build();
    }

    /** With its own redial policy (null: the deployment's). */
    public Call withRedial(io.callscheduler.redial.RedialPolicy policy) {
        return copy().redial(policy).build();
    }

    /**
     * Waits for its next dial attempt at {@code at} after an attempt that ended {@code outcome}: SCHEDULED again,
     * the next round, with the last attempt's provider call forgotten (its late callbacks are ignored).
     */
    public Call redialAt(Instant at, CallStatus outcome, Instant now, String detail) {
        Call moved = moveTo(CallStatus.SCHEDULED, now, detail);
        return moved.copy().dialRound(dialRound + 1).nextAttemptAt(at).waitingFor(WaitingFor.REDIAL).dialStartedAt(null)
                .roundStartedAt(null).unconfirmedSince(null).dialSlot(null).externalCallId(null)
                .providerStatus(null).progress(ProviderProgress.NONE).providerUnknownSince(null)
                .lastError(outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " on attempt " + dialRound)
                .build();
    }

    public Call withProgress(ProviderProgress value) {
        return copy().progress(value).build();
    }

    public Call withLastError(String error) {
        return copy().lastError(error).build();
    }

    /** Ends the call FAILED, its reason both in the history and as the last error that the page and API show. */
    public Call fail(Instant now, String reason) {
        return moveTo(CallStatus.FAILED, now, reason).withLastError(reason);
    }

    /** Dialing a contact of campaign {@code id}. */
    public Call withCampaignId(String id) {
        return copy().campaignId(id).build();
    }

    /** The call of the occurrence {@code local} of series {@code id}. */
    public Call withSeries(String id, java.time.LocalDateTime local) {
        return copy().series(id, local).build();
    }

    /** How the reason of a call withdrawn for the do-not-call list starts (campaign counts tell it from a cancel). */
    public static final String SUPPRESSED_REASON = "suppressed: ";

    /**
     * Ends a claimed call CANCELED before its request went out, its number being on the do-not-call list: the reason
     * (after {@link #SUPPRESSED_REASON}) both in the history and as the last error.
     */
    public Call withdraw(Instant now, String why) {
        String reason = SUPPRESSED_REASON + why;
        return moveTo(CallStatus.CANCELED, now, reason).withLastError(reason);
    }

    /** Withdrawn for the do-not-call list (see {@link #withdraw}). */
    public boolean suppressed() {
        return status == CallStatus.CANCELED && lastError != null && lastError.startsWith(SUPPRESSED_REASON);
    }

    public Call withVersion(long newVersion) {
        return copy().version(newVersion).build();
    }

    private CallCopy copy() {
        return new CallCopy(this);
    }
}
