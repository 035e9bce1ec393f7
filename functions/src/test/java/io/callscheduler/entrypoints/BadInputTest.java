package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, table-driven: each row must answer its 4xx with {@code {"error": {"code", "message", "field"}}},
 * write nothing, schedule nothing and dispatch nothing.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static Map<String, ApiHandler> handlers;

    record Case(String name, String handler, APIGatewayProxyRequestEvent event, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        handlers = Map.of("create", new CreateCallHandler(app.environment), "list", new ListCallsHandler(app.environment),
                "get", new GetCallHandler(app.environment), "cancel", new CancelCallHandler(app.environment),
                "reschedule", new RescheduleCallHandler(app.environment), "counts", new CountCallsHandler(app.environment));
    }


    static Stream<Case> cases() {
        String inTwoHours = Instant.now().plus(Duration.ofHours(2)).toString();
        String tomorrowLocal = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(1)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        String inNextParisGap = nextSpringForwardGap(java.time.ZoneId.of("Europe/Paris")).toString();
        return Stream.of(
                create("malformed JSON", "{\"phoneNumber\": ", 400, "MALFORMED_JSON", null),
                create("a JSON array", "[\"+14155550123\"]", 400, "MALFORMED_JSON", null),
                create("a JSON string", "\"+14155550123\"", 400, "MALFORMED_JSON", null),
                create("a field given twice", "{\"phoneNumber\": \"+14155550100\", \"phoneNumber\": \"+882123456789\"}", 400,
                        "DUPLICATE_FIELD", "phoneNumber"),
                create("content after the object", "{\"phoneNumber\": \"+14155550100\"} garbage", 400, "MALFORMED_JSON", null),
                create("a second object after the first", "{\"phoneNumber\": \"+14155550100\"} {}", 400, "TRAILING_CONTENT", null),
                new Case("no body", "create", ApiEvents.post(null), 400, "MISSING_BODY", null),
                create("phone number as a number", "{\"phoneNumber\": 14155550123}", 400, "INVALID_TYPE", "phoneNumber"),
                create("scheduledAt as a number", "{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": 1795606920}", 400, "INVALID_TYPE", "scheduledAt"),
                create("notes as an object", "{\"phoneNumber\": \"+14155550123\", \"notes\": {}}", 400, "INVALID_TYPE", "notes"),
                create("unknown field", "{\"phoneNumber\": \"+14155550123\", \"priority\": \"high\"}", 400, "UNKNOWN_FIELD", "priority"),
                create("missing phone number", "{\"contactName\": \"Ada\"}", 400, "MISSING_FIELD", "phoneNumber"),
                create("message too long", "{\"phoneNumber\": \"+14155550123\", \"message\": \"" + "m".repeat(1001) + "\"}", 400, "TOO_LONG", "message"),
                create("control character in message", "{\"phoneNumber\": \"+14155550123\", \"message\": \"hi\\u0007\"}", 400, "INVALID_CHARACTERS", "message"),
                create("unknown voice", "{\"phoneNumber\": \"+14155550123\", \"voice\": \"robot\"}", 400, "UNSUPPORTED_VOICE", "voice"),
                create("unknown language", "{\"phoneNumber\": \"+14155550123\", \"language\": \"xx-XX\"}", 400, "UNSUPPORTED_LANGUAGE", "language"),
                create("http TwiML URL", "{\"phoneNumber\": \"+14155550123\", \"twimlUrl\": \"http://example.com/t\"}", 400, "INVALID_TWIML_URL", "twimlUrl"),
                create("javascript TwiML URL", "{\"phoneNumber\": \"+14155550123\", \"twimlUrl\": \"javascript:alert(1)\"}", 400, "INVALID_TWIML_URL", "twimlUrl"),
                create("TwiML URL and message", "{\"phoneNumber\": \"+14155550123\", \"twimlUrl\": \"https://example.com/t\", \"message\": \"hi\"}", 400, "CONFLICTING_FIELDS", "twimlUrl"),
                create("TwiML URL with none trusted", "{\"phoneNumber\": \"+14155550700\", \"twimlUrl\": \"https://attacker.example/dial-premium.xml\"}", 400, "TWIML_HOST_NOT_ALLOWED", "twimlUrl"),
                create("TwiML URL on a link-local address", "{\"phoneNumber\": \"+14155550700\", \"twimlUrl\": \"https://169.254.169.254/t.xml\"}", 400, "TWIML_HOST_NOT_ALLOWED", "twimlUrl"),
                create("caller ID not E.164", "{\"phoneNumber\": \"+14155550123\", \"callerId\": \"555-0100\"}", 400, "INVALID_PHONE_NUMBER", "callerId"),
                create("redial on an unknown outcome", "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"on\": [\"COMPLETED\"]}}", 400, "INVALID_REDIAL", "redial.on"),
                create("redial with 11 attempts", "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 11}}", 400, "INVALID_REDIAL", "redial.maxAttempts"),
                create("redial a second apart", "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"on\": [\"BUSY\"], \"afterMinutes\": 0.01}}", 400, "INVALID_REDIAL", "redial.afterMinutes"),
                create("redial under the deployment's floor", "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"on\": [\"BUSY\"], \"afterMinutes\": 0.05}}", 400, "INVALID_REDIAL", "redial.afterMinutes"),
                create("redial over the deployment's ceiling", "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 10}}", 400, "INVALID_REDIAL", "redial.maxAttempts"),
                create("redial as a string", "{\"phoneNumber\": \"+14155550123\", \"redial\": \"BUSY\"}", 400, "INVALID_TYPE", "redial"),
                create("unknown redial member", "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"every\": 5}}", 400, "UNKNOWN_FIELD", "redial.every"),
                create("caller ID not allowed", "{\"phoneNumber\": \"+14155550123\", \"callerId\": \"+14155550999\"}", 400, "CALLER_ID_NOT_ALLOWED", "callerId"),
                create("national format", "{\"phoneNumber\": \"04155550123\"}", 400, "INVALID_PHONE_NUMBER", "phoneNumber"),
                create("spaces in number", "{\"phoneNumber\": \"+1 415 555 0123\"}", 400, "INVALID_PHONE_NUMBER", "phoneNumber"),
                create("country code 0", "{\"phoneNumber\": \"+04155550123\"}", 400, "INVALID_PHONE_NUMBER", "phoneNumber"),
                create("sixteen digits", "{\"phoneNumber\": \"+1234567890123456\"}", 400, "INVALID_PHONE_NUMBER", "phoneNumber"),
                create("letters in number", "{\"phoneNumber\": \"+1415CALLNOW\"}", 400, "INVALID_PHONE_NUMBER", "phoneNumber"),
                // Issue 19's reproduction: accepted by default before AllowedNumberTypes and the plans' validity.
                create("a US number with its national prefix", "{\"phoneNumber\": \"+114155550123\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("a UK number with its trunk 0", "{\"phoneNumber\": \"+4402071838750\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("a satellite number (+882)", "{\"phoneNumber\": \"+8821234567\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("a satellite number (+881)", "{\"phoneNumber\": \"+8816123456\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("an Ascension UAN", "{\"phoneNumber\": \"+247123456\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("a US 900 premium-rate number", "{\"phoneNumber\": \"+19005550100\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("an unassigned calling code", "{\"phoneNumber\": \"+999123456789\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("too short for +1", "{\"phoneNumber\": \"+1415555\"}", 400, "NUMBER_NOT_ALLOWED", "phoneNumber"),
                create("local time without zone", "{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + tomorrowLocal + "\"}", 400, "MISSING_OFFSET", "scheduledAt"),
                create("not a date", "{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"tomorrow 9am\"}", 400, "INVALID_DATE_TIME", "scheduledAt"),
                create("unknown zone", "{\"phoneNumber\": \"+14155550123\", \"timeZone\": \"Mars/Olympus_Mons\"}", 400, "INVALID_TIME_ZONE", "timeZone"),
                create("offset as zone", "{\"phoneNumber\": \"+14155550123\", \"timeZone\": \"+01:00\"}", 400, "INVALID_TIME_ZONE", "timeZone"),
                create("two minutes ago", "{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + Instant.now().minus(Duration.ofMinutes(2)) + "\"}", 400, "IN_THE_PAST", "scheduledAt"),
                create("over a year ahead", "{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + Instant.now().plus(Duration.ofDays(367)) + "\"}", 400, "TOO_FAR_AHEAD", "scheduledAt"),
                create("time in a DST gap", "{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + inNextParisGap + "\", \"timeZone\": \"Europe/Paris\"}", 400, "NONEXISTENT_LOCAL_TIME", "scheduledAt"),
                new Case("empty idempotency key", "create", ApiEvents.post("{\"phoneNumber\": \"+14155550123\"}", ""), 400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key"),
                new Case("idempotency key too long", "create", ApiEvents.post("{\"phoneNumber\": \"+14155550123\"}", "k".repeat(256)), 400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key"),
                new Case("idempotency key not ASCII", "create", ApiEvents.post("{\"phoneNumber\": \"+14155550123\"}", "clé-é"), 400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key"),
                create("contact name too long", "{\"phoneNumber\": \"+14155550123\", \"contactName\": \"" + "a".repeat(101) + "\"}", 400, "TOO_LONG", "contactName"),
                create("notes too long", "{\"phoneNumber\": \"+14155550123\", \"notes\": \"" + "n".repeat(1001) + "\"}", 400, "TOO_LONG", "notes"),
                create("control character in name", "{\"phoneNumber\": \"+14155550123\", \"contactName\": \"Ada\\u0000\"}", 400, "INVALID_CHARACTERS", "contactName"),
                create("oversized body", "{\"phoneNumber\": \"+14155550123\", \"notes\": \"" + "x".repeat(20_000) + "\"}", 413, "BODY_TOO_LARGE", null),
                new Case("get unknown id", "get", ApiEvents.onCall("GET", UNKNOWN_ID, null), 404, "NOT_FOUND", "id"),
                new Case("get malformed id", "get", ApiEvents.onCall("GET", "..%2Fetc", null), 404, "NOT_FOUND", "id"),
                new Case("cancel unknown id", "cancel", ApiEvents.onCall("DELETE", UNKNOWN_ID, null), 404, "NOT_FOUND", "id"),
                new Case("reschedule unknown id", "reschedule", ApiEvents.onCall("PATCH", UNKNOWN_ID, "{\"scheduledAt\": \"" + inTwoHours + "\"}"), 404, "NOT_FOUND", "id"),
                new Case("reschedule without time", "reschedule", ApiEvents.onCall("PATCH", UNKNOWN_ID, "{}"), 400, "MISSING_FIELD", "scheduledAt"),
                new Case("reschedule a phone number", "reschedule", ApiEvents.onCall("PATCH", UNKNOWN_ID, "{\"phoneNumber\": \"+14155550123\"}"), 400, "UNKNOWN_FIELD", "phoneNumber"),
                new Case("reschedule to a local time without zone", "reschedule", ApiEvents.onCall("PATCH", UNKNOWN_ID, "{\"scheduledAt\": \"" + tomorrowLocal + "\"}"), 400, "MISSING_OFFSET", "scheduledAt"),
                new Case("reschedule into a DST gap", "reschedule", ApiEvents.onCall("PATCH", UNKNOWN_ID, "{\"scheduledAt\": \"" + inNextParisGap + "\", \"timeZone\": \"Europe/Paris\"}"), 400, "NONEXISTENT_LOCAL_TIME", "scheduledAt"),
                new Case("reschedule to unknown zone", "reschedule", ApiEvents.onCall("PATCH", UNKNOWN_ID, "{\"scheduledAt\": \"" + inTwoHours + "\", \"timeZone\": \"Nowhere\"}"), 400, "INVALID_TIME_ZONE", "timeZone"),
                list("unknown status", Map.of("status", "RINGING"), "INVALID_STATUS", "status"),
                list("unknown view", Map.of("view", "today"), "INVALID_VIEW", "view"),
                list("unknown view with a status", Map.of("view", "all", "status", "DIALING"), "INVALID_VIEW", "view"),
                list("a view's token forged for another lane", Map.of("view", "history", "nextToken", FORGED_VIEW_TOKEN), "INVALID_TOKEN", "nextToken"),
                new Case("counts by status", "counts", counts(Map.of("status", "DIALING")), 400, "UNKNOWN_PARAMETER", "status"),
                new Case("counts search too long", "counts", counts(Map.of("q", "x".repeat(101))), 400, "TOO_LONG", "q"),
                list("limit zero", Map.of("limit", "0"), "INVALID_LIMIT", "limit"),
                list("limit too high", Map.of("limit", "201"), "INVALID_LIMIT", "limit"),
                list("limit not a number", Map.of("limit", "ten"), "INVALID_LIMIT", "limit"),
                list("forged token", Map.of("nextToken", "eyJmIjoiKiIsImsiOnt9fQ"), "INVALID_TOKEN", "nextToken"),
                list("token for another partition", Map.of("nextToken", "eyJmIjoiKiIsImsiOnsiaWQiOiJhIiwibGlzdFBhcnRpdGlvbiI6Ik9USEVSIiwic2NoZWR1bGVkQXQiOiJ4In19"), "INVALID_TOKEN", "nextToken"),
                list("current-format token forged for another partition", Map.of("nextToken", "eyJmIjoifCIsImMiOnsiQUxMIjp7ImlkIjoiYSIsImxpc3RQYXJ0aXRpb24iOiJPVEhFUiIsInNjaGVkdWxlZEF0IjoieCJ9fX0"), "INVALID_TOKEN", "nextToken"),
                list("one unknown status among several", Map.of("status", "DIALING,RINGING"), "INVALID_STATUS", "status"),
                list("search too long", Map.of("q", "x".repeat(101)), "TOO_LONG", "q"),
                list("garbage token", Map.of("nextToken", "%%%not-base64"), "INVALID_TOKEN", "nextToken"),
                list("unknown parameter", Map.of("sort", "name"), "UNKNOWN_PARAMETER", "sort"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithA4xxNamingTheFieldAndChangesNothing(Case c) throws Exception {
        int callsBefore = app.aws.dynamoDb().scan(r -> r.tableName(app.table)).count();
        int schedulesBefore = app.aws.schedulerClient().listSchedules(r -> r.groupName(app.group)).schedules().size();
        int dispatchesBefore = app.dispatchEvents.size();
        int dialsBefore = app.callApi.dialRequests().size();

        APIGatewayProxyResponseEvent response = handlers.get(c.handler()).handleRequest(c.event(), new TestContext());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(c.status());
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
        JsonNode error = JSON.readTree(response.getBody()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(c.code());
        assertThat(error.get("field").isNull() ? null : error.get("field").asText()).isEqualTo(c.field());
        assertThat(error.get("message").asText()).isNotBlank();

        assertThat(app.aws.dynamoDb().scan(r -> r.tableName(app.table)).count()).as("calls written").isEqualTo(callsBefore);
        assertThat(app.aws.schedulerClient().listSchedules(r -> r.groupName(app.group)).schedules()).as("schedules")
                .hasSize(schedulesBefore);
        assertThat(app.dispatchEvents).as("dispatches").hasSize(dispatchesBefore);
        assertThat(app.callApi.dialRequests()).as("dials").hasSize(dialsBefore);
    }

    /**
     * A local time that the zone's next spring-forward skips (within the year a call may be scheduled
     * ahead), found from the zone's rules rather than written as a date that would one day be past.
     */
    static java.time.LocalDateTime nextSpringForwardGap(java.time.ZoneId zone) {
        Instant from = Instant.now();
        while (true) {
            java.time.zone.ZoneOffsetTransition next = zone.getRules().nextTransition(from);
            if (next.isGap()) {
                return next.getDateTimeBefore().plusMinutes(next.getDuration().toMinutes() / 2);
            }
            from = next.getInstant();
        }
    }

    private static Case create(String name, String body, int status, String code, String field) {
        return new Case(name, "create", ApiEvents.post(body), status, code, field);
    }

    /** A token for view=history whose position names the ACTIVE lane: a key DynamoDB would accept, but not this view's. */
    private static final String FORGED_VIEW_TOKEN = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"f\":\"view:HISTORY||\",\"c\":{\"ENDED\":{\"id\":\"a\",\"viewLane\":\"ACTIVE\",\"viewAt\":\"x\"}}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static APIGatewayProxyRequestEvent counts(Map<String, String> query) {
        return ApiEvents.event("GET", "/calls/counts", "/calls/counts", null, null, query);
    }

    private static Case list(String name, Map<String, String> query, String code, String field) {
        return new Case(name, "list", ApiEvents.list(query), 400, code, field);
    }
}
