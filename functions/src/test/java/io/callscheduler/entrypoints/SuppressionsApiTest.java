package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The do-not-call routes and the create's refusal, through the production wiring on DynamoDB Local. */
class SuppressionsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static PutSuppressionHandler put;
    private static DeleteSuppressionHandler delete;
    private static ListSuppressionsHandler list;
    private static CreateCallHandler create;
    private static ListCallsHandler calls;

    @BeforeAll
    static void start() {
        put = new PutSuppressionHandler(app.environment);
        delete = new DeleteSuppressionHandler(app.environment);
        list = new ListSuppressionsHandler(app.environment);
        create = new CreateCallHandler(app.environment);
        calls = new ListCallsHandler(app.environment);
    }

    private static APIGatewayProxyRequestEvent onNumber(String method, String typed, String body) {
        Map<String, String> path = new HashMap<>();
        path.put("phoneNumber", typed);
        return ApiEvents.event(method, "/suppressions/{phoneNumber}", "/suppressions/" + typed, body, path, null);
    }

    private static APIGatewayProxyResponseEvent put(String typed, String body) {
        return put.handleRequest(onNumber("PUT", typed, body), new TestContext());
    }

    private static JsonNode search(Map<String, String> query) throws Exception {
        APIGatewayProxyResponseEvent response = list.handleRequest(ApiEvents.event("GET", "/suppressions", "/suppressions",
                null, null, query), new TestContext());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode error(APIGatewayProxyResponseEvent response, int status) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return JSON.readTree(response.getBody()).get("error");
    }

    @Test
    void aNumberAsTypedIsStoredE164AndAPutAgainUpdatesTheOneEntry() throws Exception {
        APIGatewayProxyResponseEvent first = put("+1 (415) 555-0901", """
                {"reason": "asked not to be called", "source": "phone"}""");
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
        JsonNode entry = JSON.readTree(first.getBody());
        assertThat(entry.get("phoneNumber").asText()).isEqualTo("+14155550901");
        assertThat(entry.get("source").asText()).isEqualTo("phone");
        assertThat(entry.get("active").asBoolean()).isTrue();
        assertThat(entry.get("expiresAt").isNull()).isTrue();

        String until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode again = JSON.readTree(put("+14155550901", """
                {"reason": "until the dispute ends", "expiresAt": "%s"}""".formatted(until)).getBody());
        assertThat(again.get("reason").asText()).isEqualTo("until the dispute ends");
        assertThat(again.get("source").asText()).isEqualTo("api");
        assertThat(again.get("expiresAt").asText()).isEqualTo(until);
        assertThat(again.get("addedAt").asText()).isEqualTo(entry.get("addedAt").asText());
        assertThat(search(Map.of("q", "415 555 0901")).get("items")).hasSize(1);
    }

    @Test
    void aSuppressedNumberIsRefusedAtCreateWithNothingWritten() throws Exception {
        put("+14155550902", """
                {"reason": "complaint"}""");

        JsonNode refused = error(create.handleRequest(ApiEvents.post("""
                {"phoneNumber": "+14155550902", "scheduledAt": "now"}"""), new TestContext()), 400);

        assertThat(refused.get("code").asText()).isEqualTo("SUPPRESSED");
        assertThat(refused.get("field").asText()).isEqualTo("phoneNumber");
        assertThat(refused.get("message").asText()).contains("do-not-call list").contains("complaint");
        JsonNode written = JSON.readTree(calls.handleRequest(ApiEvents.list(Map.of("q", "+14155550902")),
                new TestContext()).getBody());
        assertThat(written.get("items")).isEmpty();
        assertThat(app.aws.schedulerClient().listSchedules(r -> r.groupName(app.group)).schedules()).isEmpty();
        assertThat(app.dispatchEvents).isEmpty();

        // Removed from the list, the number can be called again.
        assertThat(delete.handleRequest(onNumber("DELETE", "+14155550902", null), new TestContext()).getStatusCode())
                .isEqualTo(200);
        assertThat(create.handleRequest(ApiEvents.post("""
                {"phoneNumber": "+14155550902", "scheduledAt": "%s"}""".formatted(Instant.now().plus(1, ChronoUnit.HOURS))),
                new TestContext()).getStatusCode()).isEqualTo(201);
    }

    @Test
    void deleteAnswers404ForANumberNotOnTheList() throws Exception {
        JsonNode absent = error(delete.handleRequest(onNumber("DELETE", "+14155550999", null), new TestContext()), 404);
        assertThat(absent.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(absent.get("field").asText()).isEqualTo("phoneNumber");
    }

    @Test
    void searchByReasonPagesThroughTheMatchesOnly() throws Exception {
        for (int i = 0; i < 5; i++) {
            put("+4420794601" + i + "0", """
                    {"reason": "%s"}""".formatted(i % 2 == 0 ? "Opted out by letter" : "wrong number"));
        }
        List<String> found = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("q", "LETTER", "limit", "2"));
        for (int pages = 0; pages < 5; pages++) {
            JsonNode page = search(query);
            page.get("items").forEach(item -> found.add(item.get("phoneNumber").asText()));
            if (page.get("nextToken").isNull()) {
                break;
            }
            query.put("nextToken", page.get("nextToken").asText());
        }
        assertThat(found).containsExactly("+442079460100", "+442079460120", "+442079460140");
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        assertThat(error(put("12345", """
                {"reason": "x"}"""), 400).get("field").asText()).isEqualTo("phoneNumber");
        JsonNode missing = error(put("+14155550903", "{}"), 400);
        assertThat(missing.get("field").asText()).isEqualTo("reason");
        assertThat(missing.get("code").asText()).isEqualTo("MISSING_FIELD");
        assertThat(error(put("+14155550903", """
                {"reason": "x", "expiresAt": "tomorrow"}"""), 400).get("field").asText()).isEqualTo("expiresAt");
        assertThat(error(put("+14155550903", """
                {"reason": "x", "expiresAt": "2020-01-01T00:00:00Z"}"""), 400).get("code").asText()).isEqualTo("IN_THE_PAST");
        assertThat(error(put("+14155550903", """
                {"reason": "x", "callId": "c"}"""), 400).get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        APIGatewayProxyResponseEvent badToken = list.handleRequest(ApiEvents.event("GET", "/suppressions", "/suppressions",
                null, null, Map.of("nextToken", "nope")), new TestContext());
        assertThat(error(badToken, 400).get("field").asText()).isEqualTo("nextToken");
        APIGatewayProxyResponseEvent badLimit = list.handleRequest(ApiEvents.event("GET", "/suppressions", "/suppressions",
                null, null, Map.of("limit", "0")), new TestContext());
        assertThat(error(badLimit, 400).get("field").asText()).isEqualTo("limit");
        assertThat(search(Map.of("q", "+14155550903")).get("items")).as("nothing written").isEmpty();
    }
}
