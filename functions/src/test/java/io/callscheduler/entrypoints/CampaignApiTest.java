package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.model.NewContact;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static io.callscheduler.testing.ApiEvents.answer;
import static org.assertj.core.api.Assertions.assertThat;

/** The campaign routes through their handlers, built by the production wiring, on DynamoDB Local. */
class CampaignApiTest {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent onCampaign(
            String method, String id, String action, String body) {
        String resource = action == null ? "/campaigns/{id}" : "/campaigns/{id}/" + action;
        return ApiEvents.event(method, resource, "/campaigns/" + id + (action == null ? "" : "/" + action), body,
                Map.of("id", id), null);
    }

    private static JsonNode create(String body, int status) {
        return answer(new CreateCampaignHandler(app.environment), ApiEvents.event("POST", "/campaigns", "/campaigns",
                body, null, null), status);
    }

    @Test
    void aCampaignIsCreatedStartedAndListedWithItsProgressAndItsCallsAreListedByCampaign() throws Exception {
        JsonNode created = create("{\"name\": \"Dentist\", \"message\": \"Hi {{contactName}}\", \"maxCallsPerSecond\": 2,"
                + " \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 2}}", 201);
        String id = created.path("id").asText();
        assertThat(created.path("state").asText()).isEqualTo("DRAFT");
        assertThat(created.path("maxCallsPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(created.path("redial").path("on").toString()).isEqualTo("[\"BUSY\"]");
        assertThat(created.path("progress").path("total").asLong()).isZero();

        app.services().campaigns().service().addContacts(id, List.of(new NewContact("+14155550101", Map.of("contactName", "Ann")),
                new NewContact("+14155550102", Map.of("contactName", "Bob"))));
        JsonNode started = answer(new StartCampaignHandler(app.environment), onCampaign("POST", id, "start", null), 200);
        assertThat(started.path("state").asText()).isEqualTo("RUNNING");
        JsonNode again = answer(new StartCampaignHandler(app.environment), onCampaign("POST", id, "start", null), 409);
        assertThat(again.path("error").path("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(again.path("error").path("field").asText()).isEqualTo("state");
        assertThat(again.path("error").path("message").asText()).contains("is RUNNING");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CampaignRunnerHandler(app.environment).handleRequest(new ByteArrayInputStream(
                ("{\"campaignId\":\"" + id + "\",\"reason\":\"START\"}").getBytes()), out, new TestContext());
        assertThat(out.toString()).contains("\"drawn\":2");

        JsonNode got = answer(new GetCampaignHandler(app.environment), onCampaign("GET", id, null, null), 200);
        JsonNode counts = got.path("progress").path("counts");
        assertThat(got.path("progress").path("total").asLong()).isEqualTo(2);
        assertThat(counts.path("pending").asLong() + counts.path("dialing").asLong() + counts.path("inProgress").asLong()
                + counts.path("completed").asLong() + counts.path("busy").asLong() + counts.path("noAnswer").asLong()
                + counts.path("failed").asLong() + counts.path("canceled").asLong() + counts.path("suppressed").asLong())
                .isEqualTo(2);

        JsonNode listed = answer(new ListCallsHandler(app.environment), ApiEvents.list(Map.of("campaignId", id)), 200);
        assertThat(listed.path("items")).hasSize(2);
        assertThat(listed.path("items").get(0).path("campaignId").asText()).isEqualTo(id);
        assertThat(listed.path("items").findValuesAsText("message")).containsExactlyInAnyOrder("Hi Ann", "Hi Bob");
        JsonNode none = answer(new ListCallsHandler(app.environment), ApiEvents.list(Map.of("campaignId", id,
                "status", "COMPLETED")), 200);
        assertThat(none.path("items")).isEmpty();
        answer(new ListCallsHandler(app.environment), ApiEvents.list(Map.of("campaignId",
                "7d1f3c2e-0000-4000-8000-000000000000")), 404);
        // An id no campaign could have (DynamoDB refuses keys over 2 KB): a 404, never a 5xx.
        answer(new ListCallsHandler(app.environment), ApiEvents.list(Map.of("campaignId", "x".repeat(3000))), 404);

        JsonNode all = answer(new ListCampaignsHandler(app.environment), ApiEvents.event("GET", "/campaigns", "/campaigns",
                null, null, null), 200);
        assertThat(all.path("items").findValuesAsText("id")).contains(id);

        JsonNode paused = answer(new PauseCampaignHandler(app.environment), onCampaign("POST", id, "pause", null), 200);
        assertThat(paused.path("state").asText()).isEqualTo("PAUSED");
        JsonNode edited = answer(new UpdateCampaignHandler(app.environment), onCampaign("PATCH", id, null,
                "{\"message\": \"Hello {{contactName}}\", \"maxCallsPerSecond\": 0.5}"), 200);
        assertThat(edited.path("message").asText()).isEqualTo("Hello {{contactName}}");
        assertThat(edited.path("state").asText()).isEqualTo("PAUSED");
        assertThat(answer(new ResumeCampaignHandler(app.environment), onCampaign("POST", id, "resume", null), 200)
                .path("state").asText()).isEqualTo("RUNNING");
        assertThat(answer(new StopCampaignHandler(app.environment), onCampaign("POST", id, "stop", null), 200)
                .path("state").asText()).isEqualTo("STOPPED");
        JsonNode late = answer(new UpdateCampaignHandler(app.environment), onCampaign("PATCH", id, null,
                "{\"name\": \"x\"}"), 409);
        assertThat(late.path("error").path("message").asText()).contains("is STOPPED");
    }

    @Test
    void theProgressSaysDialsPerMinuteAndAnEtaAndTheDialsCountAsTheCallsDial() throws Exception {
        JsonNode created = create("{\"name\": \"Survey\", \"message\": \"Hi\", \"maxCallsPerSecond\": 2}", 201);
        String id = created.path("id").asText();
        JsonNode draftEta = created.path("progress").path("eta");
        assertThat(draftEta.path("finishesAt").isNull()).isTrue();
        assertThat(draftEta.path("whyNone").asText()).isEqualTo("not started: it starts when you start it");
        assertThat(created.path("progress").path("dialsPerMinute").path("minutes").asInt()).isEqualTo(5);

        app.services().campaigns().service().addContacts(id, List.of(new NewContact("+14155550141", Map.of()),
                new NewContact("+14155550142", Map.of())));
        answer(new StartCampaignHandler(app.environment), onCampaign("POST", id, "start", null), 200);
        new CampaignRunnerHandler(app.environment).handleRequest(new ByteArrayInputStream(
                ("{\"campaignId\":\"" + id + "\",\"reason\":\"START\"}").getBytes()), new ByteArrayOutputStream(),
                new TestContext());

        // Both calls are due at once and dispatched at once: both dials are counted, in this minute or the last five.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode dials = answer(new GetCampaignHandler(app.environment), onCampaign("GET", id, null, null), 200)
                    .path("progress").path("dialsPerMinute");
            assertThat(dials.path("thisMinute").asLong() + Math.round(dials.path("perMinute").asDouble() * 5)).isEqualTo(2);
        });
        JsonNode progress = answer(new GetCampaignHandler(app.environment), onCampaign("GET", id, null, null), 200)
                .path("progress");
        JsonNode dials = progress.path("dialsPerMinute");
        assertThat(java.time.Duration.between(java.time.Instant.parse(dials.path("from").asText()),
                java.time.Instant.parse(dials.path("to").asText()))).isEqualTo(java.time.Duration.ofMinutes(5));
        JsonNode eta = progress.path("eta");
        assertThat(eta.has("finishesAt") && eta.has("remaining") && eta.has("basis") && eta.has("whyNone")
                && eta.has("leftAtEnd")).as(eta.toString()).isTrue();
        assertThat(eta.path("remaining").asLong()).isBetween(0L, 2L);
        assertThat(eta.path("whyNone").isNull()).as("a running campaign with every contact dialed").isTrue();
        assertThat(java.time.Instant.parse(eta.path("finishesAt").asText())).isBeforeOrEqualTo(java.time.Instant.now());
    }

    @Test
    void aCampaignsOptOutDigitIsValidatedEditableAndCarriedIntoEachOfItsCalls() throws Exception {
        JsonNode created = create("{\"name\": \"Survey\", \"message\": \"Hi\", \"optOutDigit\": 9}", 201);
        String id = created.path("id").asText();
        assertThat(created.path("optOutDigit").asText()).isEqualTo("9");
        for (String bad : new String[]{"\"99\"", "\"a\"", "-1", "\"+\""}) {
            JsonNode error = create("{\"name\": \"x\", \"optOutDigit\": " + bad + "}", 400).path("error");
            assertThat(error.path("field").asText()).isEqualTo("optOutDigit");
            assertThat(error.path("code").asText()).isEqualTo("INVALID_VALUE");
            assertThat(error.path("message").asText()).contains("0 to 9, * or #");
        }
        assertThat(answer(new UpdateCampaignHandler(app.environment), onCampaign("PATCH", id, null,
                "{\"optOutDigit\": \"x\"}"), 400).path("error").path("field").asText()).isEqualTo("optOutDigit");
        assertThat(answer(new UpdateCampaignHandler(app.environment), onCampaign("PATCH", id, null,
                "{\"optOutDigit\": \"\"}"), 200).path("optOutDigit").isNull()).as("\"\": the deployment's").isTrue();
        assertThat(answer(new UpdateCampaignHandler(app.environment), onCampaign("PATCH", id, null,
                "{\"optOutDigit\": \"#\"}"), 200).path("optOutDigit").asText()).isEqualTo("#");
        assertThat(answer(new UpdateCampaignHandler(app.environment), onCampaign("PATCH", id, null,
                "{\"name\": \"Survey 2\"}"), 200).path("optOutDigit").asText()).as("kept by an edit of something else")
                .isEqualTo("#");

        app.services().campaigns().service().addContacts(id, List.of(new NewContact("+14155550131", Map.of())));
        answer(new StartCampaignHandler(app.environment), onCampaign("POST", id, "start", null), 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CampaignRunnerHandler(app.environment).handleRequest(new ByteArrayInputStream(
                ("{\"campaignId\":\"" + id + "\",\"reason\":\"START\"}").getBytes()), out, new TestContext());

        String callId = answer(new ListCallsHandler(app.environment), ApiEvents.list(Map.of("campaignId", id)), 200)
                .path("items").get(0).path("id").asText();
        assertThat(new io.callscheduler.store.dynamodb.DynamoDbCallStore(app.aws.dynamoDb(), app.table).find(callId)
                .orElseThrow().script().optOutDigit()).isEqualTo("#");
    }

    @Test
    void badInputIsA400NamingTheFieldAndAnUnknownCampaignA404() {
        assertThat(create("{}", 400).path("error").path("field").asText()).isEqualTo("name");
        assertThat(create("{\"name\": \"x\", \"maxCallsPerSecond\": -1}", 400).path("error").path("code").asText())
                .isEqualTo("INVALID_VALUE");
        assertThat(create("{\"name\": \"x\", \"maxCallsPerSecond\": true}", 400).path("error").path("message").asText())
                .isEqualTo("maxCallsPerSecond must be a number");
        assertThat(create("{\"name\": \"x\", \"callingHours\": \"8-20\"}", 400).path("error").path("code").asText())
                .isEqualTo("INVALID_CALLING_WINDOW");
        assertThat(create("{\"name\": \"x\", \"callingDays\": \"Someday\"}", 400).path("error").path("field").asText())
                .isEqualTo("callingDays");
        assertThat(create("{\"name\": \"x\", \"maxConcurrentCalls\": 1.5}", 400).path("error").path("field").asText())
                .isEqualTo("maxConcurrentCalls");
        assertThat(create("{\"name\": \"x\", \"endAt\": \"tomorrow\"}", 400).path("error").path("code").asText())
                .isEqualTo("INVALID_DATE_TIME");
        assertThat(create("{\"name\": \"x\", \"colour\": \"red\"}", 400).path("error").path("code").asText())
                .isEqualTo("UNKNOWN_FIELD");
        assertThat(create("{\"name\": \"x\", \"voice\": \"robot\"}", 400).path("error").path("code").asText())
                .isEqualTo("UNSUPPORTED_VOICE");
        answer(new GetCampaignHandler(app.environment), onCampaign("GET", "7d1f3c2e-0000-4000-8000-000000000000", null, null), 404);
        answer(new GetCampaignHandler(app.environment), onCampaign("GET", "not-an-id", null, null), 404);
        answer(new StopCampaignHandler(app.environment), onCampaign("POST", "7d1f3c2e-0000-4000-8000-000000000000", "stop", null), 404);
    }
}
