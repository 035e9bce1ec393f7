package io.callscheduler.lines;

import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.lines.dynamodb.DynamoDbCallLines;
import io.callscheduler.metrics.Datapoint;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines follow the calls through every write of the real store on DynamoDB Local: a call adopted from a callback
 * takes one (over the limit if it must), the dispatch's claim takes none here (its line gate did), an ending write
 * gives it back.
 */
class LineKeepingCallStoreTest {
    private final LocalAws aws = LocalAws.get();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final List<Datapoint> published = new CopyOnWriteArrayList<>();
    private final RecordedMetrics metrics = new RecordedMetrics(published::addAll);

    private record Lines(DynamoDbCallLines lines, LineKeepingCallStore store) {
    }

    private Lines linesOf(int limit) {
        String table = aws.newCallsTable();
        var lines = new DynamoDbCallLines(aws.dynamoDb(), table, limit);
        return new Lines(lines, new LineKeepingCallStore(new DynamoDbCallStore(aws.dynamoDb(), table), lines, clock,
                () -> metrics));
    }

    /**
     * Placed by an attempt whose answer was lost, but holding no line: a lookup missed the provider's call, and the
     * call then waited for a line like any other.
     */
    private Call parkedWithoutItsLine() {
        return TestCalls.dialing(clock.instant().minusSeconds(40), null, 1)
                .waitFor(WaitingFor.LINE, clock.instant().plusSeconds(30), clock.instant().minusSeconds(30),
                        "all lines busy (MaxConcurrentCalls 2): waiting for one");
    }

    @Test
    void aCallAdoptedByACallbackTakesALineAndGivesItBackWhenItEnds() {
        Lines l = linesOf(2);
        Call parked = parkedWithoutItsLine();
        assertThat(parked.holdsLine()).isFalse();
        l.store.insert(parked);
        var callbacks = new ProviderCallbacks(l.store, clock);

        assertThat(callbacks.accept(parked.id(), new ProviderCall("CA-placed", "ringing", null), 1L))
                .isEqualTo(ProviderCallbacks.Outcome.APPLIED);
        assertThat(l.store.find(parked.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
        assertThat(l.lines.holders()).containsExactlyEntriesOf(java.util.Map.of(parked.id(), clock.instant()));

        clock.advance(Duration.ofSeconds(20));
        callbacks.accept(parked.id(), new ProviderCall("CA-placed", "in-progress", null), 2L);
        assertThat(l.lines.holders()).as("still on the phone").containsOnlyKeys(parked.id());

        clock.advance(Duration.ofMinutes(3));
        callbacks.accept(parked.id(), new ProviderCall("CA-placed", "completed", null, 180, null), 3L);
        assertThat(l.store.find(parked.id()).orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(l.lines.holders()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aCallAdoptedWhileEveryLineIsBusyHoldsOneOverTheLimitAndNoOtherCallTakesOneUntilEnoughEnd() {
        Lines l = linesOf(1);
        Call onThePhone = TestCalls.dialing(clock.instant(), "CA-other", 1);
        l.store.insert(onThePhone);
        assertThat(l.lines.take(onThePhone.id(), clock.instant())).isTrue();
        Call parked = parkedWithoutItsLine();
        l.store.insert(parked);
        var callbacks = new ProviderCallbacks(l.store, clock);

        callbacks.accept(parked.id(), new ProviderCall("CA-placed", "in-progress", null), 1L);

        assertThat(l.store.find(parked.id()).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(l.lines.holders()).containsOnlyKeys(onThePhone.id(), parked.id());
        metrics.publish();
        assertThat(published).extracting(Datapoint::name).containsExactly("LinesOverLimit");
        assertThat(l.lines.take("call-due-now", clock.instant())).isFalse();

        Call other = l.store.find(onThePhone.id()).orElseThrow();
        l.store.replace(other, other.moveTo(CallStatus.COMPLETED, clock.instant(), "provider: completed"));
        assertThat(l.lines.take("call-due-now", clock.instant())).as("one of one lines still busy").isFalse();

        callbacks.accept(parked.id(), new ProviderCall("CA-placed", "completed", null), 2L);
        assertThat(l.lines.take("call-due-now", clock.instant())).isTrue();
    }

    @Test
    void theDispatchClaimTakesNoLineHereAsItsLineGateTookItFirst() {
        Lines l = linesOf(1);
        Call due = TestCalls.scheduled(clock.instant());
        l.store.insert(due);

        Call claimed = l.store.replace(due, due.claim(clock.instant(), "dialing (scheduler)"));

        assertThat(claimed.holdsLine()).isTrue();
        assertThat(l.lines.holders()).as("no write to the lines on the dial's path").isEmpty();
    }

    @Test
    void aCallbackForACallHoldingItsLineWhileItsLostAnswerIsLookedUpLeavesTheLineAsItWas() {
        Lines l = linesOf(1);
        Instant tookLine = clock.instant();
        Call claimed = TestCalls.dialing(tookLine, null, 1);
        l.store.insert(claimed);
        l.lines.take(claimed.id(), tookLine);
        clock.advance(Duration.ofSeconds(10));
        // The request's answer was lost: the call waits to ask the provider, keeping its line.
        Call waiting = l.store.replace(claimed, claimed.withRequestUnconfirmed(true)
                .waitFor(WaitingFor.RETRY, clock.instant().plusSeconds(5), clock.instant(), "answer lost"));
        assertThat(l.lines.holders()).containsOnlyKeys(waiting.id());

        clock.advance(Duration.ofSeconds(2));
        new ProviderCallbacks(l.store, clock).accept(waiting.id(), new ProviderCall("CA-placed", "ringing", null), 1L);

        assertThat(l.store.find(waiting.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
        assertThat(l.lines.holders()).as("held all along, not taken again")
                .containsExactlyEntriesOf(java.util.Map.of(waiting.id(), tookLine));
    }
}
