package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.callscheduler.config.Services;
import io.callscheduler.events.ItemChange;
import io.callscheduler.events.StoredItem;
import io.callscheduler.events.dynamodb.StreamImages;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.series.SeriesRoller;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The series roller's function, fed by the calls table's stream (README, "Recurring calls"): when an occurrence's call
 * reaches a final status, its series' next occurrence is created. A record that fails is answered as the batch item
 * failure (ReportBatchItemFailures), so that Lambda retries from it; a roll done before does nothing the second time.
 */
public final class SeriesRollerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final System.Logger LOG = System.getLogger(SeriesRollerHandler.class.getName());
    private final SeriesRoller roller;

    public SeriesRollerHandler() {
        this(System.getenv());
    }

    public SeriesRollerHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging().series().roller());
    }

    SeriesRollerHandler(SeriesRoller roller) {
        this.roller = Objects.requireNonNull(roller, "roller");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        var records = event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords();
        Optional<String> failed = InvocationLogging.around(context, Map.of(), () -> {
            for (var record : records) {
                try {
                    StreamImages.change(record.getDynamodb(), Instant.now()).flatMap(SeriesRollerHandler::endedOccurrence)
                            .ifPresent(roller::roll);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "stream record " + record.getDynamodb().getSequenceNumber()
                            + " did not roll its series; the batch is retried from it: " + e);
                    return Optional.of(record.getDynamodb().getSequenceNumber());
                }
            }
            return Optional.<String>empty();
        });
        return new StreamsEventResponse(failed
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of()));
    }

    /** The series whose occurrence's call this change ended, if it ended one. */
    static Optional<String> endedOccurrence(ItemChange change) {
        if (!(change.after() instanceof StoredItem.StoredCall after) || after.call().seriesId() == null
                || !after.call().status().isTerminal()) {
            return Optional.empty();
        }
        boolean endedBefore = change.before() instanceof StoredItem.StoredCall before && before.call().status().isTerminal();
        return endedBefore ? Optional.empty() : Optional.of(after.call().seriesId());
    }
}
