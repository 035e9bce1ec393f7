package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every API handler, driven with real API Gateway proxy events and a Lambda context, wired by the
 * production factory against DynamoDB Local and the Scheduler and Lambda emulators over HTTP.
 */
class ApiHandlersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static CreateCallHandler create;
    private static ListCallsHandler list;
    private static GetCallHandler get;
    private static CancelCallHandler cancel;
    private static RescheduleCallHandler reschedule;
    private static CountCallsHandler count;

    @BeforeAll
    static void start() {
        create = new CreateCallHandler(app.environment);
        list = new ListCallsHandler(app.environment);
        get = new GetCallHandler(app.environment);
        cancel = new CancelCallHandler(app.environment);
        reschedule = new RescheduleCallHandler(app.environment);
        count = new CountCallsHandler(app.environment);
    }


    @Test
    void createsAFutureCallWithOneOneTimeSchedule() throws Exception {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        APIGatewayProxyResponseEvent response = create.handleRequest(ApiEvents.post("""
                {"phoneNumber": "+14155550123", "scheduledAt": "%s", "timeZone": "Europe/Paris",
                 "contactName": "Ada", "notes": "about the invoice"}""".formatted(at)), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode call = JSON.readTree(response.getBody());
        String id = call.get("id").asText();
        assertThat(response.getHeaders()).containsEntry("Location", "/Prod/calls/" + id)
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(call.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(call.get("scheduledAt").asText()).isEqualTo(at.toString());
        assertThat(call.get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(call.get("contactName").asText()).isEqualTo("Ada");
        assertThat(call.get("attempts").asInt()).isZero();
        assertThat(call.get("history")).hasSize(1);

        GetScheduleResponse schedule = app.aws.schedulerClient().getSchedule(r -> r.groupName(app.group).name("call-" + id));
        // DialPrecision=second (the default): a minute plus the 2 s claim lead early, as AWS fires within the minute.
        assertThat(schedule.scheduleExpression()).isEqualTo("at(" + at.minusSeconds(62).toString().replace("Z", "") + ")");
        assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(schedule.flexibleTimeWindow().modeAsString()).isEqualTo("OFF");
        assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
        assertThat(schedule.target().arn()).isEqualTo(app.aws.lambda.arnOf(app.dispatchFunction));
        assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(5);
        assertThat(schedule.target().deadLetterConfig().arn()).endsWith(":dispatch-dlq");
        JsonNode input = JSON.readTree(schedule.target().input());
        assertThat(input.get("callId").asText()).isEqualTo(id);
        assertThat(input.get("scheduledFor").asText()).isEqualTo(at.toString());
        assertThat(input.get("firedAt").asText()).isEqualTo("<aws.scheduler.scheduled-time>");
        assertThat(input.get("executionId").asText()).isEqualTo("<aws.scheduler.execution-id>");
        assertThat(app.dispatchEvents).noneMatch(e -> e.contains(id));
    }

    @Test
    void callNowDialsWithinTwoSecondsWithoutASchedule() throws Exception {
        long start = System.nanoTime();
        APIGatewayProxyResponseEvent response = create.handleRequest(ApiEvents.post("""
                {"phoneNumber": "+14155550124"}"""), new TestContext());
        assertThat(response.getStatusCode()).isEqualTo(201);
        String id = JSON.readTree(response.getBody()).get("id").asText();

        await().atMost(Duration.ofSeconds(2)).until(() -> app.callApi.dialsFor(id) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode call = JSON.readTree(get.handleRequest(ApiEvents.onCall("GET", id, null), new TestContext()).getBody());
            assertThat(call.get("status").asText()).isEqualTo("DIALING");
            assertThat(call.get("externalCallId").asText()).isEqualTo("prov-" + id);
            assertThat(call.get("attempts").asInt()).isEqualTo(1);
        });
        assertThatThrownBy(() -> app.aws.schedulerClient().getSchedule(r -> r.groupName(app.group).name("call-" + id)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void getReturnsTheCallWithItsHistory() throws Exception {
        String id = createCall("+14155550125", Instant.now().plus(Duration.ofDays(1)));
        APIGatewayProxyResponseEvent response = get.handleRequest(ApiEvents.onCall("GET", id, null), new TestContext());
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.getBody());
        assertThat(call.get("id").asText()).isEqualTo(id);
        assertThat(call.get("phoneNumber").asText()).isEqualTo("+14155550125");
        assertThat(call.get("history").get(0).get("status").asText()).isEqualTo("SCHEDULED");
        for (String field : List.of("createdAt", "updatedAt", "attempts", "externalCallId", "providerStatus", "lastError", "notes")) {
            assertThat(call.has(field)).as(field).isTrue();
        }
    }

    @Test
    void cancelKeepsTheCallAsCanceledAndRemovesItsSchedule() throws Exception {
        String id = createCall("+14155550126", Instant.now().plus(Duration.ofHours(3)));
        APIGatewayProxyResponseEvent response = cancel.handleRequest(ApiEvents.onCall("DELETE", id, null), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.getBody());
        assertThat(call.get("status").asText()).isEqualTo("CANCELED");
        assertThat(call.get("history")).extracting(h -> h.get("status").asText()).containsExactly("SCHEDULED", "CANCELED");
        assertThatThrownBy(() -> app.aws.schedulerClient().getSchedule(r -> r.groupName(app.group).name("call-" + id)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(cancel.handleRequest(ApiEvents.onCall("DELETE", id, null), new TestContext()).getStatusCode())
                .as("canceling twice is harmless").isEqualTo(200);
        assertThat(JSON.readTree(get.handleRequest(ApiEvents.onCall("GET", id, null), new TestContext()).getBody())
                .get("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void aCallThatIsDialingCannotBeCanceledOrRescheduled() throws Exception {
        String id = JSON.readTree(create.handleRequest(ApiEvents.post("{\"phoneNumber\": \"+14155550127\"}"),
                new TestContext()).getBody()).get("id").asText();
        await().atMost(Duration.ofSeconds(3)).until(() -> app.callApi.dialsFor(id) == 1);

        APIGatewayProxyResponseEvent canceled = cancel.handleRequest(ApiEvents.onCall("DELETE", id, null), new TestContext());
        assertThat(canceled.getStatusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(canceled.getBody()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(error.get("message").asText()).contains("DIALING").contains("only SCHEDULED calls");

        APIGatewayProxyResponseEvent moved = reschedule.handleRequest(ApiEvents.onCall("PATCH", id,
                "{\"scheduledAt\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\"}"), new TestContext());
        assertThat(moved.getStatusCode()).isEqualTo(409);
    }

    @Test
    void rescheduleMovesTheCallAndItsSchedule() throws Exception {
        String id = createCall("+14155550128", Instant.now().plus(Duration.ofHours(1)));
        // A local time about a month ahead, whatever today is; the expected instant follows from the zone's rules.
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.LocalDateTime local = java.time.LocalDate.now(newYork).plusDays(30).atTime(9, 30);
        java.time.ZonedDateTime expected = local.atZone(newYork);
        Instant expectedInstant = expected.toInstant();
        APIGatewayProxyResponseEvent response = reschedule.handleRequest(ApiEvents.onCall("PATCH", id,
                "{\"scheduledAt\": \"" + local + "\", \"timeZone\": \"America/New_York\"}"), new TestContext());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.getBody());
        assertThat(call.get("scheduledAt").asText()).isEqualTo(expectedInstant.toString());
        assertThat(call.get("scheduledAtLocal").asText()).isEqualTo(expected.toOffsetDateTime().toString());
        assertThat(call.get("timeZone").asText()).isEqualTo("America/New_York");
        GetScheduleResponse schedule = app.aws.schedulerClient().getSchedule(r -> r.groupName(app.group).name("call-" + id));
        assertThat(schedule.scheduleExpression()).isEqualTo(
                io.callscheduler.scheduling.eventbridge.EventBridgeDialScheduler.atExpression(expectedInstant.minusSeconds(62)));
        assertThat(JSON.readTree(schedule.target().input()).get("scheduledFor").asText()).isEqualTo(expectedInstant.toString());
    }

    @Test
    void createAndRescheduleReadALocalTimeByTheSameRules() throws Exception {
        // A call created with an offset is stored in UTC; a zone-less local time must not be read in it.
        String id = createCall("+14155550127", Instant.now().plus(Duration.ofHours(1)));
        String local = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(2).withNano(0).toString();

        APIGatewayProxyResponseEvent created = create.handleRequest(ApiEvents.post(
                "{\"phoneNumber\": \"+14155550127\", \"scheduledAt\": \"" + local + "\"}"), new TestContext());
        APIGatewayProxyResponseEvent moved = reschedule.handleRequest(ApiEvents.onCall("PATCH", id,
                "{\"scheduledAt\": \"" + local + "\"}"), new TestContext());

        assertThat(moved.getStatusCode()).isEqualTo(created.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(moved.getBody())).isEqualTo(JSON.readTree(created.getBody()));
        assertThat(JSON.readTree(get.handleRequest(ApiEvents.onCall("GET", id, null), new TestContext()).getBody())
                .get("history")).as("nothing written").hasSize(1);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyAnswersWithTheSameCallAndDialsOnce() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"phoneNumber\": \"+14155550141\", \"contactName\": \"Retry\"}"; // call now

        APIGatewayProxyResponseEvent first = create.handleRequest(ApiEvents.post(body, key), new TestContext());
        APIGatewayProxyResponseEvent retry = create.handleRequest(ApiEvents.post(body, key), new TestContext());

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
        assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(201);
        String id = JSON.readTree(first.getBody()).get("id").asText();
        assertThat(JSON.readTree(retry.getBody()).get("id").asText()).isEqualTo(id);
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true").containsEntry("Location",
                first.getHeaders().get("Location"));
        await().atMost(Duration.ofSeconds(5)).until(() -> app.callApi.dialsFor(id) == 1);
        assertThat(callsTo("+14155550141")).as("calls stored").isEqualTo(1);
        assertThat(app.dispatchEvents.stream().filter(e -> e.contains(id)).count()).as("dispatches").isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedNamingTheHeader() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        Instant at = Instant.now().plus(Duration.ofHours(3));
        assertThat(create.handleRequest(ApiEvents.post("{\"phoneNumber\": \"+14155550142\", \"scheduledAt\": \"" + at + "\"}", key),
                new TestContext()).getStatusCode()).isEqualTo(201);

        APIGatewayProxyResponseEvent other = create.handleRequest(ApiEvents.post(
                "{\"phoneNumber\": \"+14155550143\", \"scheduledAt\": \"" + at + "\"}", key), new TestContext());

        assertThat(other.getStatusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(other.getBody()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(error.get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(callsTo("+14155550143")).as("nothing written for the refused request").isZero();
    }

    @Test
    void concurrentCreatesWithOneIdempotencyKeyMakeOneCall() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"phoneNumber\": \"+14155550144\", \"scheduledAt\": \"" + Instant.now().plus(Duration.ofHours(3)) + "\"}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<APIGatewayProxyResponseEvent>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> create.handleRequest(ApiEvents.post(body, key), new TestContext())));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : answers) {
                APIGatewayProxyResponseEvent response = answer.get();
                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
                ids.add(JSON.readTree(response.getBody()).get("id").asText());
            }
            assertThat(ids).hasSize(1);
            assertThat(callsTo("+14155550144")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Calls stored for a number, read from the table itself (a test may scan; the application never does). */
    private static long callsTo(String phoneNumber) {
        return app.aws.dynamoDb().scan(r -> r.tableName(app.table)).items().stream()
                .filter(item -> item.containsKey("phoneNumber") && phoneNumber.equals(item.get("phoneNumber").s())).count();
    }

    @Test
    void rescheduleToNowDialsAtOnceAndDropsTheSchedule() throws Exception {
        String id = createCall("+14155550129", Instant.now().plus(Duration.ofHours(1)));
        assertThat(reschedule.handleRequest(ApiEvents.onCall("PATCH", id, "{\"scheduledAt\": \"now\"}"),
                new TestContext()).getStatusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> app.callApi.dialsFor(id) == 1);
        assertThatThrownBy(() -> app.aws.schedulerClient().getSchedule(r -> r.groupName(app.group).name("call-" + id)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listsFilterByStatusAndPageInTheDocumentedOrder() throws Exception {
        Instant base = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 4; i >= 0; i--) { // created out of order on purpose
            ids.add(0, createCall("+1415555020" + i, base.plus(Duration.ofMinutes(i))));
        }
        String canceled = ids.get(2);
        cancel.handleRequest(ApiEvents.onCall("DELETE", canceled, null), new TestContext());

        List<String> scheduled = pageThrough(Map.of("status", "SCHEDULED", "limit", "2"));
        List<String> ours = scheduled.stream().filter(ids::contains).toList();
        assertThat(ours).as("pending: soonest first").containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(4));
        assertThat(scheduled).doesNotHaveDuplicates();

        assertThat(pageThrough(Map.of("status", "canceled"))).contains(canceled).doesNotContain(ids.get(0));

        List<String> all = pageThrough(Map.of("limit", "3")).stream().filter(ids::contains).toList();
        assertThat(all).as("no filter: latest first").containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void aPageTokenCannotBeReusedWithAnotherFilter() throws Exception {
        createCall("+14155550301", Instant.now().plus(Duration.ofHours(5)));
        createCall("+14155550302", Instant.now().plus(Duration.ofHours(6)));
        JsonNode page = JSON.readTree(list.handleRequest(ApiEvents.list(Map.of("status", "SCHEDULED", "limit", "1")),
                new TestContext()).getBody());
        String token = page.get("nextToken").asText();
        APIGatewayProxyResponseEvent response = list.handleRequest(ApiEvents.list(Map.of("nextToken", token)), new TestContext());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).get("error").get("field").asText()).isEqualTo("nextToken");
    }

    @Test
    void searchesByNameOrNumberAndCountsByStatus() throws Exception {
        String ada = JSON.readTree(create.handleRequest(ApiEvents.post("{\"phoneNumber\":\"+14155550401\","
                + "\"contactName\":\"Ada Searchable\",\"scheduledAt\":\"" + Instant.now().plus(Duration.ofHours(7)) + "\"}"),
                new TestContext()).getBody()).get("id").asText();
        JsonNode before = JSON.readTree(count.handleRequest(ApiEvents.event("GET", "/calls/counts", "/calls/counts", null,
                Map.of(), Map.of()), new TestContext()).getBody());

        assertThat(pageThrough(Map.of("q", "ADA SEARCH"))).containsExactly(ada);
        assertThat(pageThrough(Map.of("q", "+1 (415) 555-0401", "status", "SCHEDULED,CANCELED"))).containsExactly(ada);
        assertThat(pageThrough(Map.of("q", "ada searchable", "status", "COMPLETED"))).isEmpty();
        assertThat(before.path("cap").asLong()).isEqualTo(1000);
        assertThat(before.path("counts").path("SCHEDULED").asLong()).isPositive();
        assertThat(before.path("counts").fieldNames()).toIterable().containsExactlyInAnyOrder(
                java.util.Arrays.stream(io.callscheduler.model.CallStatus.values()).map(Enum::name).toArray(String[]::new));

        cancel.handleRequest(ApiEvents.onCall("DELETE", ada, null), new TestContext());
        JsonNode after = JSON.readTree(count.handleRequest(ApiEvents.event("GET", "/calls/counts", "/calls/counts", null,
                Map.of(), Map.of()), new TestContext()).getBody());
        assertThat(after.path("counts").path("CANCELED").asLong()).isEqualTo(before.path("counts").path("CANCELED").asLong() + 1);
    }

    private List<String> pageThrough(Map<String, String> query) throws Exception {
        List<String> ids = new ArrayList<>();
        Map<String, String> params = new java.util.HashMap<>(query);
        for (int page = 0; page < 1000; page++) {
            APIGatewayProxyResponseEvent response = list.handleRequest(ApiEvents.list(params), new TestContext());
            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.getBody());
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
            if (body.get("nextToken").isNull()) {
                return ids;
            }
            params.put("nextToken", body.get("nextToken").asText());
        }
        throw new AssertionError("pagination did not end");
    }

    private String createCall(String phoneNumber, Instant at) throws Exception {
        APIGatewayProxyResponseEvent response = create.handleRequest(ApiEvents.post(
                "{\"phoneNumber\": \"" + phoneNumber + "\", \"scheduledAt\": \"" + at + "\"}"), new TestContext());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody()).get("id").asText();
    }
}
