package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.series.Series;
import io.callscheduler.series.SeriesStatus;
import io.callscheduler.series.SeriesException;
import io.callscheduler.series.SeriesTesting;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.TestDays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series routes through their handlers on DynamoDB Local, every answer held to openapi.yaml (OpenApiAnswerCheck):
 * the contract the page is built against.
 */
class SeriesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** New York's next spring change: 02:00 EST becomes 03:00 EDT. */
    private static final ZoneOffsetTransition SPRING = TestDays.nextSpringChange(ZoneId.of("America/New_York"));
    /** The series' daily time, in the middle of the skipped hour: 02:30. */
    private static final LocalTime TIME = SPRING.getDateTimeBefore().plus(SPRING.getDuration().dividedBy(2)).toLocalTime();
    /** The series starts three days before the change; the clock the afternoon before. */
    private static final LocalDate START = SPRING.getDateTimeBefore().toLocalDate().minusDays(3);
    private static final Instant NOW = START.minusDays(1).atTime(15, 0).toInstant(ZoneOffset.UTC);
    private static final String BODY = """
            {"phoneNumber": "+14155550123", "contactName": "Mum", "message": "Time for your pills",
             "timeZone": "America/New_York", "rrule": "FREQ=DAILY;BYHOUR=%d;BYMINUTE=%d", "startAt": "%s",
             "exdates": ["%s"], "redial": {"on": ["BUSY"], "maxAttempts": 2, "afterMinutes": 10}}"""
            .formatted(TIME.getHour(), TIME.getMinute(), START.atStartOfDay(), occurrence(5)); // the day after next

    /** The series' occurrence {@code days} after its first: the change's day is 3. */
    private static LocalDateTime occurrence(int days) {
        return START.plusDays(days).atTime(TIME);
    }

    private static String occurrenceJson(LocalDateTime occurrence, Instant at, ZoneOffset offset) {
        return "{\"occurrence\":\"" + occurrence + "\",\"at\":\"" + at + "\",\"utcOffset\":\"" + offset + "\"}";
    }

    private final SeriesTesting app = new SeriesTesting(NOW, CallingWindow.ANY);
    private final String origin = "*";

    private APIGatewayProxyResponseEvent send(SeriesApiHandler handler, String method, String resource, String id,
                                              String body, Map<String, String> query) {
        String path = id == null ? resource : resource.replace("{id}", id);
        APIGatewayProxyRequestEvent event = ApiEvents.event(method, resource, path, body,
                id == null ? null : Map.of("id", id), query);
        return handler.handleRequest(event, null);
    }

    private JsonNode create(String body) throws Exception {
        APIGatewayProxyResponseEvent created = send(new CreateSeriesHandler(app.service(), origin), "POST", "/series", null, body, null);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        return JSON.readTree(created.getBody());
    }

    @Test
    void aCreateAnswersTheSeriesWithItsNextTenOccurrencesAcrossTheSpringChangeAndItsFirstCall() throws Exception {
        JsonNode series = create(BODY);

        assertThat(series.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(series.path("startAt").asText()).isEqualTo(START.atStartOfDay().toString());
        JsonNode next = series.path("nextOccurrences");
        assertThat(next).hasSize(10);
        assertThat(next.get(0).toString()).as("EST").isEqualTo(occurrenceJson(occurrence(0),
                occurrence(0).toInstant(SPRING.getOffsetBefore()), SPRING.getOffsetBefore()));
        assertThat(next.get(3).toString()).as("in the gap: an hour later on the clock, EDT").isEqualTo(occurrenceJson(
                occurrence(3), occurrence(3).plus(SPRING.getDuration()).toInstant(SPRING.getOffsetAfter()), SPRING.getOffsetAfter()));
        assertThat(next.get(4).path("occurrence").asText()).isEqualTo(occurrence(4).toString());
        assertThat(next.get(5).path("occurrence").asText()).as("the exdate skipped").isEqualTo(occurrence(6).toString());
        String callId = series.path("currentCallId").asText();

        APIGatewayProxyResponseEvent calls = send(new ListSeriesCallsHandler(app.service(), origin), "GET",
                "/series/{id}/calls", series.path("id").asText(), null, null);
        JsonNode call = JSON.readTree(calls.getBody()).path("items").get(0);
        assertThat(call.path("id").asText()).isEqualTo(callId);
        assertThat(call.path("seriesId").asText()).isEqualTo(series.path("id").asText());
        assertThat(call.path("occurrence").asText()).isEqualTo(occurrence(0).toString());
        assertThat(call.path("message").asText()).isEqualTo("Time for your pills");
        assertThat(call.path("redial").path("maxAttempts").asInt()).isEqualTo(2);

        JsonNode preview = JSON.readTree(send(new PreviewSeriesHandler(app.service(), origin), "POST", "/series/preview",
                null, BODY, null).getBody());
        assertThat(preview.path("nextOccurrences")).isEqualTo(next);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                "\"phoneNumber\": \"12\"|phoneNumber",
                "\"timeZone\": \"Mars/Olympus\"|timeZone",
                "\"rrule\": \"FREQ=MINUTELY\"|rrule",
                "\"rrule\": \"FREQ=DAILY;BYHOUR=25\"|rrule",
                "\"rrule\": \"FREQ=DAILY;BYSETPOS=5;BYHOUR=9,10\"|rrule",
                "\"rrule\": \"FREQ=MONTHLY;BYSETPOS=-400;BYDAY=MO\"|rrule",
                "\"startAt\": \"tomorrow\"|startAt",
                "\"count\": 0|count",
                "\"count\": 2.5|count",
                "\"count\": \"3\"|count",
                "\"until\": \"" + START.minusMonths(2).atStartOfDay() + "\"|until", // before startAt
                "\"exdates\": \"" + occurrence(5) + "\"|exdates",
                "\"twimlUrl\": \"http://example.com/x\"|twimlUrl",
                "\"redial\": {\"on\": [\"ANSWERED\"]}|redial.on",
                "\"scheduledAt\": \"now\"|scheduledAt")
                .map(row -> row.split("\\|"))
                .map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void aBadFieldIsA400NamingItAndNothingIsWritten(String override, String field) throws Exception {
        String name = override.substring(1, override.indexOf('"', 1));
        JsonNode body = JSON.readTree(BODY);
        JsonNode value = JSON.readTree("{" + override + "}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).setAll((com.fasterxml.jackson.databind.node.ObjectNode) value);
        assertThat(name).isNotBlank();

        for (SeriesApiHandler handler : new SeriesApiHandler[]{new CreateSeriesHandler(app.service(), origin),
                new PreviewSeriesHandler(app.service(), origin)}) {
            String resource = handler instanceof CreateSeriesHandler ? "/series" : "/series/preview";
            APIGatewayProxyResponseEvent response = send(handler, "POST", resource, null, body.toString(), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
            assertThat(JSON.readTree(response.getBody()).path("error").path("field").asText()).isEqualTo(field);
        }
        JsonNode list = JSON.readTree(send(new ListSeriesHandler(app.service(), origin), "GET", "/series", null, null, null).getBody());
        assertThat(list.path("items")).isEmpty();
        assertThat(app.tableHoldsNoCall()).isTrue();
    }

    @Test
    void pauseCancelsThePendingCallResumeSkipsWhatWasMissedAndBothAreIdempotent() throws Exception {
        JsonNode series = create(BODY);
        String id = series.path("id").asText();
        String firstCall = series.path("currentCallId").asText();
        var pause = new PauseSeriesHandler(app.service(), origin);

        JsonNode paused = JSON.readTree(send(pause, "POST", "/series/{id}/pause", id, null, null).getBody());
        JsonNode again = JSON.readTree(send(pause, "POST", "/series/{id}/pause", id, null, null).getBody());

        assertThat(paused.path("status").asText()).isEqualTo("PAUSED");
        assertThat(again).isEqualTo(paused);
        assertThat(app.call(firstCall).status().name()).isEqualTo("CANCELED");
        app.clock().advance(Duration.ofDays(3)); // the first three occurrences are missed

        var resume = new ResumeSeriesHandler(app.service(), origin);
        JsonNode resumed = JSON.readTree(send(resume, "POST", "/series/{id}/resume", id, null, null).getBody());
        assertThat(JSON.readTree(send(resume, "POST", "/series/{id}/resume", id, null, null).getBody())).isEqualTo(resumed);

        assertThat(resumed.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(resumed.path("currentOccurrence").asText()).isEqualTo(occurrence(3).toString());
        JsonNode calls = JSON.readTree(send(new ListSeriesCallsHandler(app.service(), origin), "GET", "/series/{id}/calls",
                id, null, Map.of("limit", "1")).getBody());
        assertThat(calls.path("items")).hasSize(1);
        assertThat(calls.path("items").get(0).path("occurrence").asText()).isEqualTo(occurrence(3).toString());
        JsonNode rest = JSON.readTree(send(new ListSeriesCallsHandler(app.service(), origin), "GET", "/series/{id}/calls",
                id, null, Map.of("nextToken", calls.path("nextToken").asText())).getBody());
        assertThat(rest.path("items")).extracting(c -> c.path("id").asText()).containsExactly(firstCall);
    }

    @Test
    void anEditOfTheTimeReplacesThePendingCallAndASplitEndsTheOldSeriesBeforeItsOccurrence() throws Exception {
        JsonNode series = create(BODY);
        String id = series.path("id").asText();
        String firstCall = series.path("currentCallId").asText();
        var update = new UpdateSeriesHandler(app.service(), origin);

        JsonNode edited = JSON.readTree(send(update, "PATCH", "/series/{id}", id,
                "{\"rrule\": \"FREQ=DAILY;BYHOUR=9;BYMINUTE=0\"}", null).getBody());

        LocalDateTime nine = START.atTime(9, 0); // before the change: EST
        assertThat(edited.path("currentOccurrence").asText()).isEqualTo(nine.toString());
        assertThat(app.call(firstCall).status().name()).isEqualTo("CANCELED");
        assertThat(app.call(edited.path("currentCallId").asText()).scheduledAt()).isEqualTo(nine.toInstant(SPRING.getOffsetBefore()));

        APIGatewayProxyResponseEvent split = send(update, "PATCH", "/series/{id}", id,
                "{\"from\": \"" + nine.plusDays(2) + "\", \"message\": \"New pills\", \"count\": 3}", null);
        assertThat(split.getStatusCode()).as(split.getBody()).isEqualTo(200);
        JsonNode next = JSON.readTree(split.getBody());
        assertThat(next.path("continues").asText()).isEqualTo(id);
        assertThat(next.path("message").asText()).isEqualTo("New pills");
        assertThat(next.path("nextOccurrences")).extracting(o -> o.path("occurrence").asText())
                .containsExactly(nine.plusDays(2).toString(), nine.plusDays(3).toString(), nine.plusDays(4).toString());
        JsonNode old = JSON.readTree(send(new GetSeriesHandler(app.service(), origin), "GET", "/series/{id}", id, null, null).getBody());
        assertThat(old.path("status").asText()).as("it still makes its calls before the split").isEqualTo("ACTIVE");
        assertThat(old.path("continuedBy").asText()).isEqualTo(next.path("id").asText());
        assertThat(old.path("until").asText()).as("a second before the split's first occurrence, EST")
                .isEqualTo(nine.plusDays(2).toInstant(SPRING.getOffsetBefore()).minusSeconds(1).toString());
        assertThat(app.call(old.path("currentCallId").asText()).status().name()).as("the first day's is before the split")
                .isEqualTo("SCHEDULED");

        APIGatewayProxyResponseEvent notAnOccurrence = send(update, "PATCH", "/series/{id}", next.path("id").asText(),
                "{\"from\": \"" + nine.plusDays(3).withHour(10) + "\"}", null);
        assertThat(notAnOccurrence.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notAnOccurrence.getBody()).path("error").path("code").asText()).isEqualTo("NOT_AN_OCCURRENCE");
        assertThat(send(update, "PATCH", "/series/{id}", id, "{\"message\": \"x\"}", null).getStatusCode())
                .as("a split series' rule is its continuation's to change").isEqualTo(409);

        // The day between the first call and the split is still called, by the old series, which then ends.
        String firstDay = old.path("currentCallId").asText();
        app.complete(firstDay);
        app.roller().roll(id);
        Series between = app.service().get(id);
        assertThat(between.currentOccurrence()).isEqualTo(nine.plusDays(1));
        assertThat(app.call(between.currentCallId()).status().name()).isEqualTo("SCHEDULED");
        app.complete(between.currentCallId());
        app.roller().roll(id);
        assertThat(app.service().get(id).status()).isEqualTo(SeriesStatus.ENDED);
    }

    @Test
    void cancelingOrMovingAnOccurrencesCallRecordsAnExceptionAndTheSeriesRollsOn() throws Exception {
        JsonNode series = create(BODY);
        String id = series.path("id").asText();
        String firstCall = series.path("currentCallId").asText();

        var reschedule = new RescheduleCallHandler(app.callService(),
                call -> app.service().recordException(call, SeriesException.Kind.MOVED), origin);
        APIGatewayProxyResponseEvent moved = reschedule.handleRequest(ApiEvents.event("PATCH", "/calls/{id}",
                "/calls/" + firstCall, "{\"scheduledAt\": \"" + START.atTime(12, 0).toInstant(ZoneOffset.UTC) + "\"}", Map.of("id", firstCall), null), null);
        assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(200);
        var cancel = new CancelCallHandler(app.callService(),
                call -> app.service().recordException(call, SeriesException.Kind.CANCELED), origin);
        cancel.handleRequest(ApiEvents.event("DELETE", "/calls/{id}", "/calls/" + firstCall, null, Map.of("id", firstCall), null), null);
        app.roller().roll(id); // as the stream's roller does when the call ends

        JsonNode after = JSON.readTree(send(new GetSeriesHandler(app.service(), origin), "GET", "/series/{id}", id, null, null).getBody());
        assertThat(after.path("exceptions").toString()).isEqualTo("[{\"occurrence\":\"" + occurrence(0) + "\",\"kind\":\"CANCELED\",\"at\":\""
                + NOW + "\",\"reason\":null}]");
        assertThat(after.path("currentOccurrence").asText()).isEqualTo(occurrence(1).toString());

        JsonNode deleted = JSON.readTree(send(new DeleteSeriesHandler(app.service(), origin), "DELETE", "/series/{id}", id, null, null).getBody());
        assertThat(deleted.path("status").asText()).isEqualTo("DELETED");
        assertThat(deleted.path("nextOccurrences")).isEmpty();
        assertThat(app.call(after.path("currentCallId").asText()).status().name()).isEqualTo("CANCELED");
        assertThat(send(new PauseSeriesHandler(app.service(), origin), "POST", "/series/{id}/pause", id, null, null)
                .getStatusCode()).isEqualTo(409);
    }

    @Test
    void anOccurrenceJumpedOverByALateCallShowsAsSkippedWithItsReason() throws Exception {
        JsonNode series = create(BODY);
        String id = series.path("id").asText();
        String firstCall = series.path("currentCallId").asText();
        app.clock().advance(Duration.between(NOW, app.call(firstCall).scheduledAt()).plusDays(2).minusHours(1));
        app.complete(firstCall); // two days late: the second occurrence's time passed meanwhile

        app.roller().roll(id);

        JsonNode after = JSON.readTree(send(new GetSeriesHandler(app.service(), origin), "GET", "/series/{id}", id, null, null).getBody());
        JsonNode skipped = after.path("exceptions").get(0);
        assertThat(skipped.path("occurrence").asText()).isEqualTo(occurrence(1).toString());
        assertThat(skipped.path("kind").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.path("reason").asText()).contains(occurrence(0).toString());
        assertThat(after.path("currentOccurrence").asText()).isEqualTo(occurrence(2).toString());
    }

    @Test
    void anUnknownOrMalformedIdIsA404() {
        var get = new GetSeriesHandler(app.service(), origin);
        assertThat(send(get, "GET", "/series/{id}", "7d0c1c1e-0000-4000-8000-000000000000", null, null).getStatusCode()).isEqualTo(404);
        assertThat(send(get, "GET", "/series/{id}", "not-an-id", null, null).getStatusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"i\": \"\", \"p\": \"series\", \"o\": \"0001234567890#x\"}|/series",
            "{\"i\": \"series#x\", \"p\": \"series\", \"o\": \"\"}|/series",
            "{\"i\": \"x\", \"p\": \"series\", \"o\": \"0001234567890#x\"}|/series",
            "{\"i\": \"series#\", \"p\": \"series\", \"o\": \"0001234567890#\"}|/series",
            "{\"i\": \" \", \"p\": \"series-calls#{id}\", \"o\": \"{first}:00# \"}|/series/{id}/calls",
            "{\"i\": \"c1\", \"p\": \"series-calls#{id}\", \"o\": \"\"}|/series/{id}/calls"})
    void aCraftedPageTokenWithABlankOrForeignKeyIsA400NotA503(String token, String resource) throws Exception {
        String id = create(BODY).path("id").asText();
        String crafted = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                token.replace("{id}", id).replace("{first}", occurrence(0).toString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SeriesApiHandler handler = resource.equals("/series") ? new ListSeriesHandler(app.service(), origin)
                : new ListSeriesCallsHandler(app.service(), origin);

        APIGatewayProxyResponseEvent response = send(handler, "GET", resource, resource.equals("/series") ? null : id,
                null, Map.of("nextToken", crafted));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).path("error").path("field").asText()).isEqualTo("nextToken");
    }
}
