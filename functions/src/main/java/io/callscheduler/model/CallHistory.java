package io.callscheduler.model;

import java.time.Instant;

/** Moments read from a call's history of status changes. */
final class CallHistory {
    private CallHistory() {
    }

    /**
     * When the call reached its final status (the first history entry in it: a terminal status never changes, later
     * entries are notes), {@code updatedAt} for a history without one; null while the call is not over.
     */
    static Instant endedAt(Call call) {
        if (!call.status().isTerminal()) {
            return null;
        }
        return call.history().stream().filter(change -> change.status() == call.status()).map(StatusChange::at)
                .findFirst().orElse(call.updatedAt());
    }

    /**
     * When the call was last answered: the entry that moved it into IN_PROGRESS (later callbacks while it talks are
     * IN_PROGRESS notes and do not count); null when it never was.
     */
    static Instant answeredAt(Call call) {
        Instant answered = null;
        CallStatus before = null;
        for (StatusChange change : call.history()) {
            if (change.status() == CallStatus.IN_PROGRESS && before != CallStatus.IN_PROGRESS) {
                answered = change.at();
            }
            before = change.status();
        }
        return answered;
    }
}
