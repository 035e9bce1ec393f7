package io.callscheduler.events;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;

import java.util.Optional;

/**
 * Which event a write of a call emits, from the call before and after it; at most one per write.
 * <ul>
 *   <li>created: {@code call.scheduled};</li>
 *   <li>a new dial round ({@code dialRound} up: {@link Call#redialAt}): {@code call.redial_scheduled}, whether the
 *   write left DIALING, IN_PROGRESS or (a lost request's call adopted and ended in one write) SCHEDULED;</li>
 *   <li>a new status: its event; CANCELED is {@code call.suppressed} when the call was withdrawn for the do-not-call
 *   list ({@link Call#suppressed}), else {@code call.canceled}. Back to SCHEDULED within an attempt (a passing failure
 *   to retry, calling hours, a line, a dial slot, a paused campaign) emits nothing: the attempt is not over, and the
 *   next {@code call.dialing} tells when it goes on;</li>
 *   <li>a SCHEDULED call given another time or zone (a reschedule): {@code call.scheduled} again, with the new time;</li>
 *   <li>anything else (notes, waits, provider sid and progress, a reserved slot, a counted ring): nothing.</li>
 * </ul>
 * A write that crosses several statuses at once (a lost request's call found already answered) emits the one it left.
 */
final class CallEvents {
    private CallEvents() {
    }

    static Optional<EventType> typeOf(Call before, Call after) {
        if (after == null) {
            return Optional.empty(); // calls are never deleted; a deletion would have nothing to tell
        }
        if (before == null) {
            return after.status() == CallStatus.SCHEDULED ? Optional.of(EventType.CALL_SCHEDULED) : statusEvent(after);
        }
        if (after.dialRound() > before.dialRound()) {
            return Optional.of(EventType.CALL_REDIAL_SCHEDULED);
        }
        if (after.status() != before.status()) {
            return statusEvent(after);
        }
        if (after.status() == CallStatus.SCHEDULED && (!after.scheduledAt().equals(before.scheduledAt())
                || !after.timeZone().equals(before.timeZone()))) {
            return Optional.of(EventType.CALL_SCHEDULED);
        }
        return Optional.empty();
    }

    private static Optional<EventType> statusEvent(Call call) {
        return Optional.ofNullable(switch (call.status()) {
            case SCHEDULED -> null;
            case DIALING -> EventType.CALL_DIALING;
            case IN_PROGRESS -> EventType.CALL_IN_PROGRESS;
            case COMPLETED -> EventType.CALL_COMPLETED;
            case BUSY -> EventType.CALL_BUSY;
            case NO_ANSWER -> EventType.CALL_NO_ANSWER;
            case FAILED -> EventType.CALL_FAILED;
            case CANCELED -> call.suppressed() ? EventType.CALL_SUPPRESSED : EventType.CALL_CANCELED;
        });
    }
}
