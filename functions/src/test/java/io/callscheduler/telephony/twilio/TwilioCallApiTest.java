package io.callscheduler.telephony.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callscheduler.model.CallScript;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.telephony.ProviderHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the Twilio adapter sends and how it reads Twilio's answers, against a stand-in HTTP server. (Against
 * the simulator, whose Twilio API Twilio's own client accepts, in the local cloud's tests.)
 */
class TwilioCallApiTest {
    private static final String SID = "AC" + "1".repeat(32);
    private static final String CALLS = "/2010-04-01/Accounts/" + SID + "/Calls.json";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private WireMockServer twilio;
    private final AtomicInteger refreshes = new AtomicInteger();
    private TwilioCallApi api;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        twilio.start();
        ProviderSecrets secrets = new ProviderSecrets() {
            @Override
            public Map<String, String> current() {
                return Map.of("accountSid", SID, "authToken", "token");
            }

            @Override
            public void refresh() {
                refreshes.incrementAndGet();
            }
        };
        api = new TwilioCallApi(new ProviderHttp(HttpClient.newHttpClient()), new TwilioCallApi.Settings(
                URI.create(twilio.baseUrl()), "+15005550006", URI.create("https://abc.execute-api.us-east-1.amazonaws.com/Prod/"),
                Duration.ofSeconds(2), "DetectMessageEnd", Duration.ofSeconds(30)), secrets);
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    @Test
    void createsACallFormEncodedWithBasicAuthTwimlAndTheSignedCallbackUrl() {
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withBody("{\"sid\":\"CA" + "2".repeat(32) + "\",\"status\":\"queued\",\"duration\":null,\"answered_by\":null}")));

        ProviderCall placed = api.placeCall(new DialRequest("call-1", "+14155550123",
                new CallScript(null, "Hi <there> & bye", "alice", "en-GB", null), Instant.now()));

        assertThat(placed.id()).isEqualTo("CA" + "2".repeat(32));
        assertThat(placed.status()).isEqualTo("queued");
        LoggedRequest request = twilio.getAllServeEvents().get(0).getRequest();
        assertThat(request.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":token").getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, List<String>> form = form(request.getBodyAsString());
        assertThat(form.get("To")).containsExactly("+14155550123");
        assertThat(form.get("From")).containsExactly("+15005550006");
        assertThat(form.get("Twiml")).containsExactly("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say voice=\"alice\" language=\"en-GB\">Hi &lt;there&gt; &amp; bye</Say></Response>");
        assertThat(form.get("StatusCallback"))
                .containsExactly("https://abc.execute-api.us-east-1.amazonaws.com/Prod/webhooks/twilio/status?callId=call-1");
        assertThat(form.get("StatusCallbackMethod")).containsExactly("POST");
        assertThat(form.get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(form.get("Timeout")).containsExactly("30");
        assertThat(form.get("MachineDetection")).containsExactly("DetectMessageEnd");
        assertThat(form).doesNotContainKey("Url");
    }

    @Test
    void withAnOptOutDigitTheTwimlOffersItWithAnActionOnOurApiAndACallsOwnDigitWins() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withBody("{\"sid\":\"CA" + "4".repeat(32) + "\",\"status\":\"queued\"}")));
        TwilioCallApi withDigit = new TwilioCallApi(new ProviderHttp(HttpClient.newHttpClient()), new TwilioCallApi.Settings(
                URI.create(twilio.baseUrl()), "+15005550006", URI.create("https://abc.execute-api.us-east-1.amazonaws.com/Prod/"),
                Duration.ofSeconds(2), null, Duration.ofSeconds(30), "9"), new ProviderSecrets() {
            @Override
            public Map<String, String> current() {
                return Map.of("accountSid", SID, "authToken", "token");
            }

            @Override
            public void refresh() {
            }
        });

        withDigit.placeCall(new DialRequest("call/ö 1", "+14155550123", new CallScript(null, "Hi", null, null, null), Instant.now()));
        withDigit.placeCall(new DialRequest("call-2", "+14155550123", new CallScript(null, "Hi", null, null, null, "#"), Instant.now()));
        withDigit.placeCall(new DialRequest("call-3", "+14155550123",
                new CallScript(null, null, null, null, "https://example.com/twiml"), Instant.now()));
        api.placeCall(new DialRequest("call-4", "+14155550123", new CallScript(null, "Hi", null, null, null), Instant.now()));

        Map<String, Map<String, List<String>>> sent = new java.util.HashMap<>();
        twilio.getAllServeEvents().forEach(e -> {
            Map<String, List<String>> form = form(e.getRequest().getBodyAsString());
            String callback = form.get("StatusCallback").get(0);
            sent.put(URLDecoder.decode(callback.substring(callback.indexOf("callId=") + 7), StandardCharsets.UTF_8), form);
        });
        String optOut = "https://abc.execute-api.us-east-1.amazonaws.com/Prod/webhooks/twilio/opt-out?callId=";
        TwimlOptOutTest.assertSameTree(sent.get("call-2").get("Twiml").get(0), new com.twilio.twiml.VoiceResponse.Builder()
                .say(new com.twilio.twiml.voice.Say.Builder("Hi").build())
                .gather(new com.twilio.twiml.voice.Gather.Builder().numDigits(1).action(optOut + "call-2")
                        .method(com.twilio.http.HttpMethod.POST)
                        .say(new com.twilio.twiml.voice.Say.Builder("Press pound to stop these calls.").build()).build())
                .build().toXml());
        assertThat(sent.get("call/ö 1").get("Twiml").get(0)).as("the deployment's digit; the call id URL-encoded in the action")
                .contains("Press 9 to stop").contains("action=\"" + optOut + "call%2F%C3%B6+1\"");
        assertThat(sent.get("call-3")).as("a twimlUrl's TwiML is not ours to change").doesNotContainKey("Twiml");
        assertThat(sent.get("call-4").get("Twiml").get(0)).as("no digit, no opt-out").doesNotContain("Gather");
    }

    @Test
    void aCallerIdAndATwimlUrlReplaceTheDefaults() {
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withBody("{\"sid\":\"CA" + "3".repeat(32) + "\",\"status\":\"queued\"}")));

        api.placeCall(new DialRequest("call-2", "+14155550123",
                new CallScript("+14155550999", null, null, null, "https://example.com/twiml?a=1&b=2"), Instant.now()));

        Map<String, List<String>> form = form(twilio.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(form.get("From")).containsExactly("+14155550999");
        assertThat(form.get("Url")).containsExactly("https://example.com/twiml?a=1&b=2");
        assertThat(form).doesNotContainKey("Twiml");
    }

    @Test
    void twilioErrorsAreClassifiedRejectionsAreFinalThrottlingPassesBadCredentialsAreReread() {
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}")));
        assertThatThrownBy(() -> api.placeCall(dial()))
                .isInstanceOfSatisfying(CallApiException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("Twilio error 21211: Invalid 'To' Phone Number");

        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(429).withBody(
                "{\"code\": 20429, \"message\": \"Too Many Requests\", \"more_info\": \"x\", \"status\": 429}")));
        assertThatThrownBy(() -> api.placeCall(dial()))
                .isInstanceOfSatisfying(CallApiException.class, e -> assertThat(e.isTransient()).isTrue());

        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(401).withBody(
                "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\": \"x\", \"status\": 401}")));
        assertThatThrownBy(() -> api.placeCall(dial()))
                .isInstanceOfSatisfying(CallApiException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("re-reading");
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void findPlacedAdoptsTheEarliestCallToTheNumberSinceTheAttemptBegan() {
        Instant attempt = Instant.now().minusSeconds(120);
        String list = "{\"calls\": [" + resource("CA-newer", attempt.plusSeconds(60)) + ","
                + resource("CA-ours", attempt.plusSeconds(1)) + "," + resource("CA-older", attempt.minusSeconds(600)) + "]}";
        twilio.stubFor(get(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(200).withBody(list)));

        var found = api.findPlaced(new DialRequest("call-3", "+14155550123", CallScript.NONE, attempt));

        assertThat(found).map(ProviderCall::id).contains("CA-ours");
        LoggedRequest request = twilio.getAllServeEvents().get(0).getRequest();
        assertThat(request.queryParameter("To").firstValue()).isEqualTo("+14155550123");
        assertThat(request.queryParameter("From").firstValue()).isEqualTo("+15005550006");

        twilio.stubFor(get(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(200)
                .withBody("{\"calls\": [" + resource("CA-older", attempt.minusSeconds(600)) + "]}")));
        assertThat(api.findPlaced(new DialRequest("call-3", "+14155550123", CallScript.NONE, attempt))).isEmpty();
    }

    @Test
    void aCreateAnsweredWithABodyThatCannotBeReadMayHavePlacedTheCall() {
        twilio.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201).withBody("<html>proxy</html>")));

        assertThatThrownBy(() -> api.placeCall(dial()))
                .isInstanceOfSatisfying(CallApiException.class, e -> assertThat(e.mayHaveReachedProvider())
                        .as("a 2xx placed the call: looked up, never sent again blind").isTrue());
    }

    @Test
    void aMessageTooLongForTwilioOnceEscapedIsRefusedBeforeAnyRequest() {
        twilio.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        String ampersands = "&".repeat(1000);

        assertThatThrownBy(() -> api.placeCall(new DialRequest("call-4", "+14155550123",
                new CallScript(null, ampersands, null, null, null), Instant.now())))
                .isInstanceOfSatisfying(CallApiException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("too long");
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private static DialRequest dial() {
        return new DialRequest("call-x", "+14155550123", CallScript.NONE, Instant.now());
    }

    private static String resource(String sid, Instant created) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"ringing\",\"to\":\"+14155550123\",\"from\":\"+15005550006\","
                + "\"date_created\":\"" + RFC_2822.format(created) + "\"}";
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
