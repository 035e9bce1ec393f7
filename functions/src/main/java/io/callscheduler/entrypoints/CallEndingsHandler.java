package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.config.Services;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.reports.OutcomeRecorder;
import io.callscheduler.series.EndedOccurrenceRolls;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls table's stream, read for what follows a call's end, in two steps over each batch: the call counted once
 * into the outcome reports, then, for an occurrence's call, its series rolled to the next occurrence. One function
 * for both because a DynamoDB stream shard serves at most two readers before it throttles them, and the webhook
 * fan-out is the other (DESIGN_DECISIONS 82). Both steps are idempotent: the batch item failure answered is the first
 * record either step could not take in, and Lambda retries from there, which repeats nothing that was done.
 */
public final class CallEndingsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutcomeRecorder countOutcomes;
    private final EndedOccurrenceRolls rollSeries;

    public CallEndingsHandler() {
        this(System.getenv());
    }

    public CallEndingsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private CallEndingsHandler(Services services) {
        this(services.outcomeRecorder(), services.series().endedOccurrenceRolls());
    }

    CallEndingsHandler(OutcomeRecorder countOutcomes, EndedOccurrenceRolls rollSeries) {
        this.countOutcomes = Objects.requireNonNull(countOutcomes, "countOutcomes");
        this.rollSeries = Objects.requireNonNull(rollSeries, "rollSeries");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        var records = event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords();
        List<StreamRecord> changes = records.stream().map(DynamodbEvent.DynamodbStreamRecord::getDynamodb).toList();
        Optional<String> firstFailed = InvocationLogging.around(context, Map.of(), () -> {
            Optional<String> notCounted = countOutcomes.record(changes);
            Optional<String> notRolled = rollSeries.roll(before(notCounted, changes));
            return notRolled.or(() -> notCounted);
        });
        return new StreamsEventResponse(firstFailed
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of()));
    }

    /** The records before the one with this sequence number (all of them when there is none). */
    private static List<StreamRecord> before(Optional<String> sequenceNumber, List<StreamRecord> changes) {
        if (sequenceNumber.isEmpty()) {
            return changes;
        }
        for (int i = 0; i < changes.size(); i++) {
            if (sequenceNumber.get().equals(changes.get(i).getSequenceNumber())) {
                return changes.subList(0, i);
            }
        }
        return changes;
    }
}
