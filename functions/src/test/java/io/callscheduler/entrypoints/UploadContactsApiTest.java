package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.callscheduler.testing.ApiEvents.answer;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /campaigns/{id}/contacts through its handler, built by the production wiring, on DynamoDB Local. */
class UploadContactsApiTest {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();

    private static String campaign(String message) {
        String body = "{\"name\": \"Reminders\"" + (message == null ? "" : ", \"message\": \"" + message + "\"") + "}";
        return answer(new CreateCampaignHandler(app.environment), ApiEvents.event("POST", "/campaigns", "/campaigns",
                body, null, null), 201).path("id").asText();
    }

    private static APIGatewayProxyRequestEvent upload(String id, String csv, Map<String, String> query,
                                                      Map<String, String> headers) {
        APIGatewayProxyRequestEvent event = ApiEvents.event("POST", "/campaigns/{id}/contacts",
                "/campaigns/" + id + "/contacts", csv, Map.of("id", id), query.isEmpty() ? null : query);
        Map<String, String> all = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        all.put("Content-Type", "text/csv");
        all.putAll(headers);
        return event.withHeaders(all);
    }

    private static JsonNode send(String id, String csv, Map<String, String> query, int status) {
        return answer(new UploadContactsHandler(app.environment), upload(id, csv, query, Map.of()), status);
    }

    private static long contactsOf(String id) {
        return answer(new GetCampaignHandler(app.environment), ApiEvents.event("GET", "/campaigns/{id}",
                "/campaigns/" + id, null, Map.of("id", id), null), 200).path("progress").path("total").asLong();
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("rejects").forEach(r -> codes.add(r.path("row").asLong() + ":" + r.path("column").asText() + ":"
                + r.path("code").asText()));
        return codes;
    }

    @Test
    void nationalNumbersAreReadWithTheDefaultRegionAndBadRowsAreRejectedWithTheirCodes() {
        String id = campaign("Hello {{contactName}}, see you {{day}}.");
        String csv = """
                phoneNumber,contactName,calleeTimeZone,day
                (415) 555-0123,Ann,,Tuesday
                +44 20 7946 0958,"Smith, Bob",Europe/London,Wednesday
                not a number,Carl,,Monday
                415-555-0123,Ann again,,Friday
                (212) 555-0199,Dora,Mars/Olympus,Friday
                """;
        JsonNode imported = send(id, csv, Map.of("defaultRegion", "US"), 201);

        assertThat(imported.path("rows").asInt()).isEqualTo(5);
        assertThat(imported.path("accepted").asInt()).isEqualTo(2);
        assertThat(imported.path("rejected").asInt()).isEqualTo(3);
        assertThat(imported.path("duplicates").asInt()).isEqualTo(1);
        assertThat(imported.path("suppressed").asInt()).isZero();
        assertThat(imported.path("imported").asInt()).isEqualTo(2);
        assertThat(codes(imported)).containsExactly("4:phoneNumber:INVALID_NUMBER", "5:phoneNumber:DUPLICATE_IN_FILE",
                "6:calleeTimeZone:BAD_TIME_ZONE");
        assertThat(imported.path("rejects").get(1).path("message").asText()).contains("row 2");
        assertThat(contactsOf(id)).isEqualTo(2);
        // Stored in E.164 with every column, for the message's fields and the export.
        var stored = new io.callscheduler.store.dynamodb.DynamoDbCampaignStore(app.aws.dynamoDb(), app.table)
                .pendingContacts(id, 10);
        assertThat(stored).extracting(io.callscheduler.model.Contact::phoneNumber)
                .containsExactly("+14155550123", "+442079460958");
        assertThat(stored.get(1).columns()).containsEntry("contactName", "Smith, Bob").containsEntry("day", "Wednesday")
                .containsEntry("calleeTimeZone", "Europe/London");

        JsonNode again = send(id, "phoneNumber,contactName,day\n+14155550123,Ann,Tuesday\n+14155550124,Eve,Monday\n",
                Map.of(), 201);
        assertThat(codes(again)).containsExactly("2:phoneNumber:DUPLICATE_IN_CAMPAIGN");
        assertThat(again.path("imported").asInt()).isEqualTo(1);
        assertThat(contactsOf(id)).isEqualTo(3);
    }

