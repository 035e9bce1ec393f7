package io.callscheduler.domain;

import java.time.Duration;

/** Waits for a while; replaceable so that tests can observe waiting without waiting (a clock they move). */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Whole milliseconds, rounded up: a dial waiting for its moment never goes out a fraction of one early. */
    Sleeper REAL = duration -> Thread.sleep((duration.toNanos() + 999_999) / 1_000_000);
}
