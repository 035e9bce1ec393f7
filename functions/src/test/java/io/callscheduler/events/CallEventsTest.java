package io.callscheduler.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.events.StoredItem.StoredCall;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.ProviderProgress;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.views.CallViews;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.callscheduler.events.EventType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Which event each write of a call emits: every status change the state machine allows, and the writes that change none. */
class CallEventsTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_900_000_000L));
    private final Call created = Call.newScheduled("3f1b2c4d-0000-4000-8000-000000000001", "+14155550100", "Ada", "notes",
            clock.instant().plus(Duration.ofHours(1)), "Europe/Paris", clock.instant());

    /** What the store writes: the change, its version one up. */
    private static Call written(Call before, Call after) {
        return after.withVersion(before.version() + 1);
    }

    private Instant later() {
        clock.advance(Duration.ofSeconds(7));
        return clock.instant();
    }

    private List<OutboundEvent> events(Call before, Call after) {
        return EventDerivation.derive(new ItemChange(after != null ? after.id() : before.id(),
                before == null ? null : new StoredCall(before), after == null ? null : new StoredCall(after), clock.instant()));
    }

    private List<EventType> types(Call before, Call after) {
        return events(before, after).stream().map(OutboundEvent::type).toList();
    }

    private Call dialing() {
        return written(created, created.claim(later(), "dispatch"));
    }

    @Test
    void aCreatedCallIsScheduled() {
        assertThat(types(null, created)).containsExactly(CALL_SCHEDULED);
    }

    @Test
    void everyStatusChangeTheStateMachineAllowsEmitsItsOneEventAndAWaitWithinAnAttemptNone() {
        Map<CallStatus, EventType> expected = Map.of(CallStatus.DIALING, CALL_DIALING, CallStatus.IN_PROGRESS, CALL_IN_PROGRESS,
                CallStatus.COMPLETED, CALL_COMPLETED, CallStatus.BUSY, CALL_BUSY, CallStatus.NO_ANSWER, CALL_NO_ANSWER,
                CallStatus.FAILED, CALL_FAILED, CallStatus.CANCELED, CALL_CANCELED);
        Map<CallStatus, Call> at = Map.of(CallStatus.SCHEDULED, created, CallStatus.DIALING, dialing(),
                CallStatus.IN_PROGRESS, written(dialing(), dialing().moveTo(CallStatus.IN_PROGRESS, later(), "answered")));
        List<String> checked = new ArrayList<>();
        for (CallStatus from : at.keySet()) {
            for (CallStatus to : CallStatus.values()) {
                if (!from.canMoveTo(to)) {
                    continue;
                }
                Call before = at.get(from);
                Call after = written(before, to == CallStatus.SCHEDULED
                        ? before.waitFor(WaitingFor.RETRY, later().plusSeconds(30), clock.instant(), "provider down")
                        : before.moveTo(to, later(), "moved"));
                List<EventType> types = types(before, after);
                if (to == CallStatus.SCHEDULED) {
                    assertThat(types).as(from + " -> SCHEDULED, waiting within the attempt").isEmpty();
                } else {
                    assertThat(types).as(from + " -> " + to).containsExactly(expected.get(to));
                }
                checked.add(from + "->" + to);
            }
        }
        assertThat(checked).as("every transition CallStatus allows").hasSize(3 + 7 + 5);
    }

    @Test
    void aCallWithdrawnForTheDoNotCallListIsSuppressedNotCanceled() {
        Call before = dialing();
        Call withdrawn = written(before, before.withdraw(later(), "+14155550100 is on the do-not-call list"));
        assertThat(types(before, withdrawn)).containsExactly(CALL_SUPPRESSED);

        Call canceledByUser = written(created, created.moveTo(CallStatus.CANCELED, later(), "canceled by user"));
        assertThat(types(created, canceledByUser)).containsExactly(CALL_CANCELED);
        Call stoppedCampaign = written(created, created.moveTo(CallStatus.CANCELED, later(), "campaign stopped")
                .withLastError("campaign stopped"));
        assertThat(types(created, stoppedCampaign)).containsExactly(CALL_CANCELED);
    }

    @Test
    void aRedialIsRedialScheduledFromDialingFromInProgressAndWhenALostRequestsCallIsAdoptedAndEndsInOneWrite() {
        Call dialing = dialing();
        Call fromDialing = written(dialing, dialing.redialAt(later().plusSeconds(600), CallStatus.BUSY, clock.instant(), "redial"));
        assertThat(types(dialing, fromDialing)).containsExactly(CALL_REDIAL_SCHEDULED);

        Call answered = written(dialing, dialing.moveTo(CallStatus.IN_PROGRESS, later(), "answered"));
        Call fromInProgress = written(answered, answered.redialAt(later().plusSeconds(600), CallStatus.FAILED,
                clock.instant(), "redial"));
        assertThat(types(answered, fromInProgress)).containsExactly(CALL_REDIAL_SCHEDULED);

        // ProviderUpdates: a call waiting with its request unconfirmed is adopted (DIALING) and redialed in one write.
        Call waiting = written(dialing, dialing.withRequestUnconfirmed(true)
                .waitFor(WaitingFor.RETRY, later().plusSeconds(30), clock.instant(), "timeout"));
        Call adoptedAndRedialed = written(waiting, waiting.resumeDialing(later(), "placed").redialAt(later().plusSeconds(600),
                CallStatus.NO_ANSWER, clock.instant(), "redial"));
        assertThat(adoptedAndRedialed.status()).isEqualTo(waiting.status());
        assertThat(types(waiting, adoptedAndRedialed)).containsExactly(CALL_REDIAL_SCHEDULED);

        Call dialedAgain = written(fromDialing, fromDialing.claim(later(), "redial due"));
        assertThat(types(fromDialing, dialedAgain)).containsExactly(CALL_DIALING);
    }

    @Test
    void aRescheduleIsScheduledAgainWithTheNewTime() {
        Instant newTime = created.scheduledAt().plus(Duration.ofDays(1));
        Call moved = written(created, created.withSchedule(newTime, "America/New_York").note(later(), "rescheduled"));
        List<OutboundEvent> events = events(created, moved);
        assertThat(events).extracting(OutboundEvent::type).containsExactly(CALL_SCHEDULED);
        assertThat(events.get(0).data().get("scheduledAt").asText()).isEqualTo(newTime.toString());
        assertThat(events.get(0).data().get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void writesThatChangeNoStatusEmitNothing() {
        Call dialing = dialing();
        List<Call> quiet = List.of(
                written(created, created.note(later(), "a note")),
                written(created, created.waitFor(WaitingFor.CALLING_HOURS, later().plusSeconds(3600), clock.instant(), "night")),
                written(created, created.waitFor(WaitingFor.LINE, later().plusSeconds(5), clock.instant(), null)),
                written(created, created.withReservedSlot(later())),
                written(dialing, dialing.withProvider("CA0123", "ringing")),
                written(dialing, dialing.withProgress(new ProviderProgress(12, "human", later(), 3L))),
                written(dialing, dialing.withProviderUnknownSince(later())));
        for (Call after : quiet) {
            Call before = after.version() == created.version() + 1 ? created : dialing;
            assertThat(types(before, after)).as(after.history().get(after.history().size() - 1).detail()).isEmpty();
        }
        assertThat(types(created, null)).as("a deletion").isEmpty();
    }

    @Test
    void theDataIsTheCallAsGetShowsItPlusItsSequenceAndTheTimestampIsTheWritesTime() {
        Call dialing = dialing();
        Call answered = written(dialing, dialing.moveTo(CallStatus.IN_PROGRESS, later(), "answered"));
        OutboundEvent event = events(dialing, answered).get(0);

        JsonNode expected = CallViews.full(answered).put("sequence", answered.version());
        assertThat(event.data()).isEqualTo(expected);
        assertThat(event.data().get("sequence").asLong()).isEqualTo(3);
        assertThat(event.timestamp()).isEqualTo(answered.updatedAt());
        assertThat(event.payload().fieldNames()).toIterable().containsExactly("type", "timestamp", "data");
        assertThat(event.payload().get("type").asText()).isEqualTo("call.in_progress");
    }

    @Test
    void everyCallEventTypeIsReachable() {
        EnumSet<EventType> seen = EnumSet.noneOf(EventType.class);
        Call dialing = dialing();
        seen.addAll(types(null, created));
        seen.addAll(types(created, dialing));
        seen.addAll(types(dialing, written(dialing, dialing.withdraw(later(), "listed"))));
        seen.addAll(types(dialing, written(dialing, dialing.redialAt(later(), CallStatus.BUSY, clock.instant(), "r"))));
        for (CallStatus end : List.of(CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER,
                CallStatus.FAILED, CallStatus.CANCELED)) {
            seen.addAll(types(dialing, written(dialing, dialing.moveTo(end, later(), "end"))));
        }
        assertThat(seen.stream().filter(t -> t.wireName().startsWith("call.")))
                .containsExactlyInAnyOrder(CALL_SCHEDULED, CALL_DIALING, CALL_IN_PROGRESS, CALL_COMPLETED, CALL_BUSY,
                        CALL_NO_ANSWER, CALL_FAILED, CALL_CANCELED, CALL_REDIAL_SCHEDULED, CALL_SUPPRESSED);
    }
}
