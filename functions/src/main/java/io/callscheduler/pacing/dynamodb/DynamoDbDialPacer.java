package io.callscheduler.pacing.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.pacing.DialPacer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The dial slots as one counter item in the calls table ({@code pacer#dials}, attribute {@code nextSlot} in
 * epoch milliseconds), shared by every dispatch invocation. A reservation is an atomic {@code ADD} of one
 * interval: the value before it is this dial's slot. When the counter has fallen behind the clock (the
 * line was idle), one conditional write moves it to now; a concurrent reserver that loses that race simply
 * adds again. So a burst costs about one write per dial, not a read-modify-write race per dial.
 */
public final class DynamoDbDialPacer implements DialPacer {
    static final String KEY = "pacer#dials";
    private static final String ID = "id";
    private static final String NEXT = "nextSlot";
    private static final int MAX_RACES = 50;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration interval;
    private final String description;

    public DynamoDbDialPacer(DynamoDbClient dynamoDb, String tableName, double callsPerSecond) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.interval = DialPacer.intervalFor(callsPerSecond);
        this.description = DialPacer.describe(callsPerSecond);
    }

    @Override
    public Instant reserve(Instant requested) {
        // Whole milliseconds, as stored, rounded up so that a slot is never before the moment asked for.
        Instant earliest = requested.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (earliest.isBefore(requested)) {
            earliest = earliest.plusMillis(1);
        }
        long step = interval.toMillis();
        try {
            for (int race = 0; race < MAX_RACES; race++) {
                long after = dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                        .updateExpression("ADD " + NEXT + " :step")
                        .expressionAttributeValues(Map.of(":step", AttributeValue.fromN(Long.toString(step))))
                        .returnValues(ReturnValue.UPDATED_NEW)).attributes().get(NEXT).n().transform(Long::parseLong);
                long slot = after - step;
                if (slot >= earliest.toEpochMilli()) {
                    return Instant.ofEpochMilli(slot);
                }
                // Behind the clock: move the line to now, unless another reserver moved it first. The first dial
                // after an idle spell gets two intervals to itself: it is the one likely to be slow to arrive
                // (a cold connection), and must not crowd the next into the provider's one-second window.
                long start = earliest.toEpochMilli();
                Instant granted = earliest;
                try {
                    dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                            .updateExpression("SET " + NEXT + " = :next")
                            .conditionExpression(NEXT + " = :seen")
                            .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(Long.toString(start + 2 * step)),
                                    ":seen", AttributeValue.fromN(Long.toString(after)))));
                    return granted;
                } catch (ConditionalCheckFailedException movedMeanwhile) {
                    // someone else moved it (or added after us): take the next slot from where it is now
                }
            }
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not reserve a dial slot: " + e.getMessage(), e);
        }
        throw new DependencyUnavailableException("could not reserve a dial slot after " + MAX_RACES + " races", null);
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public String describe() {
        return description;
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(ID, AttributeValue.fromS(KEY));
    }
}
