package io.callscheduler.entrypoints;

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
class SeriesRollerHandlerTest {
    private static final Instant AT = Instant.parse("2031-01-01T10:00:00Z");

    private static ItemChange change(Call before, Call after) {
        return new ItemChange(after.id(), before == null ? null : new StoredItem.StoredCall(before),
                new StoredItem.StoredCall(after), AT);
    }

    @Test
    void anOccurrencesCallThatEndsRollsItsSeriesOnceAndNothingElseDoes() {
        Call pending = TestCalls.scheduled(AT).withSeries("series-1", LocalDateTime.parse("2031-01-01T10:00"));
        Call canceled = pending.moveTo(CallStatus.CANCELED, AT, "canceled");
        Call alone = TestCalls.scheduled(AT);

        assertThat(SeriesRollerHandler.endedOccurrence(change(pending, canceled))).contains("series-1");
        assertThat(SeriesRollerHandler.endedOccurrence(change(null, canceled))).contains("series-1");
        assertThat(SeriesRollerHandler.endedOccurrence(change(canceled, canceled.note(AT, "late note")))).isEmpty();
        assertThat(SeriesRollerHandler.endedOccurrence(change(null, pending))).isEmpty();
        assertThat(SeriesRollerHandler.endedOccurrence(change(alone, alone.moveTo(CallStatus.CANCELED, AT, "x")))).isEmpty();
    }
}
