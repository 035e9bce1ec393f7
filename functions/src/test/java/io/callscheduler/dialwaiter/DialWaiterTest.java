package io.callscheduler.dialwaiter;

import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waiter's timing, on a clock the test moves: dispatch is handed the event at its moment, unchanged. */
class DialWaiterTest {
    /** A call's moment a day ahead, at 17.25 s past a minute: derived from the clock, never a date written down. */
    private static final Instant CALL_AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .plus(Duration.ofDays(1)).plusMillis(17_250);
    private static final Duration CLAIM_LEAD = Duration.ofSeconds(2);
    private static final Duration HANDOVER = Duration.ofMillis(1500);

    private final MutableClock clock = new MutableClock(CALL_AT.minusSeconds(61));
    /** When dispatch was invoked, and with what. */
    private final List<Instant> handedOverAt = new ArrayList<>();
    private final List<String> handedOver = new ArrayList<>();
    /** When the hand-over was prepared; preparing takes 300 ms of the wait. */
    private final List<Instant> preparedAt = new ArrayList<>();
    private final DialWaiter waiter = new DialWaiter(clock, clock::sleep, CLAIM_LEAD, HANDOVER, new DispatchHandover() {
        @Override
        public byte[] dispatch(byte[] event) {
            handedOverAt.add(clock.instant());
            handedOver.add(new String(event, StandardCharsets.UTF_8));
            return "{\"outcome\":\"DIALED\"}".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void prepare() {
            preparedAt.add(clock.instant());
            clock.advance(Duration.ofMillis(300));
        }
    });

    private static byte[] scheduleInput(Instant scheduledFor) {
        return DispatchEvents.schedulerInput(new DispatchRequest("call-1", scheduledFor, "scheduler"))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aScheduleThatFiredEarlyPreparesThenSleepsOnceUntilTheClaimLessTheHandoverThenHandsTheSameEventToDispatch() {
        byte[] event = scheduleInput(CALL_AT);

        byte[] answer = waiter.waitAndHandOver(event);

        Instant expected = CALL_AT.minusMillis(3_500); // 17.25 s - 2 s claim lead - 1.5 s hand-over
        assertThat(preparedAt).containsExactly(CALL_AT.minusSeconds(61));
        // The preparing's time comes off the wait: the hand-over is not later for it.
        assertThat(clock.waits).containsExactly(Duration.between(CALL_AT.minusSeconds(61).plusMillis(300), expected));
        assertThat(handedOverAt).containsExactly(expected);
        assertThat(handedOver).containsExactly(new String(event, StandardCharsets.UTF_8));
        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"outcome\":\"DIALED\"}");
    }

    @Test
    void aTriggerPastItsHandoverMomentHandsOverAtOnce() {
        clock.advance(Duration.ofSeconds(60)); // 1 s before the call: past the hand-over moment (3.5 s before)

        waiter.waitAndHandOver(scheduleInput(CALL_AT));

        assertThat(clock.waits).isEmpty();
        assertThat(preparedAt).isEmpty();
        assertThat(handedOverAt).containsExactly(CALL_AT.minusSeconds(1));
    }

    @Test
    void aShortWaitIsNotPreparedFor() {
        clock.advance(Duration.ofMillis(55_000)); // 2.5 s before the hand-over moment: less than two hand-overs

        waiter.waitAndHandOver(scheduleInput(CALL_AT));

        assertThat(preparedAt).isEmpty();
        assertThat(clock.waits).containsExactly(Duration.ofMillis(2_500));
    }

    @Test
    void anEventWithoutATimeOrNotADispatchEventIsHandedOverAtOnceForDispatchToJudge() {
        waiter.waitAndHandOver(DispatchEvents.toJson(new DispatchRequest("call-1", null, "sweeper")).getBytes(StandardCharsets.UTF_8));
        waiter.waitAndHandOver("not json".getBytes(StandardCharsets.UTF_8));

        assertThat(clock.waits).isEmpty();
        assertThat(handedOver).containsExactly("{\"callId\":\"call-1\",\"source\":\"sweeper\"}", "not json");
    }

    @Test
    void aFailedHandoverIsThrownOnSoThatTheTriggerIsRetried() {
        DialWaiter failing = new DialWaiter(clock, clock::sleep, CLAIM_LEAD, HANDOVER, event -> {
            throw new HandoverFailedException("dispatch failed (Unhandled)", null);
        });

        assertThatThrownBy(() -> failing.waitAndHandOver(scheduleInput(CALL_AT)))
                .isInstanceOf(HandoverFailedException.class).hasMessageContaining("Unhandled");
    }
}
