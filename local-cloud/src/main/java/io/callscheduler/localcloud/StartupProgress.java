package io.callscheduler.localcloud;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** The progress lines of a start, each stamped with the seconds since the start began. */
final class StartupProgress {
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();

    StartupProgress(PrintStream out) {
        this.out = out;
    }

    void step(String message) {
        out.printf(Locale.ROOT, "[%5.1fs] %s%n", (System.nanoTime() - startedNanos) / 1e9, message);
    }

    void warning(String message) {
        out.println("warning: " + message);
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
