package io.callscheduler.reports;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.ItemChange;
import io.callscheduler.events.StoredItem;
import io.callscheduler.events.dynamodb.StreamImages;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From the calls table's stream to the aggregates, in the stream's order: a record whose call moves into a final status
 * (from one that is not, or created final) counts that call once ({@link OutcomeAggregates#count} drops a repeat). A
 * final status never changes again, so the later writes of an ended call (notes, late callbacks) count nothing.
 *
 * <p>After a batch, {@code asOf} moves to its last change taken in, at most once a minute per container (a write per
 * batch would double a quiet table's writes), so it may understate how current the aggregates are by up to a minute,
 * never overstate it. The report items' own changes (which come back on the same stream) do not move it, or each
 * batch would cause the next.
 */
public final class OutcomeRecorder {
    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());
    private static final String REPORT_ITEMS = "report#";
    static final java.time.Duration AS_OF_EVERY = java.time.Duration.ofMinutes(1);

    private final OutcomeAggregates aggregates;
    private final Clock clock;
    /** When this container last wrote {@code asOf}; null before it has. */
    private Instant asOfWrittenAt;

    public OutcomeRecorder(OutcomeAggregates aggregates, Clock clock) {
        this.aggregates = Objects.requireNonNull(aggregates, "aggregates");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the sequence number of the first record not taken in (those after it were not tried), or empty when
     *         every record was
     */
    public Optional<String> record(List<StreamRecord> records) {
        Instant latest = null;
        Optional<String> failed = Optional.empty();
        for (StreamRecord record : records) {
            if (isReportItem(record)) {
                continue;
            }
            Optional<ItemChange> change;
            try {
                change = StreamImages.change(record, clock.instant());
                change.flatMap(OutcomeRecorder::ended).ifPresent(aggregates::count);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stream record " + record.getSequenceNumber()
                        + " was not counted in the outcome reports; the batch is retried from it: " + e);
                failed = Optional.of(record.getSequenceNumber());
                break;
            }
            Instant changedAt = change.map(ItemChange::changedAt).orElseGet(() -> record.getApproximateCreationDateTime() != null
                    ? record.getApproximateCreationDateTime().toInstant() : clock.instant());
            latest = latest == null || changedAt.isAfter(latest) ? changedAt : latest;
        }
        Instant now = clock.instant();
        if (latest != null && (asOfWrittenAt == null || !now.isBefore(asOfWrittenAt.plus(AS_OF_EVERY)))) {
            aggregates.advanceAsOf(latest);
            asOfWrittenAt = now;
        }
        return failed;
    }

    /** The call that this change ended, if it ended one. */
    static Optional<EndedCall> ended(ItemChange change) {
        if (!(change.after() instanceof StoredItem.StoredCall after)) {
            return Optional.empty();
        }
        boolean endedBefore = change.before() instanceof StoredItem.StoredCall before && before.call().status().isTerminal();
        return endedBefore ? Optional.empty() : EndedCall.of(after.call());
    }

    private static boolean isReportItem(StreamRecord record) {
        var key = record.getKeys() == null ? null : record.getKeys().get(io.callscheduler.store.dynamodb.CallsTable.ID);
        return key != null && key.getS() != null && key.getS().startsWith(REPORT_ITEMS);
    }
}