    /** The do-not-call list is read for the whole file in batches: a number on it is rejected, not imported. */
    @Test
    void aNumberOnTheDoNotCallListIsRejectedAsSuppressed() {
        String id = campaign(null);
        answer(new PutSuppressionHandler(app.environment), ApiEvents.event("PUT", "/suppressions/{phoneNumber}",
                "/suppressions/+14155550150", "{\"reason\": \"asked not to be called\"}",
                Map.of("phoneNumber", "+14155550150"), null), 200);
        JsonNode imported = send(id, "phoneNumber,contactName\n+14155550150,Ann\n+14155550151,Bob\n", Map.of(), 201);
        assertThat(imported.path("suppressed").asInt()).isEqualTo(1);
        assertThat(imported.path("imported").asInt()).isEqualTo(1);
        assertThat(codes(imported)).containsExactly("2:phoneNumber:SUPPRESSED");
    }

    @Test
    void aDryRunChecksAndWritesNothingAndTheRejectsComeAsCsvOnRequest() {
        String id = campaign(null);
        String csv = "phoneNumber,contactName\n+14155550130,Ann\n12,Bob\n";
        JsonNode checked = send(id, csv, Map.of("dryRun", "true"), 200);
        assertThat(checked.path("dryRun").asBoolean()).isTrue();
        assertThat(checked.path("accepted").asInt()).isEqualTo(1);
        assertThat(checked.path("imported").asInt()).isZero();
        assertThat(contactsOf(id)).isZero();

        APIGatewayProxyResponseEvent asCsv = new UploadContactsHandler(app.environment).handleRequest(
                upload(id, csv, Map.of("dryRun", "true"), Map.of("Accept", "text/csv")), new TestContext());
        assertThat(asCsv.getStatusCode()).isEqualTo(200);
        assertThat(asCsv.getHeaders().get("Content-Type")).startsWith("text/csv");
        assertThat(asCsv.getBody()).startsWith("\"row\",\"column\",\"code\",\"message\"\r\n\"3\",\"phoneNumber\",\"INVALID_NUMBER\",");
        assertThat(asCsv.getBody().lines()).hasSize(2);
        assertThat(contactsOf(id)).isZero();
    }

    @Test
    void aFileRefusedWholeIsA400NamingItsLineAndWritesNothing() {
        String id = campaign("Hi {{contactName}}, see you {{day}}");
        Map<String, Object[]> refusals = new java.util.LinkedHashMap<>();
        refusals.put("phoneNumber,contactName\n+14155550140,Ann\n+14155550141,Bob,extra\n", new Object[]{"RAGGED_ROW", 3});
        refusals.put("phone,contactName\n+14155550140,Ann\n", new Object[]{"MISSING_COLUMN", 1});
        refusals.put("phoneNumber,contactName\n+14155550140,Ann\n", new Object[]{"MISSING_COLUMN", 1}); // the message's {{day}}
        refusals.put("phoneNumber,contactName\n+14155550140,Ann\nPK\u0003\u0004\u0000\u0000,x\n", new Object[]{"NOT_CSV", 3});
        refusals.put("phoneNumber,contactName\n+14155550140,\"Ann\n", new Object[]{"MALFORMED_CSV", 2});
        // A Latin-1 "é" that API Gateway decoded as UTF-8 arrives as U+FFFD.
        refusals.put("phoneNumber,contactName\n+14155550140,Ann\n+14155550141,Ren\uFFFD\n", new Object[]{"NOT_UTF8", 3});
        refusals.put("", new Object[]{"EMPTY_FILE", null});
        StringBuilder large = new StringBuilder("phoneNumber,contactName\n");
        while (large.length() <= 5 * 1024 * 1024) {
            large.append("+14155550150,").append("x".repeat(1000)).append('\n');
        }
        refusals.put(large.toString(), new Object[]{"FILE_TOO_LARGE", null});

        refusals.forEach((csv, expected) -> {
            JsonNode error = send(id, csv, Map.of(), 400).path("error");
            assertThat(error.path("code").asText()).as(csv.length() > 80 ? "a large file" : csv).isEqualTo(expected[0]);
            assertThat(error.path("field").asText()).isEqualTo("body");
            if (expected[1] == null) {
                assertThat(error.path("line").isNull()).isTrue();
            } else {
                assertThat(error.path("line").asInt()).isEqualTo((Integer) expected[1]);
            }
        });
        assertThat(contactsOf(id)).isZero();

        JsonNode region = send(id, "phoneNumber,contactName\n(415) 555-0123,Ann\n", Map.of("defaultRegion", "USA"), 400);
        assertThat(region.path("error").path("field").asText()).isEqualTo("defaultRegion");
        assertThat(send(id, "phoneNumber,contactName\n(415) 555-0123,Ann\n", Map.of("defaultRegion", "QQ"), 400)
                .path("error").path("field").asText()).isEqualTo("defaultRegion");
        assertThat(send(id, "phoneNumber,contactName\n+14155550140,Ann\n", Map.of("dryRun", "yes"), 400)
                .path("error").path("field").asText()).isEqualTo("dryRun");
        assertThat(contactsOf(id)).isZero();
    }

