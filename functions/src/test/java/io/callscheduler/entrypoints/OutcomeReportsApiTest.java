package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.reports.EndedCall;
import io.callscheduler.reports.OutcomeReports;
import io.callscheduler.reports.Outcome;
import io.callscheduler.reports.dynamodb.DynamoDbOutcomeAggregates;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /reports/outcomes through its handler, on real aggregates in DynamoDB Local (answers checked against openapi.yaml). */
class OutcomeReportsApiTest {
    private static final LocalAws aws = LocalAws.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Today at 10:17 UTC: a fixed time of day, so that the hours the first test expects hold whenever it runs. */
    private static final Instant NOW = LocalDate.now(ZoneOffset.UTC).atTime(10, 17).toInstant(ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(NOW);
    private final String table = aws.newCallsTable();
    private final DynamoDbOutcomeAggregates aggregates = new DynamoDbOutcomeAggregates(aws.dynamoDb(), table);
    private final OutcomeReportsHandler handler = new OutcomeReportsHandler(new OutcomeReports(aggregates), clock, "*");
    private int calls;

    private void ended(Instant at, Outcome outcome, String campaignId, String callerId, String zone, Integer talk) {
        aggregates.count(new EndedCall("call-" + (++calls), at, outcome, campaignId, callerId, ZoneId.of(zone), talk,
                talk == null ? null : 6L, null, 1));
    }

    private APIGatewayProxyResponseEvent get(Map<String, String> query, String accept) {
        APIGatewayProxyRequestEvent event = ApiEvents.event("GET", "/reports/outcomes", "/reports/outcomes", null, null, query);
        if (accept != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
            headers.put("Accept", accept);
            event.setHeaders(headers);
        }
        return handler.handleRequest(event, null);
    }

    @Test
    void withoutARangeTheReportCoversTheWeekBeforeNowInWholeHoursAndSaysHowCurrentItIs() throws Exception {
        ended(NOW.minusSeconds(600), Outcome.COMPLETED, null, null, "Asia/Kolkata", 40);        // 10:07Z: 15:37 in Kolkata
        ended(NOW.minusSeconds(8 * 86_400), Outcome.BUSY, null, null, "Europe/London", null);   // before the week
        aggregates.advanceAsOf(NOW.minusSeconds(5));

        APIGatewayProxyResponseEvent response = get(Map.of("groupBy", "hourOfDay"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        Instant nextHour = NOW.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        assertThat(body.path("to").asText()).isEqualTo(nextHour.toString());
        assertThat(body.path("from").asText()).isEqualTo(nextHour.minus(Duration.ofDays(7)).toString());
        assertThat(body.path("zone").asText()).isEqualTo("callee");
        assertThat(body.path("asOf").asText()).isEqualTo(NOW.minusSeconds(5).toString());
        assertThat(body.path("totals").path("calls").asLong()).isEqualTo(1);
        assertThat(body.path("totals").path("answerRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(body.path("totals").path("talkTimeP50Seconds").asLong()).isEqualTo(45); // the 30-45 s bin
        assertThat(body.path("groups")).hasSize(24);
        assertThat(body.path("groups").get(15).path("key").asInt()).isEqualTo(15);
        assertThat(body.path("groups").get(15).path("answered").asLong()).isEqualTo(1);
        assertThat(body.path("groups").get(10).path("calls").asLong()).isZero();
        assertThat(body.path("groups").get(10).path("answerRate").isNull()).isTrue();
    }

    @Test
    void csvByAcceptOrFormatNeutralisesCellsThatASpreadsheetWouldRunAsFormulas() {
        ended(NOW.minusSeconds(3600), Outcome.NO_ANSWER, "=HYPERLINK(\"http://evil\")", "+14155550001", "UTC", null);
        ended(NOW.minusSeconds(3600), Outcome.COMPLETED, "@SUM(A1)", null, "UTC", 12);

        for (APIGatewayProxyResponseEvent response : new APIGatewayProxyResponseEvent[]{
                get(Map.of("groupBy", "campaign"), "text/csv"), get(Map.of("groupBy", "campaign", "format", "csv"), null)}) {
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders().get("Content-Type")).startsWith("text/csv");
            String[] lines = response.getBody().split("\r\n");
            assertThat(lines[0]).startsWith("\"campaign\",\"calls\",\"answered\",\"busy\",\"noAnswer\"");
            assertThat(lines[1]).startsWith("\"'=HYPERLINK(\"\"http://evil\"\")\",\"1\",\"0\",\"0\",\"1\"");
            assertThat(lines[2]).startsWith("\"'@SUM(A1)\",\"1\",\"1\"");
            assertThat(lines[3]).startsWith("\"total\",\"2\",\"1\",\"0\",\"1\",\"0\",\"0\",\"0.5000\"");
        }
        String byCaller = get(Map.of("groupBy", "callerId", "format", "csv"), null).getBody();
        assertThat(byCaller).contains("\"'+14155550001\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=yesterday|from",
            "to=2020-05-14|to",
            "from=2020-05-14T00:00:00Z&to=2020-05-13T00:00:00Z|to",
            "from=2019-01-01T00:00:00Z&to=2020-05-14T00:00:00Z|from",
            "to=+999999999-12-31T23:00:00-10:00|to",
            "from=-000001-01-01T00:00:00Z&to=1970-01-02T00:00:00Z|from",
            "from=1969-12-31T00:00:00Z&to=1970-01-02T00:00:00Z|from",
            "from=9999-12-31T00:00:00Z&to=+10000-01-01T01:00:00Z|to",
            "groupBy=week|groupBy",
            "zone=Mars/Olympus_Mons|zone",
            "zone=+05:00|zone",
            "format=xml|format",
            "campaignId=|campaignId",
            "limit=10|limit"})
    void badParametersAnswer400NamingTheField(String query, String field) throws Exception {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(nameValue[0], nameValue[1]);
        }
        APIGatewayProxyResponseEvent response = get(parameters, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).path("error").path("field").asText()).isEqualTo(field);
    }

    @Test
    void aNamedZoneGroupsTheUtcHoursByThatZonesDays() throws Exception {
        LocalDate yesterday = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1);
        // 23:30 UTC yesterday: still yesterday in New York (18:30 or 19:30), already today in Tokyo (08:30).
        Instant endedAt = yesterday.atTime(23, 30).toInstant(ZoneOffset.UTC);
        LocalDate inNewYork = LocalDate.ofInstant(endedAt, ZoneId.of("America/New_York"));
        LocalDate inTokyo = LocalDate.ofInstant(endedAt, ZoneId.of("Asia/Tokyo"));
        assertThat(inNewYork).isNotEqualTo(inTokyo);
        ended(endedAt, Outcome.FAILED, null, null, "Asia/Tokyo", null);
        String from = yesterday.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = yesterday.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        JsonNode body = JSON.readTree(get(Map.of("groupBy", "day", "zone", "America/New_York",
                "from", from, "to", to), null).getBody());
        assertThat(body.path("groups")).singleElement().satisfies(group -> {
            assertThat(group.path("key").asText()).isEqualTo(inNewYork.toString());
            assertThat(group.path("failed").asLong()).isEqualTo(1);
        });
        JsonNode callee = JSON.readTree(get(Map.of("groupBy", "day", "from", from, "to", to), null).getBody());
        assertThat(callee.path("groups").get(0).path("key").asText()).isEqualTo(inTokyo.toString());
    }
}
