package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.NewCallRequest;
import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.domain.RedialRequest;
import io.callscheduler.metrics.Datapoint;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.DynamoDbDailyRings;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.PlacingCallApi;
import io.callscheduler.testing.TestDispatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MaxCallsPerNumberPerDay counts rings, not creates: the reproduction (a callee who is always busy, calls that
 * redial ten times) against DynamoDB Local, the real counters, the pipeline and the callback path, counting the
 * provider's dials. Before, one create with ten attempts rang ten times; ten such creates, a hundred.
 */
class DailyRingCapTest {
    private static final String NUMBER = "+14155550700";
    private static final int CAP = 4;
    private MutableClock clock;
    private DynamoDbCallStore store;
    private String group;
    private DestinationGuard guard;
    private DailyRings rings;
    private CallApi api;
    private CallService calls;
    private DispatchService dispatch;
    private ProviderCallbacks callbacks;
    private List<String> dialed;
    private final List<Datapoint> published = new CopyOnWriteArrayList<>();
    private final RecordedMetrics metrics = new RecordedMetrics(published::addAll);

    @BeforeEach
    void start() {
        // Noon UTC of the clock's day: the test's attempts all fall on one UTC day, whenever it runs.
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12)));
        String table = LocalAws.get().newCallsTable();
        store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), table);
        guard = new DestinationGuard(Set.of(), CAP, LibPhoneNumberCallingCodes::new);
        group = LocalAws.get().newScheduleGroup();
        calls = new CallService(store, TestDispatch.scheduler(group), request -> { }, clock, CallScripts.ScriptRules.NONE,
                CallingHours.ANY_TIME,
                RedialPolicy.OFF, RedialLimits.WIDEST, guard);
        PlacingCallApi alwaysPlaced = new PlacingCallApi();
        dialed = alwaysPlaced.dialed;
        api = alwaysPlaced;
        rings = new DynamoDbDailyRings(LocalAws.get().dynamoDb(), table);
        dispatch = TestDispatch.builder(store, alwaysPlaced, group, clock)
                .destinations(guard, rings)
                .metrics(metrics).build();
        callbacks = new ProviderCallbacks(store, clock, RedialPolicy.OFF, null);
    }

    private String createRedialingTenTimes() {
        return calls.create(new NewCallRequest(NUMBER, "now", null, null, null, null, null, null, null, null, null,
                new RedialRequest("BUSY", "10", "0.05")), null).call().id();
    }

    /** Dials the call's current attempt and answers it busy, until the call stops coming back for another. */
    private Call dialUntilItStops(String id) {
        for (int round = 1; round <= 10; round++) {
            Call call = store.find(id).orElseThrow();
            if (call.status() != CallStatus.SCHEDULED) {
                return call;
            }
            advanceTo(call.dueAt());
            DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(id, call.dueAt(), "redial"));
            if (outcome != DispatchOutcome.DIALED) {
                return store.find(id).orElseThrow();
            }
            Call dialing = store.find(id).orElseThrow();
            clock.advance(Duration.ofSeconds(5));
            callbacks.accept(id, dialing.dialRound(), new ProviderCall(dialing.externalCallId(), "busy", null), null);
        }
        return store.find(id).orElseThrow();
    }

    @Test
    void oneCallThatRedialsTenTimesRingsTheNumberOnlyAsOftenAsTheDailyCap() {
        String id = createRedialingTenTimes();

        Call ended = dialUntilItStops(id);

        assertThat(dialed).as("rings to " + NUMBER).hasSize(CAP);
        assertThat(ended.status()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.dialRound()).isEqualTo(CAP + 1);
        assertThat(ended.lastError()).startsWith("not redialed: " + NUMBER + " has had its 4 dial attempts for "
                + clock.instant().atZone(ZoneOffset.UTC).toLocalDate()).contains("MaxCallsPerNumberPerDay")
                .endsWith("the last attempt: busy on attempt 4");
        metrics.publish();
        assertThat(published).contains(new Datapoint("CallsFailed", 1, Datapoint.Unit.COUNT, "Reason", "DAILY_CAP"));
    }

    @Test
    void tenCallsThatRedialTenTimesEachRingTheNumberOnlyAsOftenAsTheDailyCap() {
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            created.add(createRedialingTenTimes()); // each create counts its first ring
        }

        created.forEach(this::dialUntilItStops);

        assertThat(dialed).as("rings to " + NUMBER).hasSize(CAP);
        assertThat(created).allSatisfy(id -> assertThat(store.find(id).orElseThrow().status()).isEqualTo(CallStatus.FAILED));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(this::createRedialingTenTimes))
                .as("the fifth create of the day").hasMessageContaining("4 dial attempts");
    }

    @Test
    void theNextUtcDayHasItsOwnCount() {
        String id = createRedialingTenTimes();
        Call first = dialUntilItStops(id);
        assertThat(first.status()).isEqualTo(CallStatus.FAILED);

        // The next UTC day: the number may ring again.
        clock.advance(Duration.ofDays(1));
        String tomorrow = createRedialingTenTimes();
        Call dialing = dialOnce(tomorrow);
        assertThat(dialing.status()).isEqualTo(CallStatus.DIALING);
        assertThat(dialed).hasSize(CAP + 1);
    }

    private void advanceTo(Instant moment) {
        if (moment.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), moment));
        }
    }

    private Call dialOnce(String id) {
        Call call = store.find(id).orElseThrow();
        advanceTo(call.dueAt());
        dispatch.dispatch(new DispatchRequest(id, call.dueAt(), "scheduler"));
        return store.find(id).orElseThrow();
    }

    @Test
    void aCallDueJustAfterMidnightIsCountedForTheDayItRingsOnNotTheDayOfItsClaim() {
        // Today's cap is spent; a call due one second into tomorrow was counted for tomorrow when it was created.
        Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        for (int i = 0; i < CAP; i++) {
            createRedialingTenTimes();
        }
        String justAfter = calls.create(new NewCallRequest(NUMBER, midnight.plusSeconds(1).toString(), null, null, null,
                null, null, null, null, null, null, null), null).call().id();

        // Claimed before midnight (the claim comes a little before the call's moment), it rings after it.
        DispatchService claimingAhead = TestDispatch.builder(store, api, group, clock).destinations(guard, rings)
                .settings(DispatchSettings.DEFAULTS.withClaimLead(Duration.ofSeconds(2))).build();
        advanceTo(midnight.minusMillis(500));
        claimingAhead.dispatch(new DispatchRequest(justAfter, midnight.plusSeconds(1), "scheduler"));

        assertThat(store.find(justAfter).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
        assertThat(dialed).hasSize(1);
    }

    @Test
    void duplicateDeliveriesOfARedialCountItsRingOnce() throws Exception {
        String id = createRedialingTenTimes();
        dialUntilRedialWaits(id);
        java.util.concurrent.atomic.AtomicInteger takes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        DailyRings slowRings = quota -> {
            takes.incrementAndGet();
            both.countDown();
            try {
                both.await(1, java.util.concurrent.TimeUnit.SECONDS); // lets a second delivery catch up, if it can
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return rings.take(quota);
        };
        DispatchService racing = TestDispatch.builder(store, api, group, clock).destinations(guard, slowRings).build();
        Call waiting = store.find(id).orElseThrow();
        advanceTo(waiting.dueAt());

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> racing.dispatch(new DispatchRequest(id, waiting.dueAt(), "redial")));
            var second = pool.submit(() -> racing.dispatch(new DispatchRequest(id, waiting.dueAt(), "sweeper")));
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(DispatchOutcome.DIALED, DispatchOutcome.NOT_PENDING);
        } finally {
            pool.shutdown();
        }
        assertThat(takes).as("counts taken").hasValue(1);
        assertThat(dialed).hasSize(2);
    }

    @Test
    void aRingCountedByADispatchThatLosesTheCallToTheStatusSyncsReclaimIsGivenBack() {
        String id = createRedialingTenTimes();
        dialUntilRedialWaits(id); // ring 1 of CAP
        // The status sync reclaims the claimed call (it thought the dispatch died) right after the dispatch counted
        // its ring: the dispatch can no longer record the count on the call, and the reclaim's dispatch counts again.
        DailyRings reclaimedMeanwhile = quota -> {
            boolean counted = rings.take(quota);
            Call claimed = store.find(id).orElseThrow();
            store.replace(claimed, claimed.withRequestUnconfirmed(true).waitFor(io.callscheduler.model.WaitingFor.RETRY,
                    clock.instant(), clock.instant(), "a dial did not finish; asking the provider whether it placed the call"));
            return counted;
        };
        DailyRings giveBackCounting = new DailyRings() {
            @Override
            public boolean take(io.callscheduler.destinations.NumberQuota quota) {
                return reclaimedMeanwhile.take(quota);
            }

            @Override
            public void giveBack(io.callscheduler.destinations.NumberQuota quota) {
                rings.giveBack(quota);
            }
        };
        DispatchService losing = TestDispatch.builder(store, api, group, clock).destinations(guard, giveBackCounting).build();
        Call waiting = store.find(id).orElseThrow();
        advanceTo(waiting.dueAt());

        assertThat(losing.dispatch(new DispatchRequest(id, waiting.dueAt(), "redial"))).isEqualTo(DispatchOutcome.NOT_PENDING);
        Call ended = dialUntilItStops(id);

        assertThat(dialed).as("rings to " + NUMBER + ": the lost count did not use one of the day's").hasSize(CAP);
        assertThat(ended.status()).isEqualTo(CallStatus.FAILED);
    }

    /** Dials the first attempt and answers it busy: the call then waits for its redial. */
    private void dialUntilRedialWaits(String id) {
        Call call = dialOnce(id);
        callbacks.accept(id, call.dialRound(), new ProviderCall(call.externalCallId(), "busy", null), null);
        assertThat(store.find(id).orElseThrow().dialRound()).isEqualTo(2);
    }
}
