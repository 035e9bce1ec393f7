package io.callscheduler.simulator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The simulator's random draws for one request or call, weighted by the knobs as they are now. */
final class Dice {
    private final Supplier<SimulatorSettings> settings;

    Dice(Supplier<SimulatorSettings> settings) {
        this.settings = settings;
    }

    /** Rolls the dice of the fault knobs for one request. */
    Fault fault() {
        SimulatorSettings s = settings.get();
        double roll = ThreadLocalRandom.current().nextDouble();
        if ((roll -= s.serverErrorRate()) < 0) {
            return Fault.SERVER_ERROR;
        }
        if ((roll -= s.throttleRate()) < 0) {
            return Fault.THROTTLE;
        }
        if ((roll -= s.timeoutRate()) < 0) {
            return Fault.HANG;
        }
        return (roll - s.dropRate()) < 0 ? Fault.DROP : Fault.NONE;
    }

    /** How a placed call ends: busy, no-answer, failed or completed, in the configured shares. */
    String outcome() {
        SimulatorSettings s = settings.get();
        double roll = ThreadLocalRandom.current().nextDouble();
        if ((roll -= s.busyShare()) < 0) {
            return "busy";
        }
        if ((roll -= s.noAnswerShare()) < 0) {
            return "no-answer";
        }
        if ((roll - s.failedShare()) < 0) {
            return "failed";
        }
        return "completed";
    }

    /** The key the callee of an answered call presses, as {@code pressDigit} and its share say; null for none. */
    String keyPressed() {
        SimulatorSettings s = settings.get();
        return s.pressDigit() != null && ThreadLocalRandom.current().nextDouble() < s.pressDigitShare() ? s.pressDigit() : null;
    }

    /** Whether a placed call is answered only after {@code lateAnswerMs}. */
    boolean lateAnswer() {
        return ThreadLocalRandom.current().nextDouble() < settings.get().lateAnswerRate();
    }
}
