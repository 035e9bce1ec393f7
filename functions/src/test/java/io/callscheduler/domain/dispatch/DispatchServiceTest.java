package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.CallingHours;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.scheduling.eventbridge.EventBridgeDialScheduler;
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

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Dispatch against DynamoDB Local and a Call API stub that injects faults. */
class DispatchServiceTest {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final DispatchSettings SETTINGS = new DispatchSettings(FAST, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(1));
    private static final Duration READ_TIMEOUT = Duration.ofMillis(1000); // a loaded 2-core machine can take 400 ms to answer
    private static CallApiStub callApi;
    private static DynamoDbCallStore store;
    private static String group;
    private MutableClock clock;
    private DispatchService dispatch;

    @BeforeAll
    static void start() {
        callApi = new CallApiStub();
        store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable());
        group = LocalAws.get().newScheduleGroup();
    }

    @AfterAll
    static void stop() {
        callApi.close();
    }

    @BeforeEach
    void reset() {
        callApi.reset();
        clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        dispatch = serviceFor(URI.create(callApi.url()));
    }

    private DispatchService serviceFor(URI callApiUrl) {
        return serviceFor(callApiUrl, io.callscheduler.metrics.CallMetrics.NONE);
    }

    private DispatchService serviceFor(URI callApiUrl, io.callscheduler.metrics.CallMetrics metrics) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        return io.callscheduler.testing.TestDispatch.builder(store, new GenericCallApi(new ProviderHttp(http), callApiUrl,
                READ_TIMEOUT, "Authorization: Bearer s3cret", null), group, clock).settings(SETTINGS).metrics(metrics).build();
    }

    /** The dispatcher with calling hours, a pacer and a claim lead, scheduling on the shared emulator. */
    private DispatchService serviceWith(CallingHours hours, io.callscheduler.pacing.DialPacer pacer, Duration claimLead) {
        return serviceWith(hours, pacer, claimLead, io.callscheduler.lines.CallLines.UNLIMITED, store);
    }

    private DispatchService serviceWith(CallingHours hours, io.callscheduler.pacing.DialPacer pacer, Duration claimLead,
                                        io.callscheduler.lines.CallLines lines, io.callscheduler.store.CallStore callStore) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        return io.callscheduler.testing.TestDispatch.builder(callStore, new GenericCallApi(new ProviderHttp(http),
                        URI.create(callApi.url()), READ_TIMEOUT, null, null), group, clock)
                .settings(SETTINGS.withClaimLead(claimLead)).pacer(pacer).callingHours(hours).lines(lines).build();
    }

    @Test
    void aDueCallWaitsWhileEveryLineIsBusyAndDialsOnceTheCallHoldingItEnds() {
        var lines = new io.callscheduler.lines.dynamodb.DynamoDbCallLines(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable(), 1);
        var releasing = new io.callscheduler.lines.LineKeepingCallStore(store, lines);
        Call onThePhone = TestCalls.dialing(clock.instant().minusSeconds(30), "ext-busy-line", 1);
        store.insert(onThePhone);
        assertThat(lines.take(onThePhone.id(), clock.instant())).isTrue();
        Call call = dueCall();
        var service = serviceWith(CallingHours.ANY_TIME, io.callscheduler.pacing.DialPacer.UNLIMITED, Duration.ZERO,
                lines, releasing);

        var outcome = service.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        // Asked again every half second for as long as a dispatch waits inline, then waits on a schedule.
        assertThat(outcome).isEqualTo(DispatchOutcome.LINES_BUSY);
        assertThat(clock.waits).hasSize(39).containsOnly(Duration.ofMillis(500));
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(waiting.history().get(waiting.history().size() - 1).detail())
                .isEqualTo("all lines busy (MaxConcurrentCalls 1): waiting for one");
        assertThat(LocalAws.get().schedulerClient().getSchedule(r -> r.groupName(group).name("call-" + call.id()))
                .scheduleExpression()).isEqualTo(EventBridgeDialScheduler.atExpression(waiting.nextAttemptAt()));
        callApi.server.verify(0, postRequestedFor(urlEqualTo("/calls")));

        // The call on the phone ends (a callback's write): its line is free, and the waiting call dials.
        Call answered = releasing.replace(onThePhone, onThePhone.moveTo(CallStatus.COMPLETED, clock.instant(), "provider: completed"));
        assertThat(answered.status()).isEqualTo(CallStatus.COMPLETED);
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.dispatch(new DispatchRequest(call.id(), waiting.nextAttemptAt(), "line")))
                .isEqualTo(DispatchOutcome.DIALED);
        assertThat(lines.holders()).containsOnlyKeys(call.id());
        callApi.server.verify(1, postRequestedFor(urlEqualTo("/calls")));
    }

    @Test
    void aPacedCallArrivingEarlyReservesItsSlotOnArrivalAndIsClaimedItsLeadBeforeIt() {
        var line = new io.callscheduler.pacing.dynamodb.DynamoDbDialPacer(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable(), 1);
        List<Instant> reservedAt = new java.util.ArrayList<>();
        var pacer = new io.callscheduler.pacing.DialPacer() {
            @Override public Instant reserve(Instant earliest) { reservedAt.add(clock.instant()); return line.reserve(earliest); }
            @Override public Duration interval() { return line.interval(); }
            @Override public String describe() { return line.describe(); }
        };
        Call call = TestCalls.scheduled(clock.instant().plusSeconds(30));
        store.insert(call);
        Instant arrival = clock.instant();

        var outcome = serviceWith(CallingHours.ANY_TIME, pacer, Duration.ofSeconds(10))
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        // Reserved (and noted on the call) when the dispatch arrived, so that a burst's reservations do not crowd
        // its last seconds; claimed 10 s before the slot; dialed on it.
        assertThat(outcome).isEqualTo(DispatchOutcome.DIALED);
        assertThat(reservedAt).containsExactly(arrival);
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(10));
        assertThat(store.find(call.id()).orElseThrow().dialStartedAt()).isEqualTo(call.scheduledAt().minusSeconds(10));
        callApi.server.verify(1, postRequestedFor(urlEqualTo("/calls")));
    }

    @Test
    void aPacedCallDueNowKeepsItsDialSlotThroughASlowClaim() {
        var pacer = new io.callscheduler.pacing.dynamodb.DynamoDbDialPacer(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable(), 1);
        // Every write takes 50 ms of the test's clock: more than the 10 ms a dial may go after its slot.
        var slowWrites = new io.callscheduler.store.ForwardingCallStore(store) {
            @Override
            public Call replace(Call expected, Call updated) {
                clock.advance(Duration.ofMillis(50));
                return super.replace(expected, updated);
            }
        };
        Call call = dueCall();
        Instant start = clock.instant();

        var outcome = serviceWith(CallingHours.ANY_TIME, pacer, Duration.ZERO, io.callscheduler.lines.CallLines.UNLIMITED, slowWrites)
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        // Its slot, a quarter second ahead, outlasted the claim; had it been "now", it would have been given up and
        // the call sent a second and more down the line.
        assertThat(outcome).isEqualTo(DispatchOutcome.DIALED);
        // Two writes (the slot noted on the call, the claim) took 100 ms; the dial waited the rest, and went at its slot.
        assertThat(clock.waits).containsExactly(Duration.ofMillis(150));
        // The next free slot, on the grid after the one it held: one reservation only, none given up.
        assertThat(pacer.reserve(start)).isAfter(start.plusMillis(250).plus(pacer.interval()))
                .isBeforeOrEqualTo(start.plusMillis(250).plus(pacer.interval().multipliedBy(2)));
    }

    @Test
    void aCallThatTookALineButWasNotClaimedGivesItBack() {
        var lines = new io.callscheduler.lines.dynamodb.DynamoDbCallLines(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable(), 1);
        Call call = dueCall();
        Instant farSlot = clock.instant().plusSeconds(45);
        var pacer = alwaysGranting(farSlot);

        var outcome = serviceWith(CallingHours.ANY_TIME, pacer, Duration.ZERO, lines,
                new io.callscheduler.lines.LineKeepingCallStore(store, lines))
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.PACED);
        assertThat(lines.holders()).as("a call waiting for its dial slot holds no line").isEmpty();
    }

    @Test
    void aCallDueOutsideCallingHoursWaitsForTheNextOpeningWithoutDialing() {
        // The test's clock moved on to the next 09:00 UTC (the test call's zone), whatever the hour it runs at, and a
        // window that opens two hours later and lasts one hour, every day. (Built from the real hour, the window
        // wrapped midnight and could not be parsed when the tests ran between 21:00 and 23:00 UTC.)
        java.time.ZonedDateTime nineUtc = clock.instant().atZone(java.time.ZoneOffset.UTC).withHour(9).withMinute(0)
                .withSecond(0).withNano(0);
        clock.advance(Duration.between(clock.instant(), nineUtc.isAfter(clock.instant().atZone(java.time.ZoneOffset.UTC))
                ? nineUtc : nineUtc.plusDays(1)));
        var window = io.callscheduler.callinghours.CallingWindow.parse("11:00-12:00", "");
        Call call = dueCall();

        var outcome = serviceWith(new CallingHours(window, () -> io.callscheduler.callinghours.CalleeZones.UNKNOWN),
                io.callscheduler.pacing.DialPacer.UNLIMITED, Duration.ZERO)
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.DEFERRED);
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.SCHEDULED);
        Instant opening = window.nextOpening(clock.instant(), List.of(java.time.ZoneOffset.UTC));
        assertThat(stored.nextAttemptAt()).isEqualTo(opening);
        assertThat(stored.waitingFor()).isEqualTo(io.callscheduler.model.WaitingFor.CALLING_HOURS);
        assertThat(stored.history().get(stored.history().size() - 1).detail())
                .startsWith("waiting for calling hours (" + window.describe() + "): ")
                .contains(java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(opening.atZone(java.time.ZoneOffset.UTC)) + " in UTC");
        assertThat(LocalAws.get().schedulerClient().getSchedule(r -> r.groupName(group).name("call-" + call.id()))
                .scheduleExpression()).isEqualTo(EventBridgeDialScheduler.atExpression(opening));
        callApi.server.verify(0, postRequestedFor(urlEqualTo("/calls")));
    }

    @Test
    void aCallWhoseZonesNeverShareAnOpeningEndsFailedSayingWhyInsteadOfThrowing() {
        // New York and Shanghai are 13 hours apart: 09:00-17:00 is never open in both at once.
        var window = io.callscheduler.callinghours.CallingWindow.parse("09:00-17:00", "");
        Call call = Call.newScheduled(java.util.UUID.randomUUID().toString(), "+18005550100", "Toll free", null,
                clock.instant().minusSeconds(1), "UTC", List.of("America/New_York", "Asia/Shanghai"),
                io.callscheduler.model.CallScript.NONE, clock.instant().minusSeconds(60));
        store.insert(call);

        var outcome = serviceWith(new CallingHours(window, () -> io.callscheduler.callinghours.CalleeZones.UNKNOWN),
                io.callscheduler.pacing.DialPacer.UNLIMITED, Duration.ZERO)
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.FAILED);
        Call failed = store.find(call.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(CallStatus.FAILED);
        assertThat(failed.lastError()).contains("never share an open moment").contains("calleeTimeZone");
        callApi.server.verify(0, postRequestedFor(urlEqualTo("/calls")));
    }

    @Test
    void aCallIsClaimedItsLeadBeforeItsMomentAndDialedAtTheMomentItself() {
        Call call = TestCalls.scheduled(clock.instant().plusSeconds(30));
        store.insert(call);

        var outcome = serviceWith(CallingHours.ANY_TIME, io.callscheduler.pacing.DialPacer.UNLIMITED, Duration.ofSeconds(10))
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.DIALED);
        // Waited until 10 s before, claimed, then waited the rest: the dial went out at the moment.
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(10));
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.dialStartedAt()).isEqualTo(call.scheduledAt().minusSeconds(10));
        assertThat(clock.instant()).isEqualTo(call.scheduledAt());
    }

    @Test
    void aDialSlotBeyondTheInlineWaitIsWaitedForOnASchedule() {
        Call call = dueCall();
        Instant farSlot = clock.instant().plusSeconds(45);
        var pacer = alwaysGranting(farSlot);

        var outcome = serviceWith(CallingHours.ANY_TIME, pacer, Duration.ZERO)
                .dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.PACED);
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(stored.dialSlot()).isEqualTo(farSlot);
        assertThat(stored.nextAttemptAt()).isEqualTo(farSlot);
        callApi.server.verify(0, postRequestedFor(urlEqualTo("/calls")));

        // At its slot the same dispatch dials, without reserving another, and says why it is late.
        clock.advance(Duration.ofSeconds(45));
        assertThat(serviceWith(CallingHours.ANY_TIME, pacer, Duration.ZERO)
                .dispatch(new DispatchRequest(call.id(), farSlot, "scheduler"))).isEqualTo(DispatchOutcome.DIALED);
        assertThat(store.find(call.id()).orElseThrow().history().toString()).contains("late: pacing at 1/s");
        callApi.server.verify(1, postRequestedFor(urlEqualTo("/calls")));
    }

    /** A pacer at 1/s that grants every dial the same slot: one far away, for the tests of waiting for it. */
    private static io.callscheduler.pacing.DialPacer alwaysGranting(Instant slot) {
        return new io.callscheduler.pacing.DialPacer() {
            @Override public Instant reserve(Instant earliest) { return slot; }
            @Override public Duration interval() { return Duration.ofSeconds(1); }
            @Override public String describe() { return "1/s"; }
        };
    }

    private Call dueCall() {
        Call call = TestCalls.scheduled(clock.instant().minusSeconds(1));
        store.insert(call);
        return call;
    }

    @Test
    void dialsADueCallOnceWithItsIdAsIdempotencyKey() {
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler")))
                .isEqualTo(DispatchOutcome.DIALED);

        callApi.server.verify(1, postRequestedFor(urlEqualTo("/calls"))
                .withHeader("Idempotency-Key", equalTo(call.id()))
                .withHeader("Authorization", equalTo("Bearer s3cret"))
                .withRequestBody(equalToJson("{\"to\": \"+14155550100\", \"metadata\": {\"callId\": \"" + call.id() + "\"}}")));
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.DIALING);
        assertThat(stored.externalCallId()).isEqualTo("prov-" + call.id());
        assertThat(stored.providerStatus()).isEqualTo("queued");
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.history()).extracting(h -> h.status()).containsExactly(CallStatus.SCHEDULED, CallStatus.DIALING,
                CallStatus.DIALING);
    }

    @Test
    void theSameEventDeliveredConcurrentlyDialsExactlyOnce() throws Exception {
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withStatus(201).withFixedDelay(150)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"prov-1\", \"status\": \"queued\"}")));
        Call call = dueCall();
        int deliveries = 8;
        CyclicBarrier together = new CyclicBarrier(deliveries);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        List<Future<DispatchOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            outcomes.add(pool.submit(() -> {
                together.await();
                return dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler"));
            }));
        }
        List<DispatchOutcome> results = new ArrayList<>();
        for (Future<DispatchOutcome> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        assertThat(callApi.dialsFor(call.id())).isEqualTo(1);
        assertThat(results).containsOnlyOnce(DispatchOutcome.DIALED)
                .filteredOn(o -> o != DispatchOutcome.DIALED).containsOnly(DispatchOutcome.NOT_PENDING);
        assertThat(store.find(call.id()).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aCanceledCallIsNotDialed() {
        Call call = dueCall();
        store.replace(call, call.moveTo(CallStatus.CANCELED, clock.instant(), "canceled"));

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler")))
                .isEqualTo(DispatchOutcome.NOT_PENDING);
        assertThat(callApi.dialRequests()).isEmpty();
    }

    @Test
    void aTriggerForATimeTheCallNoLongerHasIsIgnored() {
        Call call = dueCall();
        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt().minusSeconds(3600), "scheduler")))
                .isEqualTo(DispatchOutcome.STALE);
        assertThat(callApi.dialRequests()).isEmpty();
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.SCHEDULED);
    }

    @Test
    void aTriggerFarTooEarlyDoesNotDial() {
        Call call = TestCalls.scheduled(clock.instant().plus(Duration.ofMinutes(10)));
        store.insert(call);
        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.NOT_DUE);
        assertThat(callApi.dialRequests()).isEmpty();
    }

    @Test
    void aScheduleFiredEarlyInItsMinuteWaitsForTheExactTime() {
        Call call = TestCalls.scheduled(clock.instant().plus(Duration.ofSeconds(40)));
        store.insert(call);

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler")))
                .isEqualTo(DispatchOutcome.DIALED);
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(40));
        assertThat(callApi.dialsFor(call.id())).isEqualTo(1);
    }

    @Test
    void unknownCallsAreIgnored() {
        assertThat(dispatch.dispatch(new DispatchRequest("3f2504e0-4f89-41d3-9a0c-0305e82c3301", null, "scheduler")))
                .isEqualTo(DispatchOutcome.NOT_FOUND);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheCallIsPlaced() {
        stubSequence(aResponse().withStatus(503), aResponse().withStatus(500),
                aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"prov-9\", \"status\": \"queued\"}"));
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.DIALED);
        assertThat(callApi.dialsFor(call.id())).isEqualTo(3);
        assertThat(clock.waits).hasSize(2);
        assertThat(clock.waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(clock.waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
        Call placed = store.find(call.id()).orElseThrow();
        assertThat(placed.externalCallId()).isEqualTo("prov-9");
        assertThat(placed.attempts()).as("every request counts").isEqualTo(3);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "2"),
                aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"prov-7\", \"status\": \"queued\"}"));
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.DIALED);
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aTimeoutIsRetriedWithTheSameIdempotencyKey() {
        stubSequence(aResponse().withStatus(201).withFixedDelay((int) READ_TIMEOUT.toMillis() * 3),
                aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"prov-5\", \"status\": \"queued\"}"));
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.DIALED);
        assertThat(callApi.dialsFor(call.id())).as("both requests carry the call id").isEqualTo(2);
    }

    @Test
    void anOutageSendsTheCallBackToWaitWithANewScheduleMinutesLater() {
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withStatus(503)));
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.RETRY_LATER);

        assertThat(callApi.dialsFor(call.id())).as("requests at once").isEqualTo(FAST.maxAttempts());
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.attempts()).isEqualTo(3);
        assertThat(waiting.nextAttemptAt()).isBetween(clock.instant().plus(Duration.ofMinutes(1)),
                clock.instant().plus(Duration.ofSeconds(73)));
        assertThat(waiting.lastError()).contains("503");
        assertThat(waiting.history()).extracting(h -> h.detail()).anyMatch(d -> d.startsWith("attempts 1–3 failed (POST /calls answered 503") && d.contains("next attempt at"));
        var schedule = LocalAws.get().schedulerClient().getSchedule(r -> r.groupName(group).name("call-" + call.id()));
        assertThat(schedule.scheduleExpression()).isEqualTo(EventBridgeDialScheduler.atExpression(waiting.nextAttemptAt()));
        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "scheduler")))
                .as("the first schedule, fired again, is stale").isEqualTo(DispatchOutcome.STALE);
    }

    @Test
    void anOutageLongerThanTheDialDeadlineFailsTheCallNamingTheLastErrorAndTheAttempts() {
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Call call = dueCall();
        Instant firstRequest = clock.instant();
        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), null, "scheduler"));
        List<Instant> attemptTimes = new ArrayList<>(List.of(firstRequest));
        while (outcome == DispatchOutcome.RETRY_LATER) {
            Call waiting = store.find(call.id()).orElseThrow();
            clock.advance(Duration.between(clock.instant(), waiting.nextAttemptAt()));
            attemptTimes.add(clock.instant());
            outcome = dispatch.dispatch(new DispatchRequest(call.id(), waiting.nextAttemptAt(), "scheduler"));
        }

        assertThat(outcome).isEqualTo(DispatchOutcome.FAILED);
        Call failed = store.find(call.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(CallStatus.FAILED);
        assertThat(attemptTimes.get(attemptTimes.size() - 1)).as("the last attempt is at the deadline, which counts from the first request")
                .isEqualTo(firstRequest.plus(SETTINGS.dialDeadline()));
        assertThat(attemptTimes).as("minutes apart, doubling: about 1, 1, 2, 4, 5 min, then the deadline").hasSizeBetween(5, 7);
        assertThat(failed.lastError()).contains("dial deadline").contains(failed.attempts() + " attempts")
                .contains("POST /calls failed");
        assertThat(failed.attempts()).isEqualTo(callApi.dialsFor(call.id()));
        assertThat(callApi.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/calls?idempotencyKey=" + call.id()))))
                .as("the provider was asked before the call was failed").isNotEmpty();
    }

    @Test
    void aCallPlacedWhoseAnswerWasLostIsAdoptedNotFailedOrRedialed() {
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withStatus(201)
                .withFixedDelay((int) READ_TIMEOUT.toMillis() * 3)));
        Call call = dueCall();
        callApi.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/calls?idempotencyKey=" + call.id()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"prov-late\", \"status\": \"ringing\"}")));

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "scheduler"))).isEqualTo(DispatchOutcome.DIALED);

        Call adopted = store.find(call.id()).orElseThrow();
        assertThat(adopted.status()).isEqualTo(CallStatus.DIALING);
        assertThat(adopted.externalCallId()).isEqualTo("prov-late");
        assertThat(adopted.providerStatus()).isEqualTo("ringing");
        assertThat(adopted.lastError()).isNull();
    }

    @Test
    void noRequestStartsThatCouldEndAfterTheCallersDeadline() {
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withStatus(503)));
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"), clock.instant().plusSeconds(1)))
                .isEqualTo(DispatchOutcome.RETRY_LATER);

        assertThat(callApi.dialsFor(call.id())).as("the first request only: a retry could not finish in time").isEqualTo(1);
        assertThat(clock.waits).isEmpty();
    }

    @Test
    void connectionRefusedWaitsForTheNextAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DispatchService unreachable = serviceFor(URI.create("http://127.0.0.1:" + closedPort));
        Call call = dueCall();

        assertThat(unreachable.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.RETRY_LATER);
        assertThat(clock.waits).hasSize(2);
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(stored.lastError()).contains("ConnectException");
    }

    @Test
    void aDialOnTimeIsCountedWithItsLatenessAndARejectionAsAFailureAndAProviderError() {
        List<io.callscheduler.metrics.Datapoint> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        var metrics = new io.callscheduler.metrics.RecordedMetrics(published::addAll);
        dispatch = serviceFor(URI.create(callApi.url()), metrics);
        Call onTime = dueCall();

        dispatch.dispatch(new DispatchRequest(onTime.id(), onTime.scheduledAt(), "scheduler"));
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withStatus(422)
                .withBody("{\"error\": \"number not reachable\"}")));
        Call rejected = dueCall();
        dispatch.dispatch(new DispatchRequest(rejected.id(), rejected.scheduledAt(), "scheduler"));
        assertThat(published).as("nothing is published before the handler asks").isEmpty();
        metrics.publish();

        assertThat(published).extracting(io.callscheduler.metrics.Datapoint::name, io.callscheduler.metrics.Datapoint::dimensionValue)
                .containsExactlyInAnyOrder(tuple("CallsDialed", null), tuple("DialLateness", null),
                        tuple("ProviderErrors", "REJECTED"), tuple("CallsFailed", null), tuple("CallsFailed", "REJECTED"));
        // The clock stood still: the call was due a second before it and dialed at once.
        assertThat(published).filteredOn(p -> p.name().equals("DialLateness")).singleElement()
                .extracting(io.callscheduler.metrics.Datapoint::value).isEqualTo(1.0);
        metrics.publish();
        assertThat(published).as("each datapoint is published once").hasSize(5);
    }

    @Test
    void aRejectionFailsTheCallAtOnce() {
        callApi.server.stubFor(post(urlEqualTo("/calls")).willReturn(aResponse().withStatus(422)
                .withBody("{\"error\": \"number not reachable\"}")));
        Call call = dueCall();

        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "sweeper"))).isEqualTo(DispatchOutcome.FAILED);
        assertThat(callApi.dialsFor(call.id())).isEqualTo(1);
        assertThat(clock.waits).isEmpty();
        Call stored = store.find(call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.FAILED);
        assertThat(stored.lastError()).contains("rejected").contains("422").contains("number not reachable");
    }

    private static void stubSequence(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            callApi.server.stubFor(post(urlEqualTo("/calls")).inScenario("sequence").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }
}
