package io.callscheduler.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled outbound call. Immutable: every change returns a copy with {@code version} unchanged;
 * the store bumps the version when it writes, and refuses a write whose expected version is stale.
 *
 * @param scheduledAt   the instant to dial (UTC)
 * @param timeZone      the IANA zone the user thinks in, kept for display
 * @param attempts      how many times the Call API has been asked to place this call
 * @param externalCallId the Call API's id once the call was placed, else null
 * @param dialStartedAt when the current DIALING claim started, else null (to reclaim stuck dials)
 * @param version       optimistic-locking counter, 1 for a newly created call
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
        List<StatusChange> history,
        long version) {

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(status, "status");
        // Millisecond precision everywhere: what is stored and compared later is exactly what was set.
        scheduledAt = scheduledAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        history = List.copyOf(history);
    }

    /** A new SCHEDULED call with one history entry. */
    public static Call newScheduled(String id, String phoneNumber, String contactName, String notes,
                                    Instant scheduledAt, String timeZone, Instant now) {
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, CallStatus.SCHEDULED,
                now, now, 0, null, null, null, null,
                List.of(new StatusChange(CallStatus.SCHEDULED, now, "scheduled for " + scheduledAt)), 1);
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
        List<StatusChange> newHistory = new ArrayList<>(history);
        newHistory.add(new StatusChange(next, now, detail));
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, next, createdAt, now,
                attempts, externalCallId, providerStatus, lastError, dialStartedAt, newHistory, version);
    }

    /** Adds a history entry without changing status (e.g. a reschedule or a provider update). */
    public Call note(Instant now, String detail) {
        List<StatusChange> newHistory = new ArrayList<>(history);
        newHistory.add(new StatusChange(status, now, detail));
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, status, createdAt, now,
                attempts, externalCallId, providerStatus, lastError, dialStartedAt, newHistory, version);
    }

    public Call withSchedule(Instant newScheduledAt, String newTimeZone) {
        return new Call(id, phoneNumber, contactName, notes, newScheduledAt, newTimeZone, status, createdAt,
                updatedAt, attempts, externalCallId, providerStatus, lastError, dialStartedAt, history, version);
    }

    /** Records a new dial claim: one more attempt, started now. */
    public Call withDialClaim(Instant now) {
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, status, createdAt, updatedAt,
                attempts + 1, externalCallId, providerStatus, lastError, now, history, version);
    }

    public Call withProvider(String newExternalCallId, String newProviderStatus) {
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, status, createdAt, updatedAt,
                attempts, newExternalCallId, newProviderStatus, lastError, dialStartedAt, history, version);
    }

    public Call withLastError(String error) {
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, status, createdAt, updatedAt,
                attempts, externalCallId, providerStatus, error, dialStartedAt, history, version);
    }

    public Call withVersion(long newVersion) {
        return new Call(id, phoneNumber, contactName, notes, scheduledAt, timeZone, status, createdAt, updatedAt,
                attempts, externalCallId, providerStatus, lastError, dialStartedAt, history, newVersion);
    }
}
