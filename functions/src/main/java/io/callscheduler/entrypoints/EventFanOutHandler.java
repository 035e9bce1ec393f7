package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.callscheduler.config.Services;
import io.callscheduler.events.fanout.EventFanOut;
import io.callscheduler.logging.InvocationLogging;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The event fan-out function, fed by the calls table's stream (README, "Webhooks out"): queues each change's event
 * for every endpoint that wants it. Answers with the first record it could not queue as the batch item failure
 * (ReportBatchItemFailures), so that Lambda retries the batch from that record.
 */
public final class EventFanOutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final EventFanOut fanOut;

    public EventFanOutHandler() {
        this(System.getenv());
    }

    public EventFanOutHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging().webhooks().eventFanOut());
    }

    EventFanOutHandler(EventFanOut fanOut) {
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        var records = event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords();
        var failed = InvocationLogging.around(context, Map.of(),
                () -> fanOut.fanOut(records.stream().map(DynamodbEvent.DynamodbStreamRecord::getDynamodb).toList()));
        return new StreamsEventResponse(failed
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of()));
    }
}
