package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.twilio.security.RequestValidator;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.optout.KeypressOptOuts;
import io.callscheduler.secrets.EnvironmentSecrets;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.Suppressions;
import io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestContext;
import io.callscheduler.webhooks.TwilioSignatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /webhooks/twilio/opt-out} as API Gateway invokes it, on DynamoDB Local: Twilio's signature (checked with
 * Twilio's own RequestValidator) over the URL with the stage, the right key, another key, no key, a replay, a forgery.
 */
class TwilioOptOutWebhookTest {
    private static final String TOKEN = "auth-token-of-the-test-account";
    private static final String HOST = "abcdef1234.execute-api.us-east-1.amazonaws.com";
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static DynamoDbCallStore calls;
    private static DynamoDbSuppressionList list;
    private static MutableClock clock;
    private static TwilioOptOutWebhookHandler handler;

    @BeforeAll
    static void start() {
        LocalAws aws = LocalAws.get();
        String table = aws.newCallsTable();
        calls = new DynamoDbCallStore(aws.dynamoDb(), table);
        list = new DynamoDbSuppressionList(aws.dynamoDb(), table);
        clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusMillis(500));
        var secrets = new EnvironmentSecrets(Map.of("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32), "TWILIO_AUTH_TOKEN", TOKEN));
        handler = new TwilioOptOutWebhookHandler(new KeypressOptOuts(calls, list, "9", clock), secrets);
    }

    @Test
    void theDigitPutsTheCallsNumberOnTheListWithItsEvidenceAndTheAnswerConfirmsAndHangsUp() throws Exception {
        Call call = onThePhone("CA1", CallScript.NONE);
        Map<String, String> form = pressed("CA1", "9", "+19999999999"); // the number is the call's, not the form's
        String url = "https://" + HOST + "/Prod/webhooks/twilio/opt-out?callId=" + call.id();
        String signature = TwilioSignatures.sign(TOKEN, url, form);
        assertThat(new RequestValidator(TOKEN).validate(url, form, signature)).as("Twilio's own validator").isTrue();

        APIGatewayProxyResponseEvent response = handler.handleRequest(event(call.id(), form, signature), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/xml");
        io.callscheduler.telephony.twilio.TwimlOptOutTest.assertSameTree(response.getBody(), new com.twilio.twiml.VoiceResponse.Builder()
                .say(new com.twilio.twiml.voice.Say.Builder("You will not be called again. Goodbye.").build())
                .hangup(new com.twilio.twiml.voice.Hangup.Builder().build()).build().toXml());
        assertThat(list.find(call.phoneNumber())).contains(new Suppression(call.phoneNumber(), "opted out by keypress",
                "keypress", null, clock.instant(), call.id(), "9"));
        assertThat(list.find("+19999999999")).isEmpty();
        assertThat(new Suppressions(list, clock).activeFor(call.phoneNumber())).isPresent();
    }

    @Test
    void aReplayChangesNothingAndStillConfirms() {
        Call call = onThePhone("CA2", CallScript.NONE);
        Map<String, String> form = pressed("CA2", "9", call.phoneNumber());
        handler.handleRequest(signed(call.id(), form), new TestContext());
        Suppression first = list.find(call.phoneNumber()).orElseThrow();
        clock.advance(Duration.ofSeconds(40));

        APIGatewayProxyResponseEvent retry = handler.handleRequest(signed(call.id(), form), new TestContext());

        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(retry.getBody()).contains("You will not be called again");
        assertThat(list.find(call.phoneNumber())).contains(first);
    }

    @Test
    void anotherKeyOrNoKeyHangsUpPolitelyAndWritesNothing() {
        Call call = onThePhone("CA3", CallScript.NONE);

        for (Map<String, String> form : new Map[]{pressed("CA3", "1", call.phoneNumber()), pressed("CA3", "#", call.phoneNumber()),
                pressed("CA3", "", call.phoneNumber()), pressed("CA3", null, call.phoneNumber())}) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(signed(call.id(), form), new TestContext());

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getBody()).contains("<Say>Goodbye.</Say><Hangup/>").doesNotContain("not be called again");
        }
        assertThat(list.find(call.phoneNumber())).isEmpty();
    }

    @Test
    void aCampaignsOwnDigitReplacesTheDeployments() {
        Call call = onThePhone("CA4", new CallScript(null, "Hi", null, null, null, "*"));

        handler.handleRequest(signed(call.id(), pressed("CA4", "9", call.phoneNumber())), new TestContext());
        assertThat(list.find(call.phoneNumber())).as("the deployment's 9 is not this call's key").isEmpty();

        handler.handleRequest(signed(call.id(), pressed("CA4", "*", call.phoneNumber())), new TestContext());
        assertThat(list.find(call.phoneNumber()).orElseThrow().digit()).isEqualTo("*");
    }