    @Test
    void noBodyAnswersA5xx() {
        String id = campaign("Hi {{contactName}}");
        java.util.Random random = new java.util.Random(21);
        String alphabet = "phoneNumber,contactName\"\r\n +1415550()\u0000\uFEFF\uFFFD\u00e9;\t=@-";
        UploadContactsHandler handler = new UploadContactsHandler(app.environment);
        for (int i = 0; i < 150; i++) {
            StringBuilder body = new StringBuilder(i % 2 == 0 ? "phoneNumber,contactName\n" : "");
            for (int c = random.nextInt(200); c > 0; c--) {
                body.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Map<String, String> query = i % 3 == 0 ? Map.of("dryRun", "true", "defaultRegion", "US") : Map.of();
            APIGatewayProxyResponseEvent response = handler.handleRequest(upload(id, body.toString(), query, Map.of()),
                    new TestContext());
            assertThat(response.getStatusCode()).as(body.toString()).isIn(200, 201, 400);
        }
    }

    @Test
    void aBase64BodyIsReadStrictlyAsBytes() {
        String id = campaign(null);
        byte[] latin1 = "phoneNumber,contactName\n+14155550160,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        APIGatewayProxyRequestEvent event = upload(id, Base64.getEncoder().encodeToString(latin1), Map.of(), Map.of());
        event.setIsBase64Encoded(true);
        JsonNode error = answer(new UploadContactsHandler(app.environment), event, 400).path("error");
        assertThat(error.path("code").asText()).isEqualTo("NOT_UTF8");
        assertThat(error.path("line").asInt()).isEqualTo(2);

        byte[] utf8 = "\uFEFFphoneNumber,contactName\n+14155550160,Ren\u00e9\n".getBytes(StandardCharsets.UTF_8);
        APIGatewayProxyRequestEvent good = upload(id, Base64.getEncoder().encodeToString(utf8), Map.of(), Map.of());
        good.setIsBase64Encoded(true);
        assertThat(answer(new UploadContactsHandler(app.environment), good, 201).path("imported").asInt()).isEqualTo(1);
    }

    @Test
    void theSameFileWithTheSameKeyIsAnsweredAgainAndImportsNothingTwice() {
        String id = campaign(null);
        String csv = "phoneNumber\n+14155550170\n+14155550171\nnope\n";
        Map<String, String> key = Map.of("Idempotency-Key", "upload-1");
        UploadContactsHandler handler = new UploadContactsHandler(app.environment);
        APIGatewayProxyResponseEvent first = handler.handleRequest(upload(id, csv, Map.of(), key), new TestContext());
        APIGatewayProxyResponseEvent second = handler.handleRequest(upload(id, csv, Map.of(), key), new TestContext());

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
        assertThat(second.getStatusCode()).isEqualTo(201);
        assertThat(second.getBody()).isEqualTo(first.getBody()).contains("\"imported\":2", "INVALID_NUMBER");
        assertThat(second.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(contactsOf(id)).isEqualTo(2);

        JsonNode reused = answer(handler, upload(id, csv + "+14155550172\n", Map.of(), key), 422);
        assertThat(reused.path("error").path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.path("error").path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(contactsOf(id)).isEqualTo(2);
        // The same key on another campaign is another upload.
        String other = campaign(null);
        assertThat(answer(handler, upload(other, csv, Map.of(), key), 201).path("imported").asInt()).isEqualTo(2);
    }

    @Test
    void aCampaignOverIsA409AndAnUnknownOneA404() {
        String id = campaign(null);
        answer(new StopCampaignHandler(app.environment), ApiEvents.event("POST", "/campaigns/{id}/stop",
                "/campaigns/" + id + "/stop", null, Map.of("id", id), null), 200);
        assertThat(send(id, "phoneNumber\n+14155550180\n", Map.of(), 409).path("error").path("code").asText())
                .isEqualTo("ILLEGAL_TRANSITION");
        assertThat(contactsOf(id)).isZero();
        send("7d1f3c2e-0000-4000-8000-000000000000", "phoneNumber\n+14155550180\n", Map.of(), 404);
    }
}
