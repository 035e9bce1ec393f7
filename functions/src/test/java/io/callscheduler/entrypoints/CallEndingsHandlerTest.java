package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.dynamodb.TableStream;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.reports.FailingOnceAggregates;
import io.callscheduler.reports.OutcomeAggregates;
import io.callscheduler.reports.OutcomeRecorder;
import io.callscheduler.reports.Rollups;
import io.callscheduler.reports.dynamodb.DynamoDbOutcomeAggregates;
import io.callscheduler.series.EndedOccurrenceRolls;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call endings' two steps over one stream batch (counting, then rolling): the batch item failure is the first
 * record either step could not take in, nothing after it is rolled, and Lambda's retry from there counts and rolls
 * each ended occurrence once.
 */
class CallEndingsHandlerTest {
    private static final LocalAws aws = LocalAws.get();

    /** The start of this hour: the test's minute of calls ends within it, in the one bucket it reads. */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private final String table = aws.newCallsTable();
    private final TableStream stream = new TableStream(aws, table);
    private final DynamoDbCallStore calls = new DynamoDbCallStore(aws.dynamoDb(), table);
    private final DynamoDbOutcomeAggregates aggregates = new DynamoDbOutcomeAggregates(aws.dynamoDb(), table);
    private final List<String> rolled = new ArrayList<>();

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void aRollThatFailsIsTheBatchItemFailureAndTheRetryRollsTheRestOnceWithoutCountingAgain() {
        DynamodbEvent batch = threeOccurrencesEnd();
        AtomicBoolean failedOnce = new AtomicBoolean();
        CallEndingsHandler handler = new CallEndingsHandler(new OutcomeRecorder(aggregates, clock),
                new EndedOccurrenceRolls(seriesId -> {
                    if (seriesId.equals("series-1") && failedOnce.compareAndSet(false, true)) {
                        throw new io.callscheduler.dependencies.DependencyUnavailableException("DynamoDB throttled", null);
                    }
                    rolled.add(seriesId);
                }, clock));

        StreamsEventResponse first = handler.handleRequest(batch, null);
        assertThat(first.getBatchItemFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getItemIdentifier()).isEqualTo(endOf(batch, 1).getSequenceNumber()));
        assertThat(rolled).containsExactly("series-0");

        assertThat(handler.handleRequest(fromRecord(batch, endOf(batch, 1)), null).getBatchItemFailures()).isEmpty();
        assertThat(rolled).containsExactly("series-0", "series-1", "series-2");
        assertThat(callsCounted()).isEqualTo(3);
    }

    @Test
    void aCountThatFailsStopsTheRollsThereSoTheRetryFromItDoesBoth() {
        DynamodbEvent batch = threeOccurrencesEnd();
        OutcomeAggregates failingSecond = new FailingOnceAggregates(aggregates, call -> call.callId().endsWith("1"));
        CallEndingsHandler handler = new CallEndingsHandler(new OutcomeRecorder(failingSecond, clock),
                new EndedOccurrenceRolls(rolled::add, clock));

        StreamsEventResponse first = handler.handleRequest(batch, null);
        assertThat(first.getBatchItemFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getItemIdentifier()).isEqualTo(endOf(batch, 1).getSequenceNumber()));
        assertThat(rolled).containsExactly("series-0");

        assertThat(handler.handleRequest(fromRecord(batch, endOf(batch, 1)), null).getBatchItemFailures()).isEmpty();
        assertThat(rolled).containsExactly("series-0", "series-1", "series-2");
        assertThat(callsCounted()).isEqualTo(3);
    }

    /** Three occurrences' calls (of series-0, -1, -2) are created, dialed and end unanswered; their stream batch. */
    private DynamodbEvent threeOccurrencesEnd() {
        for (int i = 0; i < 3; i++) {
            Call call = Call.newScheduled("00000000-0000-4000-8000-00000000000" + i, "+1415555010" + i, null, null,
                            clock.instant(), "UTC", clock.instant())
                    .withSeries("series-" + i, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            calls.insert(call);
            Call dialing = calls.replace(call, call.claim(clock.instant(), "dispatch"));
            clock.advance(Duration.ofSeconds(20));
            calls.replace(dialing, dialing.moveTo(CallStatus.NO_ANSWER, clock.instant(), "no answer"));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(stream.records().stream().map(record -> {
            DynamodbEvent.DynamodbStreamRecord each = new DynamodbEvent.DynamodbStreamRecord();
            each.setDynamodb(record);
            return each;
        }).toList());
        return event;
    }

    /** The record in which the n-th call (from 0) ended. */
    private static StreamRecord endOf(DynamodbEvent batch, int n) {
        return batch.getRecords().stream().map(DynamodbEvent.DynamodbStreamRecord::getDynamodb)
                .filter(r -> r.getNewImage() != null && "NO_ANSWER".equals(r.getNewImage().get("status").getS()))
                .skip(n).findFirst().orElseThrow();
    }

    /** The batch as Lambda sends it again after a batch item failure: from that record on. */
    private static DynamodbEvent fromRecord(DynamodbEvent batch, StreamRecord from) {
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords();
        int start = 0;
        while (records.get(start).getDynamodb() != from) {
            start++;
        }
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(records.subList(start, records.size()));
        return retry;
    }

    private long callsCounted() {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        return aggregates.buckets(Rollups.ALL, hour, hour.plus(Duration.ofHours(1))).stream()
                .mapToLong(bucket -> bucket.counts().calls()).sum();
    }
}
