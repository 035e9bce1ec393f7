package io.callscheduler.domain.sync;

import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.ProviderProgress;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.telephony.ProviderHttp;
import io.callscheduler.telephony.generic.GenericCallApi;
import io.callscheduler.testing.CallApiStub;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each status-sync rule on its own, against DynamoDB Local and a Call API stub, on a clock the test moves. */
class SyncRulesTest {
    private static CallApiStub callApi;
    private static String group;
    private DynamoDbCallStore store;
    private MutableClock clock;
    private GenericCallApi api;
    private DispatchService dispatch;

    @BeforeAll
    static void start() {
        callApi = new CallApiStub();
        group = LocalAws.get().newScheduleGroup();
    }

    @AfterAll
    static void stop() {
        callApi.close();
    }

    @BeforeEach
    void reset() {
        callApi.reset();
        store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable());
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        api = new GenericCallApi(new ProviderHttp(HttpClient.newHttpClient()), URI.create(callApi.url()), Duration.ofSeconds(2), null, null);
        dispatch = io.callscheduler.testing.TestDispatch.builder(store, api, group, clock).build();
    }

    @Test
    void theSweepLeavesACallDueWithinItsGraceToItsScheduleAndDialsOneDueLonger() {
        SweepRule sweep = new SweepRule(dispatch, Duration.ofSeconds(15));
        Call justDue = TestCalls.scheduled(clock.instant().minusSeconds(10));
        Call overdue = TestCalls.scheduled(clock.instant().minusSeconds(20));
        store.insert(justDue);
        store.insert(overdue);
        SyncTally tally = new SyncTally();

        sweep.visit(justDue, clock.instant(), clock.instant().plusSeconds(50), tally);
        sweep.visit(overdue, clock.instant(), clock.instant().plusSeconds(50), tally);

        assertThat(tally.swept).hasValue(1);
        assertThat(store.find(justDue.id()).orElseThrow().status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(store.find(overdue.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
        assertThat(callApi.dialsFor(overdue.id())).isEqualTo(1);
    }

    @Test
    void theSweepDialsACallWrittenBeforeTheCutOffAsSoonAsItIsDueAndLeavesOneWrittenSinceToItsGrace() {
        Instant restartedAt = clock.instant().minusSeconds(5);
        SweepRule sweep = new SweepRule(dispatch, Duration.ofSeconds(15), restartedAt);
        Call handedOverBeforeStop = TestCalls.scheduled(clock.instant().minusSeconds(1)); // written an hour before
        Call notYetDue = TestCalls.scheduled(clock.instant().plusSeconds(1));
        Call writtenSince = TestCalls.scheduled(clock.instant().minusSeconds(1)).note(restartedAt.plusSeconds(1), "parked");
        for (Call call : new Call[]{handedOverBeforeStop, notYetDue, writtenSince}) {
            store.insert(call);
        }
        SyncTally tally = new SyncTally();

        for (Call call : new Call[]{handedOverBeforeStop, notYetDue, writtenSince}) {
            sweep.visit(call, clock.instant(), clock.instant().plusSeconds(50), tally);
        }

        assertThat(tally.swept).hasValue(1);
        assertThat(callApi.dialsFor(handedOverBeforeStop.id())).as("no 15 s grace").isEqualTo(1);
        assertThat(callApi.dialsFor(notYetDue.id())).as("never before its time").isZero();
        assertThat(callApi.dialsFor(writtenSince.id())).as("its dispatch may be alive: the grace holds").isZero();
    }

    @Test
    void aReclaimLeavesARecentDialAloneAndAStaleIndexSnapshotUnclaimed() {
        ReclaimRule reclaim = new ReclaimRule(store, dispatch, Duration.ofMinutes(5));
        Call recent = TestCalls.dialing(clock.instant().minusSeconds(60), null, 1);
        Call stale = TestCalls.dialing(clock.instant().minus(Duration.ofMinutes(6)), null, 1);
        store.insert(recent);
        store.insert(stale);
        Call movedOn = store.replace(stale, stale.note(clock.instant(), "a callback's note")); // the index saw the old version
        SyncTally tally = new SyncTally();

        reclaim.visit(recent, clock.instant(), clock.instant().plusSeconds(50), tally);
        reclaim.visit(stale, clock.instant(), clock.instant().plusSeconds(50), tally);

        assertThat(tally.reclaimed).hasValue(0);
        assertThat(store.find(recent.id()).orElseThrow()).isEqualTo(recent);
        assertThat(store.find(stale.id()).orElseThrow()).isEqualTo(movedOn);
        assertThat(callApi.dialRequests()).isEmpty();
    }

    /** Twilio's list can lag its creates: a dial cut off seconds ago is not looked up (and dialed again) until it settles. */
    @Test
    void aCutOffDialToAProviderWithoutIdempotencyKeysWaitsForItsListToSettleBeforeTheLookUp() {
        Instant restartedAt = clock.instant().minusSeconds(5);
        ReclaimRule reclaim = new ReclaimRule(store, dispatch, Duration.ofMinutes(5), restartedAt, ReclaimRule.LIST_SETTLE);
        Call cutOff = TestCalls.dialing(restartedAt.minusSeconds(20), null, 1);
        store.insert(cutOff);
        SyncTally tally = new SyncTally();

        reclaim.visit(cutOff, clock.instant(), clock.instant().plusSeconds(50), tally);

        Call waiting = store.find(cutOff.id()).orElseThrow();
        assertThat(tally.cutOff).hasValue(1);
        assertThat(waiting.status()).isEqualTo(io.callscheduler.model.CallStatus.SCHEDULED);
        assertThat(waiting.requestUnconfirmed()).isTrue();
        assertThat(waiting.nextAttemptAt()).isEqualTo(cutOff.dialStartedAt().plus(ReclaimRule.LIST_SETTLE));
        assertThat(callApi.dialsFor(cutOff.id())).as("no look-up, no dial yet").isZero();
    }

    @Test
    void aDialClaimedBeforeTheCutOffIsReclaimedAtOnceAndOneClaimedSinceIsLeftToItsDispatch() {
        Instant restartedAt = clock.instant().minusSeconds(5);
        ReclaimRule reclaim = new ReclaimRule(store, dispatch, Duration.ofMinutes(5), restartedAt, Duration.ZERO);
        Call cutOff = TestCalls.dialing(restartedAt.minusSeconds(20), null, 1); // minutes short of staleAfter
        Call sinceRestart = TestCalls.dialing(restartedAt.plusSeconds(1), null, 1);
        store.insert(cutOff);
        store.insert(sinceRestart);
        SyncTally tally = new SyncTally();

        reclaim.visit(cutOff, clock.instant(), clock.instant().plusSeconds(50), tally);
        reclaim.visit(sinceRestart, clock.instant(), clock.instant().plusSeconds(50), tally);

        assertThat(tally.reclaimed).hasValue(1);
        assertThat(tally.cutOff).hasValue(1);
        assertThat(store.find(sinceRestart.id()).orElseThrow()).isEqualTo(sinceRestart);
        assertThat(store.find(cutOff.id()).orElseThrow().history()).extracting(h -> h.detail())
                .containsSubsequence("a dial was cut off by the last stop; asking the provider whether it placed the call",
                        "the provider placed nothing for the lost request; dialing again");
        assertThat(callApi.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/calls?idempotencyKey=" + cutOff.id()))))
                .as("looked up before dialing again").hasSize(1);
        assertThat(callApi.dialsFor(cutOff.id())).isEqualTo(1);
        assertThat(callApi.dialsFor(sinceRestart.id())).isZero();
    }

    @Test
    void aReclaimAsksTheProviderFirstThenDialsACallItNeverPlaced() {
        ReclaimRule reclaim = new ReclaimRule(store, dispatch, Duration.ofMinutes(5));
        Call died = TestCalls.dialing(clock.instant().minus(Duration.ofMinutes(6)), null, 1);
        store.insert(died);
        SyncTally tally = new SyncTally();

        reclaim.visit(died, clock.instant(), clock.instant().plusSeconds(50), tally);

        assertThat(tally.reclaimed).hasValue(1);
        Call dialed = store.find(died.id()).orElseThrow();
        assertThat(dialed.status()).isEqualTo(CallStatus.DIALING);
        assertThat(dialed.externalCallId()).isNotNull();
        assertThat(dialed.history()).extracting(h -> h.detail())
                .containsSubsequence("a dial did not finish; asking the provider whether it placed the call",
                        "the provider placed nothing for the lost request; dialing again");
        assertThat(callApi.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/calls?idempotencyKey=" + died.id()))))
                .as("looked up before dialing again").hasSize(1);
        assertThat(callApi.dialsFor(died.id())).isEqualTo(1);
    }

    @Test
    void aPollWaitsWhileCallbacksFlowAndPollsOnceTheyGoQuiet() {
        SyncSettings settings = SyncSettings.DEFAULTS.withReconcileAfter(Duration.ofMinutes(2));
        PollRule poll = new PollRule(store, api, io.callscheduler.redial.RedialPolicy.OFF, null, settings, clock);
        Call placed = TestCalls.dialing(clock.instant().minus(Duration.ofMinutes(3)), "prov-1", 1)
                .withProgress(new ProviderProgress(null, null, clock.instant().minusSeconds(30), 2L));
        store.insert(placed);
        callApi.callHasStatus("prov-1", "completed", null);
        SyncTally tally = new SyncTally();

        poll.visit(placed, clock.instant(), clock.instant().plusSeconds(50), tally);
        assertThat(tally.polled).as("a callback 30 s ago: not polled").hasValue(0);

        clock.advance(Duration.ofMinutes(2));
        poll.visit(placed, clock.instant(), clock.instant().plusSeconds(50), tally);
        assertThat(tally.polled).hasValue(1);
        assertThat(store.find(placed.id()).orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
    }
}
