package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.callscheduler.config.Services;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.reports.OutcomeRecorder;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome aggregates' function, fed by the calls table's stream (README, "Outcome reports"): counts each call that
 * ends, once. Answers with the first record it could not count as the batch item failure (ReportBatchItemFailures),
 * so that Lambda retries the batch from that record; a record counted before adds nothing the second time.
 */
public final class OutcomeAggregatesHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutcomeRecorder recorder;

    public OutcomeAggregatesHandler() {
        this(System.getenv());
    }

    public OutcomeAggregatesHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging().outcomeRecorder());
    }

    OutcomeAggregatesHandler(OutcomeRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        var records = event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords();
        var failed = InvocationLogging.around(context, Map.of(),
                () -> recorder.record(records.stream().map(DynamodbEvent.DynamodbStreamRecord::getDynamodb).toList()));
        return new StreamsEventResponse(failed
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of()));
    }
}
