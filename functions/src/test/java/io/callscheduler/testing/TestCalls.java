package io.callscheduler.testing;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.StatusChange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Calls in a given state, for tests that start from the middle of a call's life. */
public final class TestCalls {
    private TestCalls() {
    }

    public static Call scheduled(Instant at) {
        return Call.newScheduled(UUID.randomUUID().toString(), "+14155550100", "Test", null, at, "UTC", at.minusSeconds(3600));
    }

    /** DIALING, claimed at {@code dialStartedAt}; {@code externalCallId} null means the dial never completed. */
    public static Call dialing(Instant dialStartedAt, String externalCallId, int attempts) {
        Call scheduled = scheduled(dialStartedAt);
        return new Call(scheduled.id(), scheduled.phoneNumber(), scheduled.contactName(), null, scheduled.scheduledAt(),
                "UTC", CallStatus.DIALING, scheduled.createdAt(), dialStartedAt, attempts, externalCallId,
                externalCallId == null ? null : "queued", null, dialStartedAt, null, null, null, null, dialStartedAt, null, null, 1, attempts > 0 ? 1 : 0, null, null, null, null, null, null, null,
                List.of(new StatusChange(CallStatus.SCHEDULED, scheduled.createdAt(), "scheduled"),
                        new StatusChange(CallStatus.DIALING, dialStartedAt, "dialing")), 2);
    }
}
