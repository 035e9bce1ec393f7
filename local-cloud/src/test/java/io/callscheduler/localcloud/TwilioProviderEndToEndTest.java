package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.webhooks.TwilioSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole Twilio path on the local cloud with no account: {@code --parameter-overrides CallProvider=twilio}
 * makes the simulator's Twilio API the provider. The status sync polls only calls whose callbacks went
 * quiet for ReconcileAfterSeconds (120 s, the default), so within these tests every status arrives by callback.
 * With OptOutDigit=9 every call offers the opt-out after its message; the simulator presses it only when told to.
 */
class TwilioProviderEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("CallProvider", "twilio", "OptOutDigit", "9"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void aCallIsPlacedThroughTwilioSaysItsMessageAndCompletesThroughCallbacksAlone() {
        String body = DeployedApp.JSON.createObjectNode().put("phoneNumber", "+14155558100")
                .put("message", "Your table is ready </Say><Dial>+19005550100</Dial>").put("voice", "Polly.Amy")
                .put("language", "en-GB").toString();
        String id = DeployedApp.send("POST", app().api.resolve("/calls"), body, 201).path("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> app().status(id).equals("COMPLETED"));

        JsonNode call = app().get(id);
        assertThat(call.path("externalCallId").asText()).matches("CA[0-9a-f]{32}");
        assertThat(call.path("callerId").asText()).isEqualTo(LocalProvider.SIMULATOR_FROM_NUMBER);
        assertThat(call.path("durationSeconds").asInt()).isEqualTo(2);
        assertThat(app().placed(id)).isEqualTo(1);
        // Every status after the create's answer came by callback, none by a poll, in sequence order. Callbacks
        // are sent concurrently: an early one overtaken by a later one is (rightly) ignored, so only the last two
        // are certain to appear.
        java.util.List<String> updates = providerUpdates(call);
        assertThat(updates).allSatisfy(update -> assertThat(update).matches("provider: [a-z-]+ \\(callback #\\d\\)"))
                .endsWith("provider: completed (callback #3)")
                .isSortedAccordingTo(java.util.Comparator.comparing(update -> update.charAt(update.length() - 2)));
        assertThat(updates).containsSubsequence("provider: in-progress (callback #2)", "provider: completed (callback #3)");
    }

    @Test
    void theCalleePressesTheOptOutDigitAndTheNumberEndsOnTheDoNotCallListWithItsEvidenceAndIsRefusedNext() {
        String number = "+14155558103";
        URI listed = app().api.resolve("/suppressions?q=" + number.substring(1));
        // The knob is the simulator's, for every call while it is set: the other tests here never call a number twice.
        app().configureSimulator("{\"pressDigit\": \"9\", \"pressDigitShare\": 1.0}");
        String id;
        try {
            id = app().create(number, null).path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> !DeployedApp.send("GET", listed, null, 200).path("items").isEmpty());
        } finally {
            app().configureSimulator("{\"pressDigit\": null, \"pressDigitShare\": 0}");
        }

        JsonNode entry = DeployedApp.send("GET", listed, null, 200).path("items").get(0);
        assertThat(entry.path("phoneNumber").asText()).isEqualTo(number);
        assertThat(entry.path("reason").asText()).isEqualTo("opted out by keypress");
        assertThat(entry.path("source").asText()).isEqualTo("keypress");
        assertThat(entry.path("callId").asText()).isEqualTo(id);
        assertThat(entry.path("digit").asText()).isEqualTo("9");
        assertThat(entry.path("active").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(entry.path("addedAt").asText()))
                .isAfter(java.time.Instant.parse(app().get(id).path("createdAt").asText()));

        JsonNode refused = DeployedApp.send("POST", app().api.resolve("/calls"),
                DeployedApp.JSON.createObjectNode().put("phoneNumber", number).toString(), 400);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("SUPPRESSED");
        assertThat(refused.path("error").path("field").asText()).isEqualTo("phoneNumber");
    }

    @Test
    void duplicatedAndLateCallbacksChangeNothingOnceTheCallIsOver() {
        String id = app().create("+14155558101", null).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> app().status(id).equals("COMPLETED"));
        JsonNode before = app().get(id);
        String sid = before.path("externalCallId").asText();

        for (String[] late : new String[][]{{"ringing", "1"}, {"in-progress", "2"}, {"completed", "3"}, {"busy", "9"}}) {
            HttpResponse<String> response = post(id, callback(sid, late[0], late[1]), true);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("IGNORED");
        }

        JsonNode after = app().get(id);
        assertThat(after.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(after.path("history")).isEqualTo(before.path("history"));
    }

    @Test
    void aForgedCallbackIsRefusedWith403AndChangesNothing() {
        String id = app().create("+14155558102", java.time.Instant.now().plus(Duration.ofHours(1))).path("id").asText();
        JsonNode before = app().get(id);

        HttpResponse<String> forged = post(id, callback("CA" + "f".repeat(32), "completed", "1"), false);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("X-Twilio-Signature");
        assertThat(app().get(id)).isEqualTo(before);
    }

    @Test
    void aCallbackForAnUnknownCallIsAcceptedAndIgnored() {
        String unknown = UUID.randomUUID().toString();

        HttpResponse<String> response = post(unknown, callback("CA" + "e".repeat(32), "completed", "3"), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UNKNOWN_CALL");
        assertThat(DeployedApp.exchange("GET", app().api.resolve("/calls/" + unknown), null).statusCode()).isEqualTo(404);
    }

    /** The "provider: ..." entries of a call's history. */
    static java.util.List<String> providerUpdates(JsonNode call) {
        java.util.List<String> updates = new java.util.ArrayList<>();
        call.path("history").forEach(entry -> {
            if (entry.path("detail").asText().startsWith("provider: ")) {
                updates.add(entry.path("detail").asText());
            }
        });
        return updates;
    }

    private static Map<String, String> callback(String sid, String status, String sequence) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", app().cloud.simulator().twilio().credentials().accountSid());
        form.put("CallSid", sid);
        form.put("CallStatus", status);
        form.put("SequenceNumber", sequence);
        form.put("To", "+14155558101");
        form.put("From", LocalProvider.SIMULATOR_FROM_NUMBER);
        return form;
    }

    /** POSTs a callback to the local API as Twilio would, signed with the account's token or with a wrong one. */
    private static HttpResponse<String> post(String callId, Map<String, String> form, boolean validSignature) {
        URI url = app().api.resolve("/webhooks/twilio/status?callId=" + callId);
        String token = validSignature ? app().cloud.simulator().twilio().credentials().authToken() : "not-the-token";
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", TwilioSignatures.sign(token, url.toString(), form))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
