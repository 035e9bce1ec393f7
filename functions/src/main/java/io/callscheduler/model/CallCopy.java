package io.callscheduler.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A mutable copy of a {@link Call}, so that each of its {@code with...} transitions names only what it changes. */
final class CallCopy {
    private final Call from;
    private CallStatus status;
    private Instant scheduledAt;
    private String timeZone;
    private Instant updatedAt;
    private int attempts;
    private String externalCallId;
    private String providerStatus;
    private String lastError;
    private Instant dialStartedAt;
    private Instant nextAttemptAt;
    private Instant providerUnknownSince;
    private ProviderProgress progress;
    private Instant dialSlot;
    private WaitingFor waitingFor;
    private Instant roundStartedAt;
    private Instant unconfirmedSince;
    private int dialRound;
    private int claimedRound;
    private CountedRing ringCounted;
    private io.callscheduler.redial.RedialPolicy redial;
    private String campaignId;
    private String seriesId;
    private java.time.LocalDateTime occurrence;
    private final List<StatusChange> history;
    private long version;

    CallCopy(Call from) {
        this.from = from;
        status = from.status();
        scheduledAt = from.scheduledAt();
        timeZone = from.timeZone();
        updatedAt = from.updatedAt();
        attempts = from.attempts();
        externalCallId = from.externalCallId();
        providerStatus = from.providerStatus();
        lastError = from.lastError();
        dialStartedAt = from.dialStartedAt();
        nextAttemptAt = from.nextAttemptAt();
        providerUnknownSince = from.providerUnknownSince();
        progress = from.progress();
        dialSlot = from.dialSlot();
        waitingFor = from.waitingFor();
        roundStartedAt = from.roundStartedAt();
        unconfirmedSince = from.unconfirmedSince();
        dialRound = from.dialRound();
        claimedRound = from.claimedRound();
        ringCounted = from.ringCounted();
        redial = from.redial();
        campaignId = from.campaignId();
        seriesId = from.seriesId();
        occurrence = from.occurrence();
        history = new ArrayList<>(from.history());
        version = from.version();
    }

    CallCopy status(CallStatus value) { status = value; return this; }
    CallCopy scheduledAt(Instant value) { scheduledAt = value; return this; }
    CallCopy timeZone(String value) { timeZone = value; return this; }
    CallCopy updatedAt(Instant value) { updatedAt = value; return this; }
    CallCopy attempts(int value) { attempts = value; return this; }
    CallCopy externalCallId(String value) { externalCallId = value; return this; }
    CallCopy providerStatus(String value) { providerStatus = value; return this; }
    CallCopy lastError(String value) { lastError = value; return this; }
    CallCopy dialStartedAt(Instant value) { dialStartedAt = value; return this; }
    CallCopy nextAttemptAt(Instant value) { nextAttemptAt = value; return this; }
    CallCopy providerUnknownSince(Instant value) { providerUnknownSince = value; return this; }
    CallCopy progress(ProviderProgress value) { progress = value; return this; }
    CallCopy dialSlot(Instant value) { dialSlot = value; return this; }
    CallCopy waitingFor(WaitingFor value) { waitingFor = value; return this; }
    CallCopy roundStartedAt(Instant value) { roundStartedAt = value; return this; }
    CallCopy unconfirmedSince(Instant value) { unconfirmedSince = value; return this; }
    CallCopy dialRound(int value) { dialRound = value; return this; }
    CallCopy claimedRound(int value) { claimedRound = value; return this; }
    CallCopy ringCounted(CountedRing value) { ringCounted = value; return this; }
    CallCopy redial(io.callscheduler.redial.RedialPolicy value) { redial = value; return this; }
    CallCopy campaignId(String value) { campaignId = value; return this; }
    CallCopy series(String id, java.time.LocalDateTime local) { seriesId = id; occurrence = local; return this; }
    CallCopy appendHistory(StatusChange change) { history.add(change); return this; }
    CallCopy version(long value) { version = value; return this; }

    Call build() {
        return new Call(from.id(), from.phoneNumber(), from.contactName(), from.notes(), scheduledAt, timeZone, status,
                from.createdAt(), updatedAt, attempts, externalCallId, providerStatus, lastError, dialStartedAt,
                nextAttemptAt, providerUnknownSince, dialSlot, waitingFor, roundStartedAt, unconfirmedSince, from.calleeZones(),
                dialRound, claimedRound, ringCounted, redial, from.script(), progress, campaignId, seriesId, occurrence, history,
                version);
    }
}
