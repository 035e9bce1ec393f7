package io.callscheduler.domain.dispatch;

import io.callscheduler.model.Call;

import java.time.Instant;

/**
 * When a try must end: DialDeadlineMinutes after its first provider request. A try that has sent nothing yet has no
 * deadline: waiting for calling hours, a line or a slot never uses up the time to retry a provider outage.
 */
final class RoundDeadline {
    private final DispatchSettings settings;

    RoundDeadline(DispatchSettings settings) {
        this.settings = settings;
    }

    /** The call's try deadline, or {@link Instant#MAX} before its first request. */
    Instant of(Call call) {
        return call.roundStartedAt() == null ? Instant.MAX : call.roundStartedAt().plus(settings.dialDeadline());
    }

    boolean passed(Call call, Instant now) {
        return !now.isBefore(of(call));
    }

    /** "the dial deadline (15 min after the try's first request)", for reasons. */
    String describe() {
        return "the dial deadline (" + settings.dialDeadline().toMinutes() + " min after the try's first request)";
    }
}
