package io.callscheduler.reports;

import io.callscheduler.model.CallStatus;

import java.util.Optional;

/** How an ended call ended: its final status, the five a report counts. */
public enum Outcome {
    COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED;

    /** The outcome of a final status; empty while the call is not over. */
    public static Optional<Outcome> of(CallStatus status) {
        return switch (status) {
            case COMPLETED -> Optional.of(COMPLETED);
            case BUSY -> Optional.of(BUSY);
            case NO_ANSWER -> Optional.of(NO_ANSWER);
            case FAILED -> Optional.of(FAILED);
            case CANCELED -> Optional.of(CANCELED);
            default -> Optional.empty();
        };
    }
}
