package io.callscheduler.reports;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.dynamodb.TableStream;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.reports.dynamodb.DynamoDbOutcomeAggregates;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the recorder reports when a count fails, and that the retry from there loses nothing and doubles nothing. */
class OutcomeRecorderTest {
    private static final LocalAws aws = LocalAws.get();

    /** The start of this hour: the test's minute of calls ends within it, in the one bucket it reads. */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private final String table = aws.newCallsTable();
    private final TableStream stream = new TableStream(aws, table);
    private final DynamoDbCallStore calls = new DynamoDbCallStore(aws.dynamoDb(), table);
    private final DynamoDbOutcomeAggregates aggregates = new DynamoDbOutcomeAggregates(aws.dynamoDb(), table);

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void aCountThatFailsIsReportedAsTheBatchItemFailureAndTheRetryFromItCountsEachCallOnce() {
        for (int i = 0; i < 3; i++) {
            Call call = Call.newScheduled("00000000-0000-4000-8000-00000000000" + i, "+1415555010" + i, null, null,
                    clock.instant(), "UTC", clock.instant());
            calls.insert(call);
            Call dialing = calls.replace(call, call.claim(clock.instant(), "dispatch"));
            clock.advance(Duration.ofSeconds(20));
            calls.replace(dialing, dialing.moveTo(CallStatus.NO_ANSWER, clock.instant(), "no answer"));
        }
        List<StreamRecord> records = stream.records();
        // The second call's count fails once.
        OutcomeAggregates failingSecond = new FailingOnceAggregates(aggregates, call -> call.callId().endsWith("1"));
        OutcomeRecorder recorder = new OutcomeRecorder(failingSecond, clock);

        Optional<String> failed = recorder.record(records);
        StreamRecord secondEnd = records.stream().filter(r -> r.getNewImage() != null
                && "NO_ANSWER".equals(r.getNewImage().get("status").getS())).skip(1).findFirst().orElseThrow();
        assertThat(failed).contains(secondEnd.getSequenceNumber());

        // Lambda retries the batch from the failed record (here, from the start: the first call's marker holds).
        assertThat(recorder.record(records)).isEmpty();
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        assertThat(aggregates.buckets(Rollups.ALL, hour, hour.plus(Duration.ofHours(1))))
                .singleElement().satisfies(bucket -> {
                    assertThat(bucket.counts().calls()).isEqualTo(3);
                    assertThat(bucket.counts().count(Outcome.NO_ANSWER)).isEqualTo(3);
                });
    }
}
