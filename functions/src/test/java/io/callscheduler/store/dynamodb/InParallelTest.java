package io.callscheduler.store.dynamodb;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InParallelTest {
    @Test
    void everyPartRunsOnceWithSeveralInFlightAtATime() throws Exception {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch together = new CountDownLatch(InParallel.REQUESTS);
        InParallel.forEach(IntStream.range(0, 40).boxed().toList(), part -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            together.countDown();
            try {
                together.await(5, TimeUnit.SECONDS); // the first parts wait until REQUESTS of them run at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(part);
            inFlight.decrementAndGet();
        });
        assertThat(done).hasSize(40);
        assertThat(most.get()).isEqualTo(InParallel.REQUESTS);
    }

    @Test
    void theFirstFailureIsThrownAndThePartsNotYetStartedAreSkipped() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException down = new IllegalStateException("table down");
        assertThatThrownBy(() -> InParallel.forEach(IntStream.range(0, 400).boxed().toList(), part -> {
            ran.incrementAndGet();
            throw down;
        })).isSameAs(down);
        assertThat(ran.get()).isLessThan(400);
    }

    @Test
    void oneOrNoPartRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        InParallel.forEach(List.of("only"), part -> assertThat(Thread.currentThread()).isSameAs(caller));
    }
}
