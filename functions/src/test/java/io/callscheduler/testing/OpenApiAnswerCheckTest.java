package io.callscheduler.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check that holds every answer of the API tests to openapi.yaml catches what it must: a missing field, a wrong
 * type, an undeclared status, content type or header, a required header left out, a route not described; and lets
 * an answer the description allows through (OpenAPI 3.1: JSON Schema 2020-12, null as a type).
 */
class OpenApiAnswerCheckTest {
    private static final String ID = "123e4567-e89b-12d3-a456-426614174000";
    private static final String NOT_FOUND = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no call\",\"field\":\"id\"}}";
    private final OpenApiAnswerCheck check = new OpenApiAnswerCheck();

    @Test
    void letsAnAnswerTheDescriptionAllowsThrough() {
        assertThat(check.problems(getCall(), json(404, NOT_FOUND))).isEmpty();
        assertThat(check.problems(getCall(), json(404, NOT_FOUND.replace("\"id\"", "null")))).as("field may be null").isEmpty();
    }

    @Test
    void aMissingFieldFails() {
        assertThat(check.problems(getCall(), json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"field\":\"id\"}}")))
                .anyMatch(problem -> problem.contains("message"));
    }

    @Test
    void aWrongTypeOrAnUnknownCodeFails() {
        assertThat(check.problems(getCall(), json(404, NOT_FOUND.replace("\"id\"", "7")))).isNotEmpty();
        assertThat(check.problems(getCall(), json(404, NOT_FOUND.replace("NOT_FOUND", "NO_SUCH_CODE")))).isNotEmpty();
    }

    @Test
    void aCallMissingAFieldOrWithAnUndescribedOneFails() {
        String call = """
                {"id":"%s","phoneNumber":"+14155550100","contactName":null,"notes":null,"scheduledAt":"2030-01-01T10:00:00Z",
                 "scheduledAtLocal":"2030-01-01T10:00Z","timeZone":"UTC","status":"SCHEDULED","createdAt":"2029-12-31T10:00:00Z",
                 "updatedAt":"2029-12-31T10:00:00Z","endedAt":null,"answeredAt":null,"attempts":0,"externalCallId":null,
                 "providerStatus":null,"lastError":null,"nextAttemptAt":null,"waitingFor":null,"requestUnconfirmed":false,
                 "callerId":null,"message":null,"voice":null,"language":null,"twimlUrl":null,"callingTimeZones":["UTC"],
                 "dialRound":1,"campaignId":null,"seriesId":null,"occurrence":null,"durationSeconds":null,"answeredBy":null,
                 "history":[{"status":"SCHEDULED","at":"2029-12-31T10:00:00Z","detail":null}]}""".formatted(ID);
        assertThat(check.problems(getCall(), json(200, call))).isEmpty();
        assertThat(check.problems(getCall(), json(200, call.replace("\"attempts\":0,", "")))).anyMatch(p -> p.contains("attempts"));
        assertThat(check.problems(getCall(), json(200, call.replace("\"attempts\":0,", "\"attempts\":0,\"secret\":1,"))))
                .anyMatch(p -> p.contains("secret"));
        assertThat(check.problems(getCall(), json(200, call.replace(",\n \"history\"", ",\"history\"")
                .replaceAll(",\"history\":\\[.*]", "")))).as("GET /calls/{id} requires the history").isNotEmpty();
    }

    @Test
    void anUndeclaredStatusContentTypeOrHeaderFails() {
        assertThat(check.problems(getCall(), json(418, NOT_FOUND))).anyMatch(p -> p.contains("status 418"));
        APIGatewayProxyResponseEvent csv = json(404, NOT_FOUND);
        csv.getHeaders().put("Content-Type", "text/csv");
        assertThat(check.problems(getCall(), csv)).anyMatch(p -> p.contains("content type"));
        APIGatewayProxyResponseEvent replayed = json(404, NOT_FOUND);
        replayed.getHeaders().put("Idempotent-Replayed", "true");
        assertThat(check.problems(getCall(), replayed)).anyMatch(p -> p.contains("idempotent-replayed"));
    }

    @Test
    void aRequiredHeaderLeftOutFails() {
        APIGatewayProxyRequestEvent create = ApiEvents.post("{}");
        assertThat(check.problems(create, json(201, "{}"))).anyMatch(p -> p.contains("location"));
    }

    @Test
    void aRouteTheDescriptionLacksFailsTheInvocation() {
        APIGatewayProxyRequestEvent unknown = ApiEvents.event("GET", "/nowhere", "/nowhere", null, null, null);
        assertThatThrownBy(() -> check.answered(unknown, json(200, "{}"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/nowhere");
    }

    @Test
    void anEventPayloadIsHeldToItsSchemaUnderWebhooks() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var imported = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree("""
                {"type":"import.completed","timestamp":"2030-01-01T10:00:00Z","data":{"campaignId":"%s","rows":3,
                 "accepted":2,"rejected":1,"duplicates":0,"suppressed":0,"imported":2}}""".formatted(ID));
        assertThat(check.eventProblems("import.completed", imported)).isEmpty();
        assertThat(check.eventProblems("campaign.started", imported)).isNotEmpty();
        assertThat(check.eventProblems("import.completed", imported.deepCopy().put("timestamp", 12)))
                .anyMatch(p -> p.contains("timestamp"));
        assertThat(check.eventProblems("call.nonsense", imported)).anyMatch(p -> p.contains("not under webhooks"));
        var callEvent = json.readTree("""
                {"type":"call.completed","timestamp":"2030-01-01T10:00:00Z","data":{}}""");
        assertThat(check.eventProblems("call.completed", callEvent)).as("a call event needs its sequence and the call")
                .anyMatch(p -> p.contains("sequence")).anyMatch(p -> p.contains("phoneNumber"));
    }

    private static APIGatewayProxyRequestEvent getCall() {
        return ApiEvents.onCall("GET", ID, null);
    }

    private static APIGatewayProxyResponseEvent json(int status, String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withBody(body)
                .withHeaders(new java.util.HashMap<>(Map.of("Content-Type", "application/json; charset=utf-8")));
    }
}
