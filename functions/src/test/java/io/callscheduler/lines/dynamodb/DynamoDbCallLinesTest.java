package io.callscheduler.lines.dynamodb;

import io.callscheduler.lines.CallLines;
import io.callscheduler.lines.LineReleasingCallStore;
import io.callscheduler.lines.StaleLines;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Busy lines on DynamoDB Local: never more holders than lines under concurrency, given back by any ending write. */
class DynamoDbCallLinesTest {
    private final LocalAws aws = LocalAws.get();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void concurrentCallsTakeNoMoreLinesThanThereAre() throws Exception {
        CallLines lines = new DynamoDbCallLines(aws.dynamoDb(), aws.newCallsTable(), 3);
        List<Callable<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String callId = "call-" + i;
            takes.add(() -> lines.take(callId, now));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        int taken = 0;
        try {
            for (Future<Boolean> take : pool.invokeAll(takes)) {
                taken += take.get() ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(taken).isEqualTo(3);
        assertThat(lines.holders()).hasSize(3);
        String holder = lines.holders().keySet().iterator().next();
        assertThat(lines.take(holder, now.plusSeconds(5))).as("a holder taking again keeps its line").isTrue();
        assertThat(lines.holders()).as("and its moment is refreshed, so the stale sweep does not free it")
                .containsEntry(holder, now.plusSeconds(5)).hasSize(3);
        assertThat(lines.take("call-new", now)).isFalse();

        lines.release(holder);
        assertThat(lines.take("call-new", now)).isTrue();
        assertThat(lines.holders()).doesNotContainKey(holder).containsKey("call-new").hasSize(3);
    }

    @Test
    void aWriteThatEndsAnActiveCallGivesItsLineBackAndOtherWritesDoNot() {
        String table = aws.newCallsTable();
        CallLines lines = new DynamoDbCallLines(aws.dynamoDb(), table, 1);
        var store = new LineReleasingCallStore(new DynamoDbCallStore(aws.dynamoDb(), table), lines);
        Call call = TestCalls.dialing(now, "ext-1", 1);
        store.insert(call);
        assertThat(lines.take(call.id(), now)).isTrue();

        Call answered = store.replace(call, call.moveTo(CallStatus.IN_PROGRESS, now, "provider: in-progress"));
        assertThat(lines.holders()).as("still on the phone").containsKey(call.id());

        store.replace(answered, answered.moveTo(CallStatus.COMPLETED, now, "provider: completed"));
        assertThat(lines.holders()).isEmpty();
    }

    @Test
    void theStatusSyncFreesLinesLeftByCallsThatEndedButNotThoseStillActiveOrJustTaken() {
        String table = aws.newCallsTable();
        CallLines lines = new DynamoDbCallLines(aws.dynamoDb(), table, 5);
        var store = new DynamoDbCallStore(aws.dynamoDb(), table); // not releasing: as if the release had failed
        MutableClock clock = new MutableClock(now);
        Call ended = TestCalls.dialing(now, "ext-ended", 1);
        Call active = TestCalls.dialing(now, "ext-active", 1);
        store.insert(ended);
        store.insert(active);
        store.replace(ended, ended.moveTo(CallStatus.COMPLETED, now, "provider: completed"));
        lines.take(ended.id(), now);
        lines.take(active.id(), now);
        lines.take("call-that-never-was", now);
        var stale = new StaleLines(lines, store, clock);

        assertThat(stale.free()).as("within the grace a holder may be a dispatch about to claim").isZero();

        clock.advance(StaleLines.GRACE.plus(Duration.ofSeconds(1)));
        lines.take("just-taken", clock.instant());
        assertThat(stale.free()).isEqualTo(2);
        assertThat(lines.holders()).containsOnlyKeys(active.id(), "just-taken");
    }
}
