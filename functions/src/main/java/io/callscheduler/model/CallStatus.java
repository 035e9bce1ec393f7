package io.callscheduler.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a call.
 *
 * <pre>
 *   SCHEDULED ──dispatch──▶ DIALING ──provider in-progress──▶ IN_PROGRESS
 *    │    ▲                    │  │                               │
 *    │    └─passing failure────┘  └──────────────┬────────────────┘
 *    │ cancel    (retry later, until the dial deadline)           ▼
 *    ▼                                COMPLETED | BUSY | NO_ANSWER | FAILED
 *   CANCELED ◀── DIALING, withdrawn before its request: the number is on the do-not-call list
 * </pre>
 *
 * DIALING may end directly (a busy line never reaches IN_PROGRESS), or go back to SCHEDULED when the
 * provider could not be reached and never accepted the call (it waits for {@code nextAttemptAt}). DIALING
 * and IN_PROGRESS go back to SCHEDULED for a redial, when an attempt ended busy, unanswered or failed and
 * the redial policy asks for another. Only
 * SCHEDULED calls can be canceled or rescheduled. Terminal statuses never change again.
 */
public enum CallStatus {
    SCHEDULED, DIALING, IN_PROGRESS, COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED;

    private static final Set<CallStatus> TERMINAL = EnumSet.of(COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED);

    /** True when no further transition is possible. */
    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** True for calls handed to the Call API whose outcome is not known yet (what status sync polls). */
    public boolean isActive() {
        return this == DIALING || this == IN_PROGRESS;
    }

    /** Whether the state machine above allows moving from this status to {@code next}. */
    public boolean canMoveTo(CallStatus next) {
        return switch (this) {
            case SCHEDULED -> next == DIALING || next == CANCELED || next == FAILED;
            // CANCELED: claimed, then withdrawn before its request (the number is on the do-not-call list).
            case DIALING -> next == SCHEDULED || next == IN_PROGRESS || next.isTerminal();
            // Back to SCHEDULED: a redial after a failed attempt (RedialOn).
            case IN_PROGRESS -> next == SCHEDULED || (next.isTerminal() && next != CANCELED);
            default -> false;
        };
    }

    /** Parses a status name case-insensitively; empty when it names no status. */
    public static java.util.Optional<CallStatus> parse(String name) {
        for (CallStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(status);
            }
        }
        return java.util.Optional.empty();
    }
}
