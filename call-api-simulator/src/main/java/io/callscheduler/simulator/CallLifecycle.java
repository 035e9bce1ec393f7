package io.callscheduler.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/** How a call moves through queued → ringing → in-progress → completed (or its drawn outcome), timed by the settings. */
final class CallLifecycle {
    /** Where a call is in its life: its status, and when it was answered and ended (null until then). */
    record Phase(String status, Instant startedAt, Instant endedAt, long durationSeconds) {
    }

    private final Clock clock;
    private final Supplier<SimulatorSettings> settings;

    CallLifecycle(Clock clock, Supplier<SimulatorSettings> settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** The call as it stands now: its status follows from its age and its drawn outcome. */
    Phase phaseOf(Instant createdAt, String outcome) {
        SimulatorSettings s = settings.get();
        long age = clock.millis() - createdAt.toEpochMilli();
        long answered = s.ringAfterMs() + s.answerAfterMs();
        if (age < s.ringAfterMs()) {
            return new Phase("queued", null, null, 0);
        }
        if (age < answered) {
            return new Phase("ringing", null, null, 0);
        }
        if (!outcome.equals("completed")) {
            return new Phase(outcome, null, createdAt.plusMillis(answered), 0);
        }
        Instant startedAt = createdAt.plusMillis(answered);
        if (age < answered + s.talkMs()) {
            return new Phase("in-progress", startedAt, null, (age - answered) / 1000);
        }
        return new Phase("completed", startedAt, startedAt.plusMillis(s.talkMs()), s.talkMs() / 1000);
    }
}
