package io.callscheduler.domain.sync;

import io.callscheduler.domain.CallService;
import io.callscheduler.domain.NewCallRequest;

import io.callscheduler.domain.dispatch.DispatchService;

import io.callscheduler.dispatch.lambda.LambdaDispatchInvoker;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.scheduling.eventbridge.EventBridgeDialScheduler;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.telephony.ProviderHttp;
import io.callscheduler.telephony.generic.GenericCallApi;
import io.callscheduler.testing.CallApiStub;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.StaleIndexStore;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The once-a-minute run against DynamoDB Local, the Scheduler emulator (not firing) and a stubbed Call API. */
class StatusSyncServiceTest {
    private static final SyncSettings SETTINGS = SyncSettings.DEFAULTS.withConcurrency(8)
            .withMaxTaskDuration(Duration.ofSeconds(5));
    private static CallApiStub callApi;
    private static String group;
    private DynamoDbCallStore store;
    private MutableClock clock;
    private StatusSyncService sync;
    private CallService calls;
    private GenericCallApi api;
    private EventBridgeDialScheduler scheduler;

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
        store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable()); // isolated counts
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        api = new GenericCallApi(new ProviderHttp(HttpClient.newHttpClient()), URI.create(callApi.url()), Duration.ofSeconds(2), null, null);
        LocalAws aws = LocalAws.get();
        String dispatchArn = aws.lambda.arnOf("not-invoked");
        scheduler = io.callscheduler.testing.TestDispatch.scheduler(group);
        sync = new StatusSyncService(store, api, dispatchService(store, api), SETTINGS, clock);
        calls = new CallService(store, scheduler, new LambdaDispatchInvoker(aws.lambdaClient(), dispatchArn), clock);
    }

    private DispatchService dispatchService(io.callscheduler.store.CallStore callStore, io.callscheduler.telephony.CallApi callApi) {
        return io.callscheduler.testing.TestDispatch.builder(callStore, callApi, group, clock).build();
    }

    private StatusSyncService.Report runNow() {
        return sync.run(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void theSweeperDialsADueCallWhoseScheduleNeverFired() {
        Call call = calls.create(new NewCallRequest("+14155550111", clock.instant().plus(Duration.ofHours(1)).toString(),
                null, null, null));
        clock.advance(Duration.ofHours(1).plusSeconds(16));

        StatusSyncService.Report report = runNow();

        assertThat(report.swept()).isEqualTo(1);
        assertThat(callApi.dialsFor(call.id())).isEqualTo(1);
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
        assertThat(LocalAws.get().schedulerClient().getSchedule(r -> r.groupName(group).name("call-" + call.id())))
                .as("the schedule is still there: it never fired").isNotNull();
        assertThat(runNow().swept()).as("a second run does not dial again").isZero();
        assertThat(callApi.dialsFor(call.id())).isEqualTo(1);
    }

    @Test
    void theSweeperLeavesCallsTheSchedulerIsAboutToFire() {
        Call call = TestCalls.scheduled(clock.instant().minusSeconds(5));
        store.insert(call);
        assertThat(runNow().swept()).isZero();
        assertThat(callApi.dialsFor(call.id())).isZero();
    }

    @Test
    void pollingFollowsTheProviderToCompleted() {
        Call call = TestCalls.dialing(clock.instant(), "prov-a1", 1);
        store.insert(call);

        callApi.callHasStatus("prov-a1", "ringing", null);
        assertThat(runNow().changed()).isEqualTo(1);
        assertThat(store.find(call.id()).orElseThrow().providerStatus()).isEqualTo("ringing");

        callApi.callHasStatus("prov-a1", "in-progress", null);
        runNow();
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);

        callApi.callHasStatus("prov-a1", "completed", null);
        runNow();
        Call done = store.find(call.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.providerStatus()).isEqualTo("completed");
        assertThat(done.history()).extracting(h -> h.status()).containsSubsequence(CallStatus.DIALING,
                CallStatus.IN_PROGRESS, CallStatus.COMPLETED);

        long version = done.version();
        runNow();
        assertThat(store.find(call.id()).orElseThrow().version()).as("finished calls are not polled").isEqualTo(version);
    }

    @Test
    void anUnchangedStatusWritesNothing() {
        Call call = TestCalls.dialing(clock.instant(), "prov-same", 1);
        store.insert(call);
        callApi.callHasStatus("prov-same", "queued", null);

        StatusSyncService.Report report = runNow();

        assertThat(report.polled()).isEqualTo(1);
        assertThat(report.changed()).isZero();
        assertThat(store.find(call.id()).orElseThrow().version()).isEqualTo(call.version());
    }

    @ParameterizedTest
    @CsvSource({"busy,BUSY", "no-answer,NO_ANSWER", "failed,FAILED", "canceled,FAILED", "completed,COMPLETED"})
    void providerOutcomesMapToFinalStatuses(String providerStatus, CallStatus expected) {
        String providerId = "prov-" + providerStatus;
        Call call = TestCalls.dialing(clock.instant(), providerId, 1);
        store.insert(call);
        callApi.callHasStatus(providerId, providerStatus, "failed".equals(providerStatus) ? "carrier error 31005" : null);

        runNow();

        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(expected);
        if ("failed".equals(providerStatus)) {
            assertThat(stored.lastError()).isEqualTo("carrier error 31005");
        }
    }

    @Test
    void aCallTheProviderDoesNotKnowFailsOnlyWhenItKeepsNotKnowingItForAMinute() {
        Call call = TestCalls.dialing(clock.instant(), "prov-ghost", 1);
        store.insert(call);
        callApi.server.stubFor(get(urlPathEqualTo("/calls/prov-ghost")).willReturn(aResponse().withStatus(404)));

        runNow();
        Call lagging = store.find(call.id()).orElseThrow();
        assertThat(lagging.status()).as("one 404 is read-after-write lag").isEqualTo(CallStatus.DIALING);
        assertThat(lagging.lastError()).isNull();
        clock.advance(Duration.ofSeconds(30));
        runNow();
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
        clock.advance(Duration.ofSeconds(31));

        runNow();

        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.FAILED);
        assertThat(stored.lastError()).contains("has not known call prov-ghost for 61 s");
    }

    @Test
    void aCallTheProviderKnowsAgainAfterA404CarriesOn() {
        Call call = TestCalls.dialing(clock.instant(), "prov-lag", 1);
        store.insert(call);
        callApi.server.stubFor(get(urlPathEqualTo("/calls/prov-lag")).willReturn(aResponse().withStatus(404)));
        runNow();
        callApi.callHasStatus("prov-lag", "in-progress", null);
        clock.advance(Duration.ofSeconds(50));
        runNow();
        callApi.server.stubFor(get(urlPathEqualTo("/calls/prov-lag")).willReturn(aResponse().withStatus(404)));
        clock.advance(Duration.ofSeconds(50));

        runNow();

        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).as("the minute counts from the latest 404, not the first").isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(stored.providerUnknownSince()).isEqualTo(clock.instant());
    }

    @Test
    void aCallActiveForTooLongFails() {
        Call call = TestCalls.dialing(clock.instant(), "prov-stuck", 1);
        store.insert(call);
        callApi.callHasStatus("prov-stuck", "ringing", null);
        runNow();
        clock.advance(Duration.ofHours(4).plusMinutes(1));

        runNow();

        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.FAILED);
        assertThat(stored.lastError()).contains("no final status");
    }

    @Test
    void aDialThatDiedIsPlacedAgainWithTheSameIdempotencyKey() {
        Call call = TestCalls.dialing(clock.instant(), null, 1);
        store.insert(call);
        assertThat(runNow().reclaimed()).as("not stale yet").isZero();
        clock.advance(Duration.ofMinutes(6));

        assertThat(runNow().reclaimed()).isEqualTo(1);

        assertThat(callApi.dialsFor(call.id())).isEqualTo(1);
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.DIALING);
        assertThat(stored.externalCallId()).isEqualTo("prov-" + call.id());
        assertThat(stored.attempts()).isEqualTo(2);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = CallStatus.class, names = {"FAILED", "COMPLETED", "IN_PROGRESS"})
    void aStaleDialingSnapshotOfACallThatMovedOnIsNeverPlacedAgain(CallStatus movedOnTo) {
        Call stale = TestCalls.dialing(clock.instant().minus(Duration.ofMinutes(10)), null, 1);
        store.insert(stale);
        Call movedOn = movedOnTo == CallStatus.FAILED
                ? stale.moveTo(CallStatus.FAILED, clock.instant(), "rejected").withLastError("rejected")
                : stale.withProvider("prov-moved-on", movedOnTo == CallStatus.COMPLETED ? "completed" : "in-progress")
                        .moveTo(movedOnTo, clock.instant(), "provider");
        store.replace(stale, movedOn);
        callApi.callHasStatus("prov-moved-on", "in-progress", null);
        StaleIndexStore lagging = new StaleIndexStore(store).lagging(CallStatus.DIALING, java.util.List.of(stale));
        StatusSyncService staleSync = new StatusSyncService(lagging, api, dispatchService(lagging, api), SETTINGS, clock);

        StatusSyncService.Report report = staleSync.run(clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(callApi.dialRequests()).as("dial requests").isEmpty();
        assertThat(report.reclaimed()).isZero();
        assertThat(store.find(stale.id()).orElseThrow().status()).isEqualTo(movedOnTo);
    }

    @Test
    void aDialThatDiedPastTheDialDeadlineEndsFailedAfterAskingTheProvider() {
        Call call = TestCalls.dialing(clock.instant().minus(Duration.ofMinutes(20)), null, 3);
        store.insert(call);

        runNow();

        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.FAILED);
        assertThat(stored.lastError()).contains("did not finish by the dial deadline (15 min after the try's first request) after 3 attempts");
        assertThat(callApi.dialsFor(call.id())).isZero();
        assertThat(callApi.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/calls?idempotencyKey=" + call.id())))).hasSize(1);
    }

    @Test
    void aDialThatDiedPastTheDeadlineIsAdoptedWhenTheProviderHadPlacedIt() {
        Call call = TestCalls.dialing(clock.instant().minus(Duration.ofMinutes(20)), null, 1);
        store.insert(call);
        callApi.server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/calls?idempotencyKey=" + call.id()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"prov-found\", \"status\": \"in-progress\"}")));

        runNow();

        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(stored.externalCallId()).isEqualTo("prov-found");
    }

    @Test
    void aBacklogOfThreeTimesARunsCapacityIsAllPolledWithinThreeRuns() {
        // Each poll takes a second of the test's clock, so a run with 10 s to spare has room for about ten.
        java.util.Set<String> polled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        io.callscheduler.telephony.CallApi slowProvider = new io.callscheduler.telephony.CallApi() {
            public io.callscheduler.telephony.ProviderCall placeCall(io.callscheduler.telephony.DialRequest request) {
                return api.placeCall(request);
            }

            public io.callscheduler.telephony.ProviderCall getCall(String externalCallId) {
                clock.advance(Duration.ofSeconds(1));
                polled.add(externalCallId);
                return new io.callscheduler.telephony.ProviderCall(externalCallId, "in-progress", null);
            }

            public java.util.Optional<io.callscheduler.telephony.ProviderCall> findPlaced(io.callscheduler.telephony.DialRequest request) {
                return api.findPlaced(request);
            }

            public boolean idempotentCreates() {
                return true;
            }
        };
        StatusSyncService bounded = new StatusSyncService(store, slowProvider, dispatchService(store, slowProvider),
                SETTINGS.withConcurrency(1).withPageSize(4).withMaxTaskDuration(Duration.ofSeconds(1)), clock);
        java.util.Set<String> active = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            Call call = TestCalls.dialing(clock.instant().minusSeconds(i), "prov-backlog-" + i, 1);
            store.insert(call.moveTo(CallStatus.IN_PROGRESS, clock.instant(), "provider: in-progress"));
            active.add("prov-backlog-" + i);
        }

        StatusSyncService.Report first = bounded.run(clock.instant().plusSeconds(11));
        assertThat(first.polled()).as("one run's capacity").isBetween(8, 12);
        assertThat(first.deferred()).isPositive();
        bounded.run(clock.instant().plusSeconds(11));
        bounded.run(clock.instant().plusSeconds(11));

        assertThat(polled).containsAll(active);
    }

    @Test
    void noWorkStartsAfterTheDeadline() {
        Call call = TestCalls.dialing(clock.instant(), "prov-late", 1);
        store.insert(call);
        callApi.callHasStatus("prov-late", "completed", null);

        StatusSyncService.Report report = sync.run(clock.instant().minusSeconds(1));

        assertThat(report.deferred()).isPositive();
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
    }

    @Test
    void manyActiveCallsAreAllPolledThroughTheBoundedPoolAndPagesOfTheIndex() {
        callApi.server.stubFor(get(urlPathEqualTo("/calls/prov-bulk")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(50).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"prov-bulk\", \"status\": \"in-progress\"}")));
        int count = 200;
        for (int i = 0; i < count; i++) {
            store.insert(TestCalls.dialing(clock.instant(), "prov-bulk", 1));
        }

        StatusSyncService.Report report = runNow();

        assertThat(report.polled()).isGreaterThanOrEqualTo(count);
        assertThat(report.errors()).isZero();
        assertThat(callApi.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/calls/prov-bulk")))).hasSizeGreaterThanOrEqualTo(count);
    }
}
