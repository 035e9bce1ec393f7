package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.series.SeriesTesting;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.TestDays;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /series with an Idempotency-Key, through its handler on DynamoDB Local (answers held to openapi.yaml): a
 * retry (a client's timeout, a 503) answers the series the first request created, never a second series dialing
 * every occurrence again.
 */
class SeriesIdempotencyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A day ahead when New York does not change its offset; the series starts the next day. */
    private static final LocalDate DAY = TestDays.quietMonday(ZoneId.of("America/New_York"));
    private static final Instant NOW = DAY.atTime(15, 0).toInstant(ZoneOffset.UTC);
    private static final String BODY = """
            {"phoneNumber": "+14155550123", "contactName": "Mum", "message": "Time for your pills",
             "timeZone": "America/New_York", "rrule": "FREQ=DAILY;BYHOUR=9;BYMINUTE=30", "startAt": "%s"}"""
            .formatted(DAY.plusDays(1).atStartOfDay());

    private final SeriesTesting app = new SeriesTesting(NOW, CallingWindow.ANY);

    private APIGatewayProxyResponseEvent create(String body, String key) {
        APIGatewayProxyRequestEvent event = ApiEvents.event("POST", "/series", "/series", body, null, null);
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("Idempotency-Key", key);
        event.setHeaders(headers);
        return new CreateSeriesHandler(app.service(), "*").handleRequest(event, null);
    }

    private JsonNode allSeries() throws Exception {
        APIGatewayProxyRequestEvent event = ApiEvents.event("GET", "/series", "/series", null, null, null);
        return JSON.readTree(new ListSeriesHandler(app.service(), "*").handleRequest(event, null).getBody()).path("items");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyAnswersTheSameSeriesAndWritesNothingMore() throws Exception {
        APIGatewayProxyResponseEvent first = create(BODY, "retry-1");
        APIGatewayProxyResponseEvent retry = create(BODY, "retry-1");

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
        assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        JsonNode series = JSON.readTree(first.getBody());
        JsonNode replayed = JSON.readTree(retry.getBody());
        assertThat(replayed.path("id")).isEqualTo(series.path("id"));
        assertThat(replayed.path("currentCallId")).isEqualTo(series.path("currentCallId"));
        assertThat(allSeries()).singleElement().satisfies(s -> assertThat(s.path("id")).isEqualTo(series.path("id")));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndAMalformedKeyA400NamingTheHeader() throws Exception {
        assertThat(create(BODY, "retry-2").getStatusCode()).isEqualTo(201);

        APIGatewayProxyResponseEvent other = create(BODY.replace("Mum", "Dad"), "retry-2");
        APIGatewayProxyResponseEvent malformed = create(BODY, "k".repeat(256));

        assertThat(other.getStatusCode()).as(other.getBody()).isEqualTo(422);
        assertThat(JSON.readTree(other.getBody()).path("error").path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(malformed.getStatusCode()).as(malformed.getBody()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.getBody()).path("error").path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(allSeries()).hasSize(1);
    }

    @Test
    void aKeyIsKeptForADayAfterWhichItCreatesAgain() throws Exception {
        String id = JSON.readTree(create(BODY, "retry-3").getBody()).path("id").asText();
        app.clock().advance(Duration.ofHours(23));
        assertThat(JSON.readTree(create(BODY, "retry-3").getBody()).path("id").asText()).isEqualTo(id);

        app.clock().advance(Duration.ofHours(2));
        APIGatewayProxyResponseEvent later = create(BODY, "retry-3");

        assertThat(later.getStatusCode()).isEqualTo(201);
        assertThat(JSON.readTree(later.getBody()).path("id").asText()).isNotEqualTo(id);
        assertThat(allSeries()).hasSize(2);
    }

    @Test
    void eightRequestsRacingWithOneKeyCreateOneSeriesAndAllAnswerIt() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayProxyResponseEvent>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return create(BODY, "race-1");
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<APIGatewayProxyResponseEvent> answer : answers) {
                APIGatewayProxyResponseEvent response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
                ids.add(JSON.readTree(response.getBody()).path("id").asText());
            }
            assertThat(ids).hasSize(racers).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(allSeries()).hasSize(1);
    }
}
