package io.callscheduler.domain.dispatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.sync.StatusSyncService;
import io.callscheduler.domain.sync.SyncSettings;
import io.callscheduler.lines.CallLines;
import io.callscheduler.lines.LineKeepingCallStore;
import io.callscheduler.lines.dynamodb.DynamoDbCallLines;
import io.callscheduler.metrics.Datapoint;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.scheduling.eventbridge.EventBridgeDialScheduler;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.secrets.ProviderSecretsException;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.telephony.ProviderHttp;
import io.callscheduler.telephony.twilio.TwilioCallApi;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch pipeline with the Twilio adapter, whose creates take no idempotency key: a request whose answer was
 * lost is never sent again before Twilio's call list says it placed nothing. Against a stand-in for Twilio's API
 * (the list and resource shapes TwilioCallApiTest checks against Twilio's own library), DynamoDB Local and the
 * emulated Scheduler, on a clock the test moves.
 */
class TwilioDispatchTest {
    private static final String SID = "AC" + "1".repeat(32);
    private static final String CALLS = "/2010-04-01/Accounts/" + SID + "/Calls.json";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(2000); // generous: a loaded 2-core machine answers slowly
    private static final DispatchSettings SETTINGS = new DispatchSettings(new RetryPolicy(2, Duration.ofMillis(50),
            Duration.ofSeconds(1)), Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(2));
    private WireMockServer twilio;
    private MutableClock clock;
    private DynamoDbCallStore store;
    private CallLines lines;
    private final AtomicBoolean secretReadable = new AtomicBoolean(true);
    private final List<Datapoint> published = new CopyOnWriteArrayList<>();
    private RecordedMetrics metrics;
    private DispatchService dispatch;
    private TwilioCallApi api;
    private EventBridgeDialScheduler scheduler;
    private String group;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        twilio.start();
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String table = LocalAws.get().newCallsTable();
        store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), table);
        lines = new DynamoDbCallLines(LocalAws.get().dynamoDb(), table, 1);
        group = LocalAws.get().newScheduleGroup();
        metrics = new RecordedMetrics(published::addAll);
        dispatch = dispatchService(new LineKeepingCallStore(store, lines));
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private DispatchService dispatchService(CallStore callStore) {
        ProviderSecrets secrets = new ProviderSecrets() {
            @Override
            public Map<String, String> current() {
                if (!secretReadable.get()) {
                    throw new ProviderSecretsException("Secrets Manager answered AccessDeniedException", null);
                }
                return Map.of("accountSid", SID, "authToken", "token");
            }

            @Override
            public void refresh() {
            }
        };
        api = new TwilioCallApi(new ProviderHttp(HttpClient.newHttpClient()), new TwilioCallApi.Settings(
                URI.create(twilio.baseUrl()), "+15005550006", URI.create("https://abc.execute-api.us-east-1.amazonaws.com/Prod/"),
                READ_TIMEOUT, null, Duration.ofSeconds(30)), secrets);
        scheduler = io.callscheduler.testing.TestDispatch.scheduler(group);
        return io.callscheduler.testing.TestDispatch.builder(callStore, api, group, clock).settings(SETTINGS).lines(lines)
                .metrics(metrics).build();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundInTwilioListAndAdoptedNotSentAgain() {
        Call call = due();
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withFixedDelay((int) READ_TIMEOUT.toMillis() * 2).withBody(resource("CA-placed", clock.instant()))));
        twilio.stubFor(get(urlPathEqualTo(CALLS)).willReturn(list(resource("CA-placed", clock.instant()))));

        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), null, "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.DIALED);
        Call dialed = store.find(call.id()).orElseThrow();
        assertThat(dialed.externalCallId()).isEqualTo("CA-placed");
        assertThat(dialed.status()).isEqualTo(CallStatus.DIALING);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(CALLS)));
        twilio.verify(getRequestedFor(urlPathEqualTo(CALLS)).withQueryParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo(call.phoneNumber())));
        assertThat(lines.holders()).containsOnlyKeys(call.id());
    }

    @Test
    void whileTwilioCannotSayWhetherItPlacedTheCallNothingIsSentAgainAndTheDeadlineFailsIt() {
        Call call = due();
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(504)));
        twilio.stubFor(get(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(503)));

        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), null, "scheduler"));
        assertThat(outcome).isEqualTo(DispatchOutcome.RETRY_LATER);
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.waitingFor()).isEqualTo(WaitingFor.RETRY);
        assertThat(waiting.requestUnconfirmed()).isTrue();
        assertThat(lines.holders()).as("a call that may be ringing keeps its line").containsOnlyKeys(call.id());

        while (outcome == DispatchOutcome.RETRY_LATER) {
            Call current = store.find(call.id()).orElseThrow();
            clock.advance(Duration.between(clock.instant(), current.nextAttemptAt()));
            outcome = dispatch.dispatch(new DispatchRequest(call.id(), current.nextAttemptAt(), "retry"));
        }

        assertThat(outcome).isEqualTo(DispatchOutcome.FAILED);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(CALLS)));
        Call failed = store.find(call.id()).orElseThrow();
        assertThat(failed.lastError()).contains("dial deadline").contains("could not be asked whether it placed the call");
        assertThat(lines.holders()).as("the failed call gave its line back").isEmpty();
    }

    @Test
    void onceTwilioSaysNothingWasPlacedTheCallIsSentAgain() {
        Call call = due();
        twilio.stubFor(post(urlPathEqualTo(CALLS)).inScenario("lost").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("answering"));
        twilio.stubFor(post(urlPathEqualTo(CALLS)).inScenario("lost").whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(201).withBody(resource("CA-second", clock.instant()))));
        twilio.stubFor(get(urlPathEqualTo(CALLS)).willReturn(list()));

        // Not re-sent in the same dispatch: Twilio's list can lag its creates by seconds.
        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), null, "scheduler"))).isEqualTo(DispatchOutcome.RETRY_LATER);
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.requestUnconfirmed()).isTrue();
        twilio.verify(1, postRequestedFor(urlPathEqualTo(CALLS)));
        var calls = new io.callscheduler.domain.CallService(store, scheduler, new io.callscheduler.dispatch.lambda.LambdaDispatchInvoker(
                LocalAws.get().lambdaClient(), LocalAws.get().lambda.arnOf("not-invoked")), clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> calls.cancel(call.id()))
                .as("a call that may be ringing is not canceled").hasMessageContaining("may be ringing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> calls.reschedule(call.id(), clock.instant().plus(Duration.ofHours(1)).toString(), null))
                .hasMessageContaining("may be ringing");

        // Minutes later Twilio's list still shows nothing: sent again, once.
        clock.advance(Duration.between(clock.instant(), waiting.nextAttemptAt()));
        assertThat(dispatch.dispatch(new DispatchRequest(call.id(), waiting.nextAttemptAt(), "retry"))).isEqualTo(DispatchOutcome.DIALED);
        twilio.verify(2, postRequestedFor(urlPathEqualTo(CALLS)));
        twilio.verify(2, getRequestedFor(urlPathEqualTo(CALLS)));
        assertThat(store.find(call.id()).orElseThrow().externalCallId()).isEqualTo("CA-second");
    }

    @Test
    void aReclaimedDialLooksForTwilioCallsSinceTheDeadDialsClaimNotSinceTheReclaim() {
        // The try's first request at t0 was refused (503: nothing placed); its retry, claimed at t0 + 40 s, reached
        // Twilio (which placed the call) and then its dispatch died.
        Instant t0 = clock.instant();
        Call first = TestCalls.scheduled(t0).claim(t0, "dialing (scheduler)");
        Call retry = first.waitFor(WaitingFor.RETRY, t0.plusSeconds(40), t0.plusSeconds(1), "attempt 1 failed (503)")
                .claim(t0.plusSeconds(40), "dialing, attempt 2 (retry)");
        store.insert(retry);
        lines.take(retry.id(), t0.plusSeconds(40));
        twilio.stubFor(get(urlPathEqualTo(CALLS)).willReturn(list(resource("CA-first", t0.plusMillis(40_300)))));
        clock.advance(Duration.ofMinutes(6));

        StatusSyncService sync = new StatusSyncService(new LineKeepingCallStore(store, lines), api, dispatch,
                SyncSettings.DEFAULTS, clock);
        StatusSyncService.Report report = sync.run(clock.instant().plusSeconds(50));

        assertThat(report.reclaimed()).isEqualTo(1);
        Call adopted = store.find(retry.id()).orElseThrow();
        assertThat(adopted.externalCallId()).isEqualTo("CA-first");
        assertThat(adopted.status()).isEqualTo(CallStatus.DIALING);
        twilio.verify(0, postRequestedFor(urlPathEqualTo(CALLS)));
        assertThat(lines.holders()).containsOnlyKeys(retry.id());
    }

    @Test
    void anUnreadableSecretLeavesTheCallWaitingWithItsLineGivenBackThenFailsItAtTheDeadline() {
        Call call = due();
        secretReadable.set(false);

        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), null, "scheduler"));

        assertThat(outcome).isEqualTo(DispatchOutcome.RETRY_LATER);
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.waitingFor()).isEqualTo(WaitingFor.RETRY);
        assertThat(waiting.requestUnconfirmed()).as("nothing was sent").isFalse();
        assertThat(waiting.lastError()).contains("Twilio credentials could not be read");
        assertThat(lines.holders()).isEmpty();
        metrics.publish();
        assertThat(published).extracting(Datapoint::name, Datapoint::dimensionValue)
                .contains(org.assertj.core.groups.Tuple.tuple("ProviderErrors", "CREDENTIALS"));

        while (outcome == DispatchOutcome.RETRY_LATER) {
            Call current = store.find(call.id()).orElseThrow();
            clock.advance(Duration.between(clock.instant(), current.nextAttemptAt()));
            outcome = dispatch.dispatch(new DispatchRequest(call.id(), current.nextAttemptAt(), "retry"));
        }
        assertThat(outcome).isEqualTo(DispatchOutcome.FAILED);
        assertThat(store.find(call.id()).orElseThrow().lastError()).contains("Twilio credentials could not be read");
        twilio.verify(0, postRequestedFor(urlPathEqualTo(CALLS)));
        assertThat(lines.holders()).isEmpty();
    }

    @Test
    void aRedialStartsItsTryWithAFullDialDeadline() {
        // Scheduled 90 s ago with a 1-minute dial deadline; this is its redial, and Twilio is down for a moment.
        Call redial = TestCalls.scheduled(clock.instant().minusSeconds(90)).claim(clock.instant().minusSeconds(90), "dialing")
                .withProvider("CA-busy", "busy").redialAt(clock.instant(), CallStatus.BUSY, clock.instant().minusSeconds(60),
                        "redial: attempt 2 of 2");
        store.insert(redial);
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(503)));

        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(redial.id(), null, "redial"));

        assertThat(outcome).as("a 503 at the redial is retried, not failed at once").isEqualTo(DispatchOutcome.RETRY_LATER);
        Call waiting = store.find(redial.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.waitingFor()).isEqualTo(WaitingFor.RETRY);
        assertThat(waiting.roundStartedAt()).as("the try began with the redial's first request").isEqualTo(redial.nextAttemptAt());
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant())
                .isBeforeOrEqualTo(waiting.roundStartedAt().plus(SETTINGS.dialDeadline()));
    }

    private Call due() {
        Call call = TestCalls.scheduled(clock.instant().minusSeconds(1));
        store.insert(call);
        return call;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder list(String... resources) {
        return aResponse().withStatus(200).withBody("{\"calls\": [" + String.join(",", resources) + "], \"page\": 0}");
    }

    private static String resource(String sid, Instant created) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"+14155550100\",\"from\":\"+15005550006\","
                + "\"date_created\":\"" + RFC_2822.format(created) + "\"}";
    }
}
