package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.DialableNumbers;
import io.callscheduler.destinations.NumberType;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberPlan;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.PlacingCallApi;
import io.callscheduler.testing.TestDispatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call written before the destination guard closed its number (an upgrade, or a narrowed AllowedNumberTypes) is
 * not dialed: the guard holds at the moment of dialing too.
 */
class DestinationRecheckTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final PlacingCallApi recording = new PlacingCallApi();

    @Test
    void aCallToAPremiumNumberWrittenBeforeTheGuardIsNotDialed() {
        DynamoDbCallStore store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable());
        Call premium = Call.newScheduled("00000000-0000-4000-8000-000000000900", "+19005550100", "Old", null,
                clock.instant(), "UTC", clock.instant().minusSeconds(3600));
        Call ordinary = Call.newScheduled("00000000-0000-4000-8000-000000000123", "+14155550123", "Old", null,
                clock.instant(), "UTC", clock.instant().minusSeconds(3600));
        store.insert(premium);
        store.insert(ordinary);
        DestinationGuard closed = new DestinationGuard(Set.of(), 0, LibPhoneNumberCallingCodes::new,
                new DialableNumbers(NumberType.DEFAULT_ALLOWED, LibPhoneNumberPlan::new));
        DispatchService dispatch = TestDispatch.builder(store, recording, LocalAws.get().newScheduleGroup(), clock)
                .destinations(closed, DailyRings.UNCOUNTED).build();

        assertThat(dispatch.dispatch(new DispatchRequest(premium.id(), premium.scheduledAt(), "scheduler")))
                .isEqualTo(DispatchOutcome.FAILED);
        assertThat(dispatch.dispatch(new DispatchRequest(ordinary.id(), ordinary.scheduledAt(), "scheduler")))
                .isEqualTo(DispatchOutcome.DIALED);

        Call failed = store.find(premium.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(CallStatus.FAILED);
        assertThat(failed.lastError()).startsWith("not dialed: ").contains("premium-rate").contains("AllowedNumberTypes");
        assertThat(recording.dialed).containsExactly("+14155550123");
    }
}
