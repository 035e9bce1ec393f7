package io.callscheduler.series;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.ItemChange;
import io.callscheduler.events.StoredItem;
import io.callscheduler.events.dynamodb.StreamImages;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * From the calls table's stream to the series roller, in the stream's order: a record in which an occurrence's call
 * reaches a final status (any: answered, busy, failed, canceled...) rolls its series, which creates the next
 * occurrence's call. A roll is idempotent, so a record read again rolls nothing twice.
 */
public final class EndedOccurrenceRolls {
    private static final System.Logger LOG = System.getLogger(EndedOccurrenceRolls.class.getName());
    private final Consumer<String> rollSeries;
    private final Clock clock;

    /** @param rollSeries rolls the series of this id ({@link SeriesRoller#roll}) */
    public EndedOccurrenceRolls(Consumer<String> rollSeries, Clock clock) {
        this.rollSeries = Objects.requireNonNull(rollSeries, "rollSeries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the sequence number of the first record whose roll failed (those after it were not tried), or empty when
     *         every record was taken in
     */
    public Optional<String> roll(List<StreamRecord> records) {
        for (StreamRecord record : records) {
            try {
                StreamImages.change(record, clock.instant()).flatMap(EndedOccurrenceRolls::endedOccurrence).ifPresent(rollSeries);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stream record " + record.getSequenceNumber()
                        + " did not roll its series; the batch is retried from it: " + e);
                return Optional.of(record.getSequenceNumber());
            }
        }
        return Optional.empty();
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
