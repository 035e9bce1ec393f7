package io.callscheduler.series;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.domain.CallService;
import io.callscheduler.model.Call;
import io.callscheduler.testing.MutableClock;

import java.time.Instant;

/** {@link SeriesFixture} for tests outside this package (the handlers'). */
public final class SeriesTesting {
    private final SeriesFixture fixture;

    public SeriesTesting(Instant now, CallingWindow window) {
        fixture = new SeriesFixture(now, window);
    }

    public SeriesService service() {
        return fixture.service;
    }

    public SeriesRoller roller() {
        return fixture.roller;
    }

    public CallService callService() {
        return fixture.callService;
    }

    public MutableClock clock() {
        return fixture.clock;
    }

    public Call call(String id) {
        return fixture.calls.find(id).orElseThrow();
    }

    /** Whether no call was written (a refused create writes nothing). */
    public boolean tableHoldsNoCall() {
        return fixture.calls.list(new io.callscheduler.store.CallFilter(java.util.Set.of(), null), 10, null).items().isEmpty();
    }
}
