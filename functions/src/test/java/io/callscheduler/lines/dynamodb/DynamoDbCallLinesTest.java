package io.callscheduler.lines.dynamodb;

import io.callscheduler.lines.CallLines;
import io.callscheduler.lines.LineKeepingCallStore;
import io.callscheduler.lines.StaleLines;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ForwardingCallStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Busy lines on DynamoDB Local: never more holders than lines under concurrency, given back by any ending write, and
 * stale ones freed, but never one just taken again.
 */
class DynamoDbCallLinesTest {
    private final LocalAws aws = LocalAws.get();
    private final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

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
        assertThat(lines.holders()).as("taken again: its moment moves on").containsEntry(holder, now.plusSeconds(5))
                .hasSize(3);
        assertThat(lines.take("call-new", now)).isFalse();

        lines.release(holder);
        assertThat(lines.take("call-new", now)).isTrue();
        assertThat(lines.holders()).doesNotContainKey(holder).containsKey("call-new").hasSize(3);
    }

    @Test
    void aWriteThatEndsAnActiveCallGivesItsLineBackAndOtherWritesDoNot() {
        String table = aws.newCallsTable();
        CallLines lines = new DynamoDbCallLines(aws.dynamoDb(), table, 1);
        var store = new LineKeepingCallStore(new DynamoDbCallStore(aws.dynamoDb(), table), lines);
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

    /**
     * A dispatch that died after taking a line leaves it held by a call still waiting; when that call is dispatched
     * again, the retake must move the holder's moment on, or the stale-line check, seeing an old holder whose call
     * does not hold a line (its claim is yet to land), would free the line the dispatch is about to dial on.
     */
    @Test
    void aLineTakenAgainIsNotFreedAsStaleBeforeItsCallIsClaimed() {
        String table = aws.newCallsTable();
        CallLines lines = new DynamoDbCallLines(aws.dynamoDb(), table, 2);
        var store = new DynamoDbCallStore(aws.dynamoDb(), table);
        MutableClock clock = new MutableClock(now);
        Call due = TestCalls.scheduled(now);
        store.insert(due);
        lines.take(due.id(), now); // then the dispatch died

        clock.advance(StaleLines.GRACE.plus(Duration.ofMinutes(1)));
        Instant retaken = clock.instant();
        assertThat(lines.take(due.id(), retaken)).isTrue(); // dispatched again: its claim comes next
        assertThat(lines.holders()).containsExactlyEntriesOf(Map.of(due.id(), retaken));

        assertThat(new StaleLines(lines, store, clock).free()).isZero();
        store.replace(due, due.claim(clock.instant(), "dialing (sweeper)"));
        assertThat(lines.holders()).containsOnlyKeys(due.id());
    }

    /** The same, when the retake lands while the check runs: after it read the old moment, before it frees it. */
    @Test
    void aLineTakenAgainWhileTheStaleLineCheckRunsIsNotFreed() {
        String table = aws.newCallsTable();
        CallLines lines = new DynamoDbCallLines(aws.dynamoDb(), table, 2);
        MutableClock clock = new MutableClock(now);
        Call due = TestCalls.scheduled(now);
        CallStore retakingOnRead = new ForwardingCallStore(new DynamoDbCallStore(aws.dynamoDb(), table)) {
            @Override
            public Optional<Call> find(String id) {
                Optional<Call> found = super.find(id); // waiting: it holds no line yet
                lines.take(id, clock.instant());
                return found;
            }
        };
        retakingOnRead.insert(due);
        lines.take(due.id(), now); // then the dispatch died
        clock.advance(StaleLines.GRACE.plus(Duration.ofMinutes(1)));

        assertThat(new StaleLines(lines, retakingOnRead, clock).free()).isZero();

        assertThat(lines.holders()).containsExactlyEntriesOf(Map.of(due.id(), clock.instant()));
    }
}
