package io.callscheduler.pacing.dynamodb;

import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Dial slots on DynamoDB Local: distinct and spaced under concurrency, and back to "now" after idling. */
class DynamoDbDialPacerTest {
    private final LocalAws aws = LocalAws.get();

    @Test
    void concurrentReservationsGetDistinctSlotsAtLeastOneIntervalApart() throws Exception {
        var pacer = new DynamoDbDialPacer(aws.dynamoDb(), aws.newCallsTable(), 5);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Callable<Instant>> reservations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reservations.add(() -> pacer.reserve(now));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Instant> slots = new ArrayList<>();
        try {
            for (Future<Instant> slot : pool.invokeAll(reservations)) {
                slots.add(slot.get());
            }
        } finally {
            pool.shutdownNow();
        }

        slots.sort(null);
        assertThat(slots.get(0)).isEqualTo(now);
        // The first dial after an idle spell has two intervals to itself (it may be slow to arrive); then one each.
        assertThat(Duration.between(slots.get(0), slots.get(1))).isEqualTo(pacer.interval().multipliedBy(2));
        for (int i = 2; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as("gap before slot " + i).isEqualTo(pacer.interval());
        }
        assertThat(pacer.interval()).isEqualTo(Duration.ofMillis(230));
    }

    @Test
    void afterAnIdleSpellTheNextSlotIsNowNotTheBacklogOfTheCounter() {
        var pacer = new DynamoDbDialPacer(aws.dynamoDb(), aws.newCallsTable(), 1);
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(pacer.reserve(start)).isEqualTo(start);
        assertThat(pacer.reserve(start)).isEqualTo(start.plus(pacer.interval().multipliedBy(2)));
        assertThat(pacer.reserve(start)).isEqualTo(start.plus(pacer.interval().multipliedBy(3)));

        Instant later = start.plus(Duration.ofMinutes(10));
        assertThat(pacer.reserve(later)).isEqualTo(later);
        assertThat(pacer.reserve(later)).isEqualTo(later.plus(pacer.interval().multipliedBy(2)));
    }
}
