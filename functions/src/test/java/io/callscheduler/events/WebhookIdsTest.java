package io.callscheduler.events;

import io.callscheduler.events.StoredItem.StoredCall;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook-id: the same change always yields the same id, any other change another. */
class WebhookIdsTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_900_000_000L));

    @Test
    void anIdIsMsgAnd32HexDigitsAndDependsOnKeyRevisionAndTypeOnly() {
        String id = WebhookIds.of("call-1", "3", EventType.CALL_DIALING);
        assertThat(id).matches("msg_[0-9a-f]{32}");
        assertThat(WebhookIds.of("call-1", "3", EventType.CALL_DIALING)).isEqualTo(id);
        assertThat(List.of(WebhookIds.of("call-2", "3", EventType.CALL_DIALING), WebhookIds.of("call-1", "4", EventType.CALL_DIALING),
                WebhookIds.of("call-1", "3", EventType.CALL_FAILED), WebhookIds.of("call-13", "", EventType.CALL_DIALING)))
                .doesNotContain(id).doesNotHaveDuplicates();
    }

    @Test
    void aStreamRecordProcessedTwiceYieldsTheSameEventByteForByte() {
        Call created = Call.newScheduled("3f1b2c4d-0000-4000-8000-000000000002", "+14155550100", null, null,
                clock.instant().plus(Duration.ofHours(1)), "UTC", clock.instant());
        clock.advance(Duration.ofMinutes(5));
        Call dialing = created.claim(clock.instant(), "dispatch").withVersion(2);
        ItemChange record = new ItemChange(created.id(), new StoredCall(created), new StoredCall(dialing), clock.instant());

        OutboundEvent first = EventDerivation.derive(record).get(0);
        clock.advance(Duration.ofMinutes(3)); // processed again later: Lambda retried the batch
        OutboundEvent again = EventDerivation.derive(new ItemChange(created.id(), new StoredCall(created),
                new StoredCall(dialing), record.changedAt())).get(0);

        assertThat(again.id()).isEqualTo(first.id()).isEqualTo(WebhookIds.of(created.id(), "2", EventType.CALL_DIALING));
        assertThat(again.body()).isEqualTo(first.body());

        clock.advance(Duration.ofMinutes(1));
        Call retried = dialing.waitFor(io.callscheduler.model.WaitingFor.RETRY, clock.instant(), clock.instant(), "down")
                .withVersion(3).claim(clock.instant(), "again").withVersion(4);
        OutboundEvent secondDial = EventDerivation.derive(new ItemChange(created.id(), new StoredCall(dialing.moveTo(
                CallStatus.SCHEDULED, clock.instant(), "down").withVersion(3)), new StoredCall(retried), clock.instant())).get(0);
        assertThat(secondDial.type()).isEqualTo(EventType.CALL_DIALING);
        assertThat(secondDial.id()).as("the second dial of the call is another message").isNotEqualTo(first.id());
    }
}
