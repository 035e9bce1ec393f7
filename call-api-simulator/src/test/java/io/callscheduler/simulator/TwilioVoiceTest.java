package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's Twilio API checked against Twilio's own Java helper library: its client creates and fetches
 * calls through it (so the simulator answers as that client expects), and its RequestValidator checks the
 * status callbacks' signatures.
 */
class TwilioVoiceTest {
    private static final String SID = "AC" + "1234567890abcdef".repeat(2);
    private static final String TOKEN = "test-token-" + "x".repeat(21);
    private CallApiSimulator simulator;
    private HttpServer receiver;
    private final List<Map<String, String>> callbacks = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private String callbackUrl;

    @BeforeEach
    void start() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, SimulatorSettings.DEFAULTS.with(CallApiSimulator.JSON
                .createObjectNode().put("ringAfterMs", 100).put("answerAfterMs", 200).put("talkMs", 400)));
        simulator.twilio().useCredentials(new TwilioVoice.Credentials(SID, TOKEN));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/webhooks/twilio/status", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new HashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            signatures.add(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            callbacks.add(params);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/twilio/status?stage=Prod";
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        simulator.close();
    }

    private TwilioRestClient client(String token) {
        return new TwilioRestClient.Builder(SID, token).httpClient(new SimulatorHttpClient(simulator.uri())).build();
    }

    @Test
    void twiliosClientPlacesAndFollowsACallAndEveryCallbackIsSignedAsTwilioSigns() {
        TwilioRestClient twilio = client(TOKEN);

        Call placed = Call.creator(new PhoneNumber("+14155550100"), new PhoneNumber("+15005550006"),
                        new Twiml("<Response><Say>Your appointment is tomorrow</Say></Response>"))
                .setStatusCallback(URI.create(callbackUrl))
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setStatusCallbackMethod(HttpMethod.POST)
                .create(twilio);

        assertThat(placed.getSid()).matches("CA[0-9a-f]{32}");
        assertThat(placed.getStatus()).isEqualTo(Call.Status.QUEUED);
        assertThat(placed.getTo()).isEqualTo("+14155550100");
        assertThat(placed.getAccountSid()).isEqualTo(SID);
        await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.size() == 4);
        assertThat(callbacks).extracting(c -> c.get("CallStatus"))
                .containsExactly("initiated", "ringing", "in-progress", "completed");
        assertThat(callbacks).extracting(c -> c.get("SequenceNumber")).containsExactly("0", "1", "2", "3");
        assertThat(callbacks).allSatisfy(c -> assertThat(c).containsEntry("CallSid", placed.getSid())
                .containsEntry("AccountSid", SID).containsEntry("Direction", "outbound-api")
                .containsKeys("Timestamp", "CallbackSource", "From", "To"));
        assertThat(callbacks.get(3)).containsKey("CallDuration");
        RequestValidator validator = new RequestValidator(TOKEN);
        for (int i = 0; i < callbacks.size(); i++) {
            assertThat(validator.validate(callbackUrl, callbacks.get(i), signatures.get(i))).as("callback " + i).isTrue();
        }
        assertThat(new RequestValidator("another-token").validate(callbackUrl, callbacks.get(0), signatures.get(0))).isFalse();

        Call fetched = Call.fetcher(placed.getSid()).fetch(twilio);
        assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
        assertThat(fetched.getDuration()).isEqualTo("0");
        assertThat(fetched.getStartTime()).isNotNull();
    }

    @Test
    void withPressDigitTheCalleePressesTheKeyIntoTheGatherAndItsActionGetsTheDigitsSignedAsTwilioSigns() {
        List<Map<String, String>> presses = new CopyOnWriteArrayList<>();
        List<String> pressSignatures = new CopyOnWriteArrayList<>();
        receiver.createContext("/webhooks/twilio/opt-out", exchange -> {
            Map<String, String> params = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            pressSignatures.add(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            presses.add(params);
            byte[] twiml = "<Response><Hangup/></Response>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        String action = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/twilio/opt-out?callId=our-call&amp;x=1";
        String gather = "<Response><Say>Hello</Say><Gather numDigits=\"1\" action=\"" + action + "\" method=\"POST\">"
                + "<Say>Press 9 to stop these calls.</Say></Gather></Response>";
        simulator.configure(simulator.settings().with(CallApiSimulator.JSON.createObjectNode()
                .put("pressDigit", "9").put("pressDigitShare", 1.0)));

        Call withGather = Call.creator(new PhoneNumber("+14155550120"), new PhoneNumber("+15005550006"), new Twiml(gather))
                .setStatusCallback(URI.create(callbackUrl)).create(client(TOKEN));
        Call withoutGather = Call.creator(new PhoneNumber("+14155550121"), new PhoneNumber("+15005550006"),
                new Twiml("<Response><Say>Hello</Say></Response>")).setStatusCallback(URI.create(callbackUrl)).create(client(TOKEN));

        await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.size() == 2); // both completed, after the press
        assertThat(presses).hasSize(1);
        String url = action.replace("&amp;", "&");
        assertThat(presses.get(0)).containsEntry("Digits", "9").containsEntry("CallSid", withGather.getSid())
                .containsEntry("AccountSid", SID).containsEntry("To", "+14155550120").containsEntry("CallStatus", "in-progress");
        assertThat(new RequestValidator(TOKEN).validate(url, presses.get(0), pressSignatures.get(0)))
                .as("signed over the action URL as Twilio signs").isTrue();
        assertThat(presses).noneMatch(p -> p.get("CallSid").equals(withoutGather.getSid()));

        simulator.configure(simulator.settings().with(CallApiSimulator.JSON.createObjectNode().put("pressDigitShare", 0.0)));
        Call.creator(new PhoneNumber("+14155550122"), new PhoneNumber("+15005550006"), new Twiml(gather))
                .setStatusCallback(URI.create(callbackUrl)).create(client(TOKEN));
        await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.size() == 3);
        assertThat(presses).as("a share of 0 presses nothing").hasSize(1);
    }

    @Test
    void pressDigitIsOneKeyOrNone() {
        assertThatThrownBy(() -> SimulatorSettings.DEFAULTS.with(CallApiSimulator.JSON.createObjectNode().put("pressDigit", "12")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pressDigit");
        assertThatThrownBy(() -> SimulatorSettings.DEFAULTS.with(CallApiSimulator.JSON.createObjectNode().put("pressDigitShare", 2)))
                .isInstanceOf(IllegalArgumentException.class);
        SimulatorSettings pressing = SimulatorSettings.DEFAULTS.with(CallApiSimulator.JSON.createObjectNode().put("pressDigit", "#"));
        assertThat(pressing.pressDigit()).isEqualTo("#");
        assertThat(pressing.with(CallApiSimulator.JSON.createObjectNode().putNull("pressDigit")).pressDigit()).isNull();
        assertThat(pressing.toJson().path("pressDigit").asText()).isEqualTo("#");
    }

    @Test
    void twiliosClientListsCallsToANumberNewestFirstAndDialsAreCountedByTheCallbackMarker() {
        TwilioRestClient twilio = client(TOKEN);
        String marked = callbackUrl + "&callId=our-call-1";
        Call first = Call.creator(new PhoneNumber("+14155550110"), new PhoneNumber("+15005550006"), new Twiml("<Response/>"))
                .setStatusCallback(URI.create(marked)).create(twilio);
        Call second = Call.creator(new PhoneNumber("+14155550110"), new PhoneNumber("+15005550006"), new Twiml("<Response/>"))
                .setStatusCallback(URI.create(marked)).create(twilio);
        Call.creator(new PhoneNumber("+14155550111"), new PhoneNumber("+15005550006"), new Twiml("<Response/>")).create(twilio);

        List<Call> listed = new java.util.ArrayList<>();
        Call.reader().setTo(new PhoneNumber("+14155550110")).setFrom(new PhoneNumber("+15005550006")).read(twilio)
                .forEach(listed::add);

        assertThat(listed).extracting(Call::getSid).containsExactlyInAnyOrder(first.getSid(), second.getSid());
        assertThat(listed.get(0).getDateCreated()).isAfterOrEqualTo(listed.get(1).getDateCreated());
        assertThat(simulator.requestsFor("our-call-1")).isEqualTo(2);
    }

    @Test
    void withMachineDetectionAnAnsweredCallSaysWhoAnswered() {
        Call placed = Call.creator(new PhoneNumber("+14155550112"), new PhoneNumber("+15005550006"), new Twiml("<Response/>"))
                .setStatusCallback(URI.create(callbackUrl)).setStatusCallbackEvent(List.of("answered", "completed"))
                .setMachineDetection("Enable").create(client(TOKEN));

        await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.size() == 2);
        assertThat(callbacks).allSatisfy(c -> assertThat(c).containsEntry("AnsweredBy", "human"));
        assertThat(Call.fetcher(placed.getSid()).fetch(client(TOKEN)).getAnsweredBy()).isEqualTo("human");
    }

    @Test
    void theCallbackLossKnobDropsCallbacks() {
        simulator.configure(simulator.settings().with(CallApiSimulator.JSON.createObjectNode().put("callbackLossRate", 1.0)));
        Call placed = Call.creator(new PhoneNumber("+14155550113"), new PhoneNumber("+15005550006"), new Twiml("<Response/>"))
                .setStatusCallback(URI.create(callbackUrl)).create(client(TOKEN));

        await().atMost(Duration.ofSeconds(5)).until(() -> Call.fetcher(placed.getSid()).fetch(client(TOKEN)).getStatus()
                == Call.Status.COMPLETED);
        assertThat(callbacks).isEmpty();
    }

    @Test
    void onlyTheCompletedEventIsSentWhenNoneIsRequested() {
        Call placed = Call.creator(new PhoneNumber("+14155550101"), new PhoneNumber("+15005550006"),
                new Twiml("<Response/>")).setStatusCallback(URI.create(callbackUrl)).create(client(TOKEN));

        await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.size() == 1);
        assertThat(callbacks.get(0)).containsEntry("CallSid", placed.getSid()).containsEntry("CallStatus", "completed");
    }

    @Test
    void errorsHaveTwiliosShapeAndCodesAsTheClientReadsThem() {
        assertThatThrownBy(() -> Call.creator(new PhoneNumber("+14155550102"), new PhoneNumber("+15005550006"),
                new Twiml("<Response/>")).create(client("wrong-token")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getCode()).isEqualTo(20003);
                });
        assertThatThrownBy(() -> Call.creator(new PhoneNumber("0415"), new PhoneNumber("+15005550006"),
                new Twiml("<Response/>")).create(client(TOKEN)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21211));
        assertThatThrownBy(() -> Call.fetcher("CA" + "0".repeat(32)).fetch(client(TOKEN)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void theFaultKnobsApplyToTwilioRequestsToo() {
        simulator.configure(simulator.settings().with(CallApiSimulator.JSON.createObjectNode().put("throttleRate", 1.0)));

        assertThatThrownBy(() -> Call.creator(new PhoneNumber("+14155550103"), new PhoneNumber("+15005550006"),
                new Twiml("<Response/>")).create(client(TOKEN)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo(20429);
                });
    }

    @Test
    void aRequestWithoutFromOrWhatToSayIsRefusedWithTwiliosCode() throws Exception {
        String url = simulator.uri() + TwilioVoice.PREFIX + SID + "/Calls.json";
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> noFrom = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155550104&Twiml=%3CResponse%2F%3E")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> nothingToSay = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155550104&From=%2B15005550006")).build(),
                HttpResponse.BodyHandlers.ofString());

        ObjectNode fromError = (ObjectNode) CallApiSimulator.JSON.readTree(noFrom.body());
        assertThat(noFrom.statusCode()).isEqualTo(400);
        assertThat(fromError.get("code").asInt()).isEqualTo(21213);
        assertThat(fromError.fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "more_info", "status");
        assertThat(CallApiSimulator.JSON.readTree(nothingToSay.body()).get("code").asInt()).isEqualTo(21205);
    }

    /**
     * Twilio's client sends every request to api.twilio.com; this one sends it to the simulator instead,
     * unchanged otherwise (method, path, query, form body, Basic auth, headers).
     */
    static final class SimulatorHttpClient extends com.twilio.http.HttpClient {
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        SimulatorHttpClient(URI base) {
            this.base = base;
        }

        @Override
        public Response makeRequest(Request request) {
            URI twilio = URI.create(request.constructURL().toString());
            String query = twilio.getRawQuery() == null ? "" : "?" + twilio.getRawQuery();
            HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(base + twilio.getRawPath() + query))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (request.getUsername() + ":" + request.getPassword()).getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "application/json");
            request.getHeaderParams().forEach((name, values) -> values.forEach(value -> forwarded.header(name, value)));
            if (request.getMethod() == HttpMethod.POST) {
                String form = request.getPostParams().entrySet().stream()
                        .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                        .collect(Collectors.joining("&"));
                forwarded.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
            } else {
                forwarded.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.body(), response.statusCode());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
