package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.twilio.security.RequestValidator;
import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.secrets.EnvironmentSecrets;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import io.callscheduler.testing.TestContext;
import io.callscheduler.webhooks.GenericSignatures;
import io.callscheduler.webhooks.TwilioSignatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status webhooks as API Gateway invokes them, on DynamoDB Local: Twilio's signature over the URL with
 * the stage (checked with Twilio's own RequestValidator), ordering, duplicates, forgeries, unknown calls.
 */
class StatusWebhooksTest {
    private static final String TOKEN = "auth-token-of-the-test-account";
    private static final String SECRET = "generic-callback-secret";
    private static final String HOST = "abcdef1234.execute-api.us-east-1.amazonaws.com";
    private static DynamoDbCallStore store;
    private static MutableClock clock;
    private static TwilioStatusWebhookHandler twilio;
    private static GenericStatusWebhookHandler generic;

    @BeforeAll
    static void start() {
        LocalAws aws = LocalAws.get();
        store = new DynamoDbCallStore(aws.dynamoDb(), aws.newCallsTable());
        clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        var callbacks = new ProviderCallbacks(store, clock);
        var secrets = new EnvironmentSecrets(Map.of("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32),
                "TWILIO_AUTH_TOKEN", TOKEN, "CALL_API_CALLBACK_SECRET", SECRET));
        twilio = new TwilioStatusWebhookHandler(callbacks, secrets);
        generic = new GenericStatusWebhookHandler(callbacks, secrets);
    }

    @Test
    void aSignedCallbackMovesTheCallAndTheSignatureCoversTheStageInTheUrl() {
        Call call = dialing("CA1");
        Map<String, String> form = callback("CA1", "in-progress", 2);
        String calledUrl = "https://" + HOST + "/Prod/webhooks/twilio/status?callId=" + call.id();
        String signature = TwilioSignatures.sign(TOKEN, calledUrl, form);
        assertThat(new RequestValidator(TOKEN).validate(calledUrl, form, signature)).as("Twilio's own validator").isTrue();

        APIGatewayProxyResponseEvent response = twilio.handleRequest(twilioEvent(call.id(), form, signature), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("APPLIED");
        Call after = store.find(call.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(after.progress().lastCallbackAt()).isEqualTo(clock.instant());
        assertThat(after.progress().lastSequence()).isEqualTo(2);
    }

    @Test
    void aSignatureOverTheUrlWithoutTheStageIsRefused() {
        Call call = dialing("CA2");
        Map<String, String> form = callback("CA2", "completed", 3);
        String withoutStage = "https://" + HOST + "/webhooks/twilio/status?callId=" + call.id();

        var response = twilio.handleRequest(twilioEvent(call.id(), form, TwilioSignatures.sign(TOKEN, withoutStage, form)),
                new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(store.find(call.id()).orElseThrow()).isEqualTo(call);
    }

    @Test
    void aForgedOrMissingSignatureIsRefusedAndChangesNothing() {
        Call call = dialing("CA3");
        Map<String, String> form = callback("CA3", "completed", 3);
        String url = "https://" + HOST + "/Prod/webhooks/twilio/status?callId=" + call.id();

        var forged = twilio.handleRequest(twilioEvent(call.id(), form, TwilioSignatures.sign("guessed", url, form)), new TestContext());
        var missing = twilio.handleRequest(twilioEvent(call.id(), form, null), new TestContext());

        assertThat(forged.getStatusCode()).isEqualTo(403);
        assertThat(forged.getBody()).contains("INVALID_SIGNATURE").contains("X-Twilio-Signature");
        assertThat(missing.getStatusCode()).isEqualTo(403);
        assertThat(store.find(call.id()).orElseThrow()).isEqualTo(call);
    }

    @Test
    void duplicatedAndReorderedCallbacksNeverMoveACallBackwardsAndAFinalStatusIsFinal() {
        Call call = dialing("CA4");
        List<Map<String, String>> arrivals = List.of(
                callback("CA4", "ringing", 1),
                callback("CA4", "in-progress", 2),
                callback("CA4", "ringing", 1),      // late duplicate
                callback("CA4", "completed", 3),
                callback("CA4", "in-progress", 2),  // late
                callback("CA4", "completed", 3));   // duplicate
        for (Map<String, String> form : arrivals) {
            var response = twilio.handleRequest(signedTwilioEvent(call.id(), form), new TestContext());
            assertThat(response.getStatusCode()).isEqualTo(200);
        }

        Call after = store.find(call.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(after.progress().durationSeconds()).isEqualTo(42);
        // One history entry per accepted callback: ringing, in-progress, completed.
        assertThat(after.history().stream().filter(h -> h.detail().contains("(callback")).map(h -> h.detail()))
                .containsExactly("provider: ringing (callback #1)", "provider: in-progress (callback #2)",
                        "provider: completed (callback #3)");
    }

    @Test
    void aCallbackForACallWhoseCreateAnswerWasLostAdoptsItInsteadOfDialingAgain() {
        // Back to SCHEDULED after a lost answer, waiting for its next attempt: Twilio had placed it after all.
        Call waiting = TestCalls.scheduled(clock.instant().minusSeconds(30)).claim(clock.instant().minusSeconds(30), "dialing")
                .withRequestUnconfirmed(true)
                .waitFor(WaitingFor.RETRY, clock.instant().plusSeconds(60), clock.instant(), "attempt 1 failed")
                .withLastError("POST Calls.json failed: HttpTimeoutException");
        store.insert(waiting);

        var response = twilio.handleRequest(signedTwilioEvent(waiting.id(), callback("CA8", "initiated", 0)), new TestContext());

        assertThat(response.getBody()).contains("APPLIED");
        Call adopted = store.find(waiting.id()).orElseThrow();
        assertThat(adopted.status()).isEqualTo(CallStatus.DIALING);
        assertThat(adopted.externalCallId()).isEqualTo("CA8");
        assertThat(adopted.nextAttemptAt()).isNull();
        assertThat(adopted.waitingFor()).isNull();
        assertThat(adopted.lastError()).isNull();
    }

    @Test
    void aBusyAttemptIsRedialedByTheCallsPolicyAndLateCallbacksOfThatAttemptAreIgnored() {
        var policy = new io.callscheduler.redial.RedialPolicy(java.util.Set.of(CallStatus.BUSY), 2, java.time.Duration.ofSeconds(30));
        Call call = TestCalls.dialing(clock.instant().minusSeconds(5), "CA9", 1).withRedial(policy);
        store.insert(call);

        var busy = twilio.handleRequest(signedTwilioEvent(call.id(), callback("CA9", "busy", 3)), new TestContext());

        assertThat(busy.getBody()).contains("APPLIED");
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.dialRound()).isEqualTo(2);
        assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(waiting.externalCallId()).isNull();
        assertThat(waiting.lastError()).isEqualTo("busy on attempt 1");
        assertThat(waiting.history().get(waiting.history().size() - 1).detail()).startsWith("redial: attempt 2 of 2 at ");

        // A duplicate of the first attempt's callback does not adopt anything for the second.
        var late = twilio.handleRequest(signedTwilioEvent(call.id(), callback("CA9", "busy", 3)), new TestContext());
        assertThat(late.getBody()).contains("IGNORED");
        assertThat(store.find(call.id()).orElseThrow()).isEqualTo(waiting);

        // The second attempt is the last: its outcome is final.
        Call second = store.replace(waiting, waiting.claim(clock.instant(), "dialing, attempt 2")
                .withProvider("CA10", "queued"));
        String url = "https://" + HOST + "/Prod/webhooks/twilio/status?callId=" + call.id() + "&round=2";
        Map<String, String> form = callback("CA10", "busy", 3);
        APIGatewayProxyRequestEvent event = twilioEvent(call.id(), form, TwilioSignatures.sign(TOKEN, url, form));
        event.setQueryStringParameters(Map.of("callId", call.id(), "round", "2"));
        event.setMultiValueQueryStringParameters(new java.util.LinkedHashMap<>(Map.of("callId", List.of(call.id()))));
        event.getMultiValueQueryStringParameters().put("round", List.of("2"));
        assertThat(twilio.handleRequest(event, new TestContext()).getBody()).contains("APPLIED");
        assertThat(store.find(second.id()).orElseThrow().status()).isEqualTo(CallStatus.BUSY);
    }

    @Test
    void aCallbackForAnUnknownCallIsAnsweredOkAndIgnored() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        var response = twilio.handleRequest(signedTwilioEvent(unknown, callback("CA5", "completed", 3)), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("UNKNOWN_CALL");
        assertThat(store.find(unknown)).isEmpty();
    }

    @Test
    void aCallbackAboutAnotherDialOfTheCallIsIgnored() {
        Call call = dialing("CA6");

        var response = twilio.handleRequest(signedTwilioEvent(call.id(), callback("CA-other", "completed", 3)), new TestContext());

        assertThat(response.getBody()).contains("IGNORED");
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);
    }

    @Test
    void aSignedCallbackForARedialNotYetDialedIsIgnored() {
        // Attempt 1 ended busy; attempt 2 waits for its time and has sent nothing: a callback "about" it is not true.
        var policy = new io.callscheduler.redial.RedialPolicy(java.util.Set.of(CallStatus.BUSY), 3, java.time.Duration.ofMinutes(5));
        Call waiting = TestCalls.dialing(clock.instant().minusSeconds(60), "CA11", 1).withRedial(policy)
                .redialAt(clock.instant().plusSeconds(300), CallStatus.BUSY, clock.instant(), "redial: attempt 2 of 3");
        store.insert(waiting);
        Call before = store.find(waiting.id()).orElseThrow();
        String url = "https://" + HOST + "/Prod/webhooks/twilio/status?callId=" + waiting.id() + "&round=2";
        Map<String, String> form = callback("CA12", "completed", 3);
        APIGatewayProxyRequestEvent event = twilioEvent(waiting.id(), form, TwilioSignatures.sign(TOKEN, url, form));
        event.setQueryStringParameters(Map.of("callId", waiting.id(), "round", "2"));
        event.setMultiValueQueryStringParameters(new java.util.LinkedHashMap<>(Map.of("callId", List.of(waiting.id()))));
        event.getMultiValueQueryStringParameters().put("round", List.of("2")); // in the signed URL's order

        var response = twilio.handleRequest(event, new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("IGNORED");
        assertThat(store.find(waiting.id()).orElseThrow()).as("still waiting for attempt 2, never dialed").isEqualTo(before);
    }

    @Test
    void aSignedCallbackNamingACallThatWasNeverDialedIsIgnoredAndChangesNothing() {
        Call scheduled = TestCalls.scheduled(clock.instant().plusSeconds(3600));
        store.insert(scheduled);
        Call before = store.find(scheduled.id()).orElseThrow();
        String body = "{\"id\":\"sim-9\",\"status\":\"completed\",\"sequence\":3,\"metadata\":{\"callId\":\"" + scheduled.id() + "\"}}";

        var response = generic.handleRequest(genericEvent(body, GenericSignatures.sign(SECRET, bytes(body))), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("IGNORED");
        assertThat(store.find(scheduled.id()).orElseThrow()).as("still SCHEDULED, never dialed").isEqualTo(before);
    }

    @Test
    void aGenericCallbackSignedWithTheSharedSecretIsApplied() {
        Call call = dialing("sim-7");
        String body = "{\"id\":\"sim-7\",\"status\":\"busy\",\"sequence\":2,\"metadata\":{\"callId\":\"" + call.id() + "\"}}";

        var forged = generic.handleRequest(genericEvent(body, GenericSignatures.sign("guessed", bytes(body))), new TestContext());
        assertThat(forged.getStatusCode()).isEqualTo(403);
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.DIALING);

        var response = generic.handleRequest(genericEvent(body, GenericSignatures.sign(SECRET, bytes(body))), new TestContext());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.BUSY);
    }

    private static Call dialing(String externalCallId) {
        Call call = TestCalls.dialing(clock.instant().minusSeconds(5), externalCallId, 1);
        store.insert(call);
        return store.find(call.id()).orElseThrow();
    }

    private static Map<String, String> callback(String sid, String status, int sequence) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC" + "0".repeat(32));
        form.put("CallSid", sid);
        form.put("CallStatus", status);
        form.put("From", "+15005550006");
        form.put("To", "+14155550100");
        form.put("Direction", "outbound-api");
        form.put("SequenceNumber", Integer.toString(sequence));
        form.put("CallbackSource", "call-progress-events");
        if (status.equals("completed")) {
            form.put("CallDuration", "42");
        }
        return form;
    }

    private static APIGatewayProxyRequestEvent signedTwilioEvent(String callId, Map<String, String> form) {
        String url = "https://" + HOST + "/Prod/webhooks/twilio/status?callId=" + callId;
        return twilioEvent(callId, form, TwilioSignatures.sign(TOKEN, url, form));
    }

    private static APIGatewayProxyRequestEvent twilioEvent(String callId, Map<String, String> form, String signature) {
        return ApiEvents.twilioForm("/webhooks/twilio/status", callId, form, signature);
    }

    private static APIGatewayProxyRequestEvent genericEvent(String body, String signature) {
        APIGatewayProxyRequestEvent event = ApiEvents.event("POST", "/webhooks/generic/status", "/webhooks/generic/status",
                body, null, null);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("X-Call-Signature", signature);
        return event.withHeaders(headers);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
