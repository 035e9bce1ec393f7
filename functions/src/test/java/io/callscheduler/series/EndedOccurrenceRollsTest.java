package io.callscheduler.series;

import io.callscheduler.events.ItemChange;
import io.callscheduler.events.StoredItem;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stream changes roll a series: an occurrence's call reaching a final status, once. */
class EndedOccurrenceRollsTest {
    private static final Instant AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static ItemChange change(Call before, Call after) {
        return new ItemChange(after.id(), before == null ? null : new StoredItem.StoredCall(before),
                new StoredItem.StoredCall(after), AT);
    }

    @Test
    void anOccurrencesCallThatEndsRollsItsSeriesOnceAndNothingElseDoes() {
        Call pending = TestCalls.scheduled(AT).withSeries("series-1", LocalDateTime.ofInstant(AT, java.time.ZoneOffset.UTC));
        Call canceled = pending.moveTo(CallStatus.CANCELED, AT, "canceled");
        Call alone = TestCalls.scheduled(AT);

        assertThat(EndedOccurrenceRolls.endedOccurrence(change(pending, canceled))).contains("series-1");
        assertThat(EndedOccurrenceRolls.endedOccurrence(change(null, canceled))).contains("series-1");
        assertThat(EndedOccurrenceRolls.endedOccurrence(change(canceled, canceled.note(AT, "late note")))).isEmpty();
        assertThat(EndedOccurrenceRolls.endedOccurrence(change(null, pending))).isEmpty();
        assertThat(EndedOccurrenceRolls.endedOccurrence(change(alone, alone.moveTo(CallStatus.CANCELED, AT, "x")))).isEmpty();
    }
}