    @Test
    void aForgedOrMissingSignatureIs403AndWritesNothing() {
        Call call = onThePhone("CA5", CallScript.NONE);
        Map<String, String> form = pressed("CA5", "9", call.phoneNumber());
        String url = "https://" + HOST + "/Prod/webhooks/twilio/opt-out?callId=" + call.id();
        String withoutStage = "https://" + HOST + "/webhooks/twilio/opt-out?callId=" + call.id();

        var forged = handler.handleRequest(event(call.id(), form, TwilioSignatures.sign("guessed", url, form)), new TestContext());
        var missing = handler.handleRequest(event(call.id(), form, null), new TestContext());
        var otherUrl = handler.handleRequest(event(call.id(), form, TwilioSignatures.sign(TOKEN, withoutStage, form)), new TestContext());
        Map<String, String> tampered = new LinkedHashMap<>(form);
        tampered.put("Digits", "9");
        var signedOtherForm = handler.handleRequest(event(call.id(), tampered,
                TwilioSignatures.sign(TOKEN, url, pressed("CA5", "1", call.phoneNumber()))), new TestContext());

        for (var response : new APIGatewayProxyResponseEvent[]{forged, missing, otherUrl, signedOtherForm}) {
            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(response.getBody()).contains("INVALID_SIGNATURE").contains("X-Twilio-Signature");
        }
        assertThat(list.find(call.phoneNumber())).isEmpty();
    }

    @Test
    void aPressFromAnotherProviderCallOrForAnUnknownCallWritesNothing() {
        Call call = onThePhone("CA6", CallScript.NONE);

        // A <Gather> in someone else's TwiML (a twimlUrl's) naming this call: Twilio signs it, but from its own call.
        var foreign = handler.handleRequest(signed(call.id(), pressed("CA-other", "9", call.phoneNumber())), new TestContext());
        var unknown = handler.handleRequest(signed(UUID.randomUUID().toString(), pressed("CA7", "9", "+14155550100")),
                new TestContext());

        assertThat(foreign.getBody()).contains("<Say>Goodbye.</Say>");
        assertThat(unknown.getStatusCode()).isEqualTo(200);
        assertThat(unknown.getBody()).contains("<Say>Goodbye.</Say>");
        assertThat(list.find(call.phoneNumber())).isEmpty();
        assertThat(list.find("+14155550100")).isEmpty();
    }

    @Test
    void anExpiredEntryIsReplacedSoThatTheEvidenceShowsThisPressesTime() {
        Call call = onThePhone("CA8", CallScript.NONE);
        list.put(new Suppression(call.phoneNumber(), "asked by mail", "api", clock.instant().plusSeconds(10),
                clock.instant().minus(Duration.ofDays(30)), null, null));
        clock.advance(Duration.ofSeconds(20));

        handler.handleRequest(signed(call.id(), pressed("CA8", "9", call.phoneNumber())), new TestContext());

        Suppression entry = list.find(call.phoneNumber()).orElseThrow();
        assertThat(entry.addedAt()).isEqualTo(clock.instant());
        assertThat(entry.expiresAt()).isNull();
        assertThat(entry.source()).isEqualTo("keypress");
        assertThat(entry.callId()).isEqualTo(call.id());
    }

    /** A call answered and on the phone, to a number no other test uses. */
    private static Call onThePhone(String sid, CallScript script) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String number = "+1415555" + String.format("%04d", 1000 + NUMBERS.incrementAndGet());
        Call call = Call.newScheduled(UUID.randomUUID().toString(), number, "Test", null, now, "UTC", script, now.minusSeconds(60))
                .claim(now, "dialing").withProvider(sid, "in-progress");
        calls.insert(call);
        return call;
    }

    /** Twilio's form for a {@code <Gather>} action; {@code digits} null leaves {@code Digits} out. */
    private static Map<String, String> pressed(String sid, String digits, String to) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC" + "0".repeat(32));
        form.put("CallSid", sid);
        form.put("CallStatus", "in-progress");
        form.put("Direction", "outbound-api");
        form.put("From", "+15005550006");
        form.put("To", to);
        if (digits != null) {
            form.put("Digits", digits);
        }
        return form;
    }

    private static APIGatewayProxyRequestEvent signed(String callId, Map<String, String> form) {
        String url = "https://" + HOST + "/Prod/webhooks/twilio/opt-out?callId=" + callId;
        return event(callId, form, TwilioSignatures.sign(TOKEN, url, form));
    }

    private static APIGatewayProxyRequestEvent event(String callId, Map<String, String> form, String signature) {
        return ApiEvents.twilioForm("/webhooks/twilio/opt-out", callId, form, signature);
    }
}
