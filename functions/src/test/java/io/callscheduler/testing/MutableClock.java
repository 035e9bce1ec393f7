package io.callscheduler.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock tests move by hand; as a sleeper it records each wait and advances instead of sleeping. */
public final class MutableClock extends Clock {
    private volatile Instant now;
    public final List<Duration> waits = new CopyOnWriteArrayList<>();

    public MutableClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** For io.callscheduler.domain.Sleeper: records the wait and moves time on by it. */
    public void sleep(Duration duration) {
        waits.add(duration);
        advance(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
