package io.callscheduler.reports;

import io.callscheduler.dependencies.DependencyUnavailableException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The real aggregates, except that counting the first call that matches fails once, as DynamoDB throttling it would. */
public final class FailingOnceAggregates implements OutcomeAggregates {
    private final OutcomeAggregates real;
    private final Predicate<EndedCall> failing;
    private boolean failed;

    public FailingOnceAggregates(OutcomeAggregates real, Predicate<EndedCall> failing) {
        this.real = real;
        this.failing = failing;
    }

    @Override
    public synchronized boolean count(EndedCall call) {
        if (!failed && failing.test(call)) {
            failed = true;
            throw new DependencyUnavailableException("DynamoDB throttled", null);
        }
        return real.count(call);
    }

    @Override
    public List<OutcomeBucket> buckets(String rollup, Instant from, Instant to) {
        return real.buckets(rollup, from, to);
    }

    @Override
    public void advanceAsOf(Instant changedAt) {
        real.advanceAsOf(changedAt);
    }

    @Override
    public Optional<Instant> asOf() {
        return real.asOf();
    }
}
