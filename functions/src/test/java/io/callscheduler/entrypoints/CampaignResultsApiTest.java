package io.callscheduler.entrypoints;

import java.time.LocalTime;
import java.time.DayOfWeek;
import io.callscheduler.testing.TestMoments;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.campaigns.results.ResultsExport;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Contact;
import io.callscheduler.model.NewContact;
import io.callscheduler.model.ProviderProgress;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.DynamoDbCampaignResultsReader;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.callscheduler.testing.ApiEvents.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /campaigns/{id}/results.csv} through its handler, built by the production wiring, on DynamoDB Local:
 * contacts in several outcomes, formula cells neutralised, pages that follow their Link header and concatenate into
 * one file, and bad input answered 400 or 404.
 */
class CampaignResultsApiTest {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<(/Prod/campaigns/[0-9a-f-]+/results\\.csv)\\?([^>]+)>; rel=\"next\"");

    private final DynamoDbCallStore calls = new DynamoDbCallStore(app.aws.dynamoDb(), app.table);
    private final DynamoDbCampaignStore campaigns = new DynamoDbCampaignStore(app.aws.dynamoDb(), app.table);
    private final DynamoDbCampaignResultsReader reader = new DynamoDbCampaignResultsReader(app.aws.dynamoDb(), app.table);

    private static String campaign(String name) {
        return answer(new CreateCampaignHandler(app.environment), ApiEvents.event("POST", "/campaigns", "/campaigns",
                JSON.createObjectNode().put("name", name).put("maxCallsPerSecond", 2).toString(), null, null), 201)
                .path("id").asText();
    }

    private static NewContact contact(String number, String... columns) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i += 2) {
            ordered.put(columns[i], columns[i + 1]);
        }
        return new NewContact(number, ordered);
    }

    private static APIGatewayProxyRequestEvent resultsRequest(String id, Map<String, String> query) {
        return ApiEvents.event("GET", "/campaigns/{id}/results.csv", "/campaigns/" + id + "/results.csv", null,
                Map.of("id", id), query.isEmpty() ? null : query);
    }

    private static APIGatewayProxyResponseEvent results(String id, Map<String, String> query) {
        return new CampaignResultsHandler(app.environment).handleRequest(resultsRequest(id, query), new TestContext());
    }

    private static void run(String id, String reason) {
        try {
            new CampaignRunnerHandler(app.environment).handleRequest(new ByteArrayInputStream(
                    ("{\"campaignId\":\"" + id + "\",\"reason\":\"" + reason + "\"}").getBytes()), new ByteArrayOutputStream(),
                    new TestContext());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The state change through its handler; the runner's run that follows it is the caller's to ask for. */
    private static void onCampaign(String id, String action) {
        answer(switch (action) {
            case "start" -> new StartCampaignHandler(app.environment);
            case "stop" -> new StopCampaignHandler(app.environment);
            default -> throw new IllegalArgumentException(action);
        }, ApiEvents.event("POST", "/campaigns/{id}/" + action, "/campaigns/" + id + "/" + action, null,
                Map.of("id", id), null), 200);
    }

    /**
     * Draws the contact numbered {@code sequence} into a call as the runner does (one transaction), but due at
     * {@code at} and with no schedule, so that nothing dials it: the test moves it through its outcome itself.
     */
    private Call draw(String campaignId, long sequence, Instant at) {
        Contact contact = reader.contacts(campaignId, sequence, sequence).get(0);
        Call call = Call.newScheduled(UUID.randomUUID().toString(), contact.phoneNumber(), contact.column("contactName"),
                null, at, "UTC", at.minusSeconds(60)).withCampaignId(campaignId);
        assertThat(campaigns.draw(contact, call)).isEqualTo(CampaignStore.Drawn.DRAWN);
        return call;
    }

    private static List<CSVRecord> rows(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    /** Writes the call's next state as dispatch and the callbacks would (the campaign's counts move with it). */
    private Call write(Call expected, Call updated) {
        return calls.replace(expected, updated);
    }

    @Test
    void oneRowPerContactInTheCampaignsOrderWithItsOutcomeAndFormulaCellsNeutralised() throws Exception {
        String id = campaign("Dentist reminders");
        app.services().campaigns().service().addContacts(id, List.of(
                contact("+14155550101", "contactName", "Ann Lee", "appointment", "Tue 10:00", "notes", "=HYPERLINK(\"http://x\")"),
                contact("+14155550102", "contactName", "Bob", "appointment", "@SUM(1+1)"),
                contact("+14155550103", "contactName", "-Cy", "appointment", "Wed 9:30", "notes", "plain"),
                contact("+14155550104", "contactName", "Dee", "notes", "+1 555")));
        onCampaign(id, "start");
        Instant t = TestMoments.next(DayOfWeek.MONDAY, LocalTime.of(9, 0));

        Call ann = draw(id, 1, t);
        Call dialing = write(ann, ann.claim(t, "dialing"));
        Call talking = write(dialing, dialing.moveTo(CallStatus.IN_PROGRESS, t.plusSeconds(5), "answered"));
        write(talking, talking.moveTo(CallStatus.COMPLETED, t.plusSeconds(47), "completed")
                .withProgress(new ProviderProgress(42, "human", null, null)));

        Call bob = draw(id, 2, t);
        Call first = write(bob, bob.claim(t.plusSeconds(1), "dialing"));
        Call waiting = write(first, first.redialAt(t.plusSeconds(1801), CallStatus.BUSY, t.plusSeconds(20), "busy"));
        Call second = write(waiting, waiting.claim(t.plusSeconds(1801), "dialing again"));
        write(second, second.moveTo(CallStatus.NO_ANSWER, t.plusSeconds(1861), "no answer"));

        Call cy = draw(id, 3, t);
        Call cyDialing = write(cy, cy.claim(t.plusSeconds(2), "dialing"));
        write(cyDialing, cyDialing.fail(t.plusSeconds(3), "=cmd|' /C calc'!A0"));
        draw(id, 4, t); // Dee's call stays SCHEDULED; a contact added now stays PENDING (no runner runs here)
        app.services().campaigns().service().addContacts(id, List.of(contact("+14155550105", "contactName", "Eve",
                "team", "night")));

        APIGatewayProxyResponseEvent response = results(id, Map.of());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"Dentist reminders results.csv\"; "
                        + "filename*=UTF-8''Dentist%20reminders%20results.csv")
                .doesNotContainKey("Link");
        String body = response.getBody();
        assertThat(body.lines().findFirst().orElseThrow()).isEqualTo("\"resultsVersion\",\"phoneNumber\",\"contactName\","
                + "\"appointment\",\"notes\",\"team\",\"status\",\"attempts\",\"answeredBy\",\"durationSeconds\",\"lastError\","
                + "\"firstDialAt\",\"lastDialAt\"");
        // No cell starts with a character a spreadsheet would run: each gets the ' that makes it text.
        assertThat(body).contains("\"'=HYPERLINK(\"\"http://x\"\")\"", "\"'@SUM(1+1)\"", "\"'-Cy\"", "\"'+1 555\"",
                "\"'=cmd|' /C calc'!A0\"", "\"'+14155550101\"").doesNotContain(",\"=", ",\"@", ",\"-", ",\"+");

        List<CSVRecord> rows = rows(body);
        assertThat(rows).extracting(r -> r.get("phoneNumber")).containsExactly("'+14155550101", "'+14155550102",
                "'+14155550103", "'+14155550104", "'+14155550105");
        assertThat(rows).extracting(r -> r.get("status")).containsExactly("COMPLETED", "NO_ANSWER", "FAILED",
                "SCHEDULED", "PENDING");
        assertThat(rows).extracting(r -> r.get("attempts")).containsExactly("1", "2", "1", "0", "0");
        CSVRecord annRow = rows.get(0);
        assertThat(annRow.get("contactName")).isEqualTo("Ann Lee");
        assertThat(annRow.get("appointment")).isEqualTo("Tue 10:00");
        assertThat(annRow.get("answeredBy")).isEqualTo("human");
        assertThat(annRow.get("durationSeconds")).isEqualTo("42");
        assertThat(annRow.get("firstDialAt")).isEqualTo(t.toString());
        assertThat(annRow.get("lastDialAt")).isEqualTo(t.toString());
        assertThat(rows.get(1).get("firstDialAt")).isEqualTo(t.plusSeconds(1).toString());
        assertThat(rows.get(1).get("lastDialAt")).isEqualTo(t.plusSeconds(1801).toString());
        assertThat(rows.get(1).get("lastError")).isEqualTo("busy on attempt 1");
        assertThat(rows.get(3).get("firstDialAt")).isEmpty();
        assertThat(rows.get(4).get("team")).isEqualTo("night");
        assertThat(rows.get(0).get("team")).isEmpty();

        onCampaign(id, "stop");
        run(id, "STOP"); // cancels the contacts not drawn and the calls not dialed
        List<CSVRecord> stopped = rows(results(id, Map.of()).getBody());
        assertThat(stopped).extracting(r -> r.get("status")).containsExactly("COMPLETED", "NO_ANSWER", "FAILED",
                "CANCELED", "CANCELED");
        assertThat(stopped.get(3).get("lastError")).isEqualTo("not dialed: campaign stopped by user");
        assertThat(stopped.get(4).get("lastError")).isEqualTo("not dialed: campaign stopped by user");
    }

    /** The pages of a download in turn, each followed through its Link header as a client would. */
    private static List<APIGatewayProxyResponseEvent> allPages(CampaignResultsHandler handler, String id,
                                                               Map<String, String> firstQuery) {
        List<APIGatewayProxyResponseEvent> pages = new ArrayList<>();
        Map<String, String> query = firstQuery;
        while (query != null) {
            APIGatewayProxyResponseEvent page = handler.handleRequest(resultsRequest(id, query), new TestContext());
            assertThat(page.getStatusCode()).as(page.getBody()).isEqualTo(200);
            pages.add(page);
            String link = page.getHeaders().get("Link");
            query = null;
            if (link != null) {
                Matcher next = NEXT.matcher(link);
                assertThat(next.matches()).as(link).isTrue();
                assertThat(next.group(1)).isEqualTo("/Prod/campaigns/" + id + "/results.csv");
                query = new HashMap<>();
                for (String pair : next.group(2).split("&")) {
                    query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
                assertThat(page.getHeaders().get("Access-Control-Expose-Headers")).contains("Link", "Content-Disposition");
            }
        }
        return pages;
    }

    @Test
    void pagesNameTheNextInALinkHeaderAndConcatenateIntoOneFile() throws Exception {
        String id = campaign("Rappels \"été\" / 2030");
        List<NewContact> list = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            list.add(contact("+1415555020" + i, "contactName", "Guest " + i, "notes", "n" + i));
        }
        app.services().campaigns().service().addContacts(id, list);
        CampaignResultsHandler handler = new CampaignResultsHandler(app.environment);

        String whole = results(id, Map.of()).getBody();
        assertThat(rows(whole)).hasSize(7);
        List<APIGatewayProxyResponseEvent> pages = allPages(handler, id, Map.of("limit", "3"));
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).getHeaders().get("Link")).contains("&limit=3");
        assertThat(pages).extracting(p -> p.getBody().lines().count()).containsExactly(4L, 3L, 1L);
        assertThat(pages.stream().map(APIGatewayProxyResponseEvent::getBody).reduce("", String::concat)).isEqualTo(whole);
        assertThat(pages.get(0).getHeaders().get("Content-Disposition")).isEqualTo("attachment; "
                + "filename=\"Rappels __t__ 2030 results.csv\"; filename*=UTF-8''Rappels%20%22%C3%A9t%C3%A9%22%202030%20results.csv");

        // A page also ends where its bytes would pass the budget (Lambda's 6 MB in production), and says where to go on.
        CampaignResultsHandler small = new CampaignResultsHandler(app.services().campaigns().results(), "http://localhost:8080", 700);
        List<APIGatewayProxyResponseEvent> byBytes = allPages(small, id, Map.of());
        assertThat(byBytes).hasSizeGreaterThan(1);
        assertThat(byBytes.stream().map(APIGatewayProxyResponseEvent::getBody).reduce("", String::concat)).isEqualTo(whole);
    }

    @Test
    void contactsDrawnBetweenPagesAreEachWrittenOnceInOrder() throws Exception {
        String id = campaign("Drawn meanwhile");
        List<NewContact> list = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            list.add(contact("+1415555030" + i, "contactName", "Guest " + i));
        }
        app.services().campaigns().service().addContacts(id, list);
        CampaignResultsHandler handler = new CampaignResultsHandler(app.environment);

        APIGatewayProxyResponseEvent first = handler.handleRequest(resultsRequest(id, Map.of("limit", "2")), new TestContext());
        assertThat(rows(first.getBody())).extracting(r -> r.get("status")).containsExactly("PENDING", "PENDING");
        onCampaign(id, "start");
        run(id, "START"); // every contact leaves PENDING for CALLED (its place in the index moves) and is dialed
        Matcher next = NEXT.matcher(first.getHeaders().get("Link"));
        assertThat(next.matches()).isTrue();
        String token = next.group(2).replaceAll(".*nextToken=([^&]+).*", "$1");
        String rest = handler.handleRequest(resultsRequest(id, Map.of("nextToken", token)), new TestContext()).getBody();

        List<CSVRecord> all = rows(first.getBody() + rest);
        assertThat(all).extracting(r -> r.get("phoneNumber")).containsExactly("'+14155550301", "'+14155550302",
                "'+14155550303", "'+14155550304", "'+14155550305", "'+14155550306");
        assertThat(all.subList(2, 6)).extracting(r -> r.get("status")).doesNotContain("PENDING");
    }

    @Test
    void aBadTokenOrLimitIsA400NamingItAndAnUnknownCampaignA404() {
        String id = campaign("Empty");
        APIGatewayProxyResponseEvent empty = results(id, Map.of());
        assertThat(empty.getStatusCode()).isEqualTo(200);
        assertThat(empty.getBody().lines().count()).isEqualTo(1);
        assertThat(empty.getHeaders()).doesNotContainKey("Link");

        JsonNode garbage = answer(new CampaignResultsHandler(app.environment), resultsRequest(id, Map.of("nextToken", "garbage!")), 400);
        assertThat(garbage.path("error").path("field").asText()).isEqualTo("nextToken");
        assertThat(garbage.path("error").path("code").asText()).isEqualTo("INVALID_TOKEN");
        String past = Base64.getUrlEncoder().withoutPadding().encodeToString("r1.99.0".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer(new CampaignResultsHandler(app.environment), resultsRequest(id, Map.of("nextToken", past)), 400)
                .path("error").path("message").asText()).contains("not one of this campaign's pages");
        for (String limit : List.of("0", "5001", "ten")) {
            JsonNode bad = answer(new CampaignResultsHandler(app.environment), resultsRequest(id, Map.of("limit", limit)), 400);
            assertThat(bad.path("error").path("field").asText()).isEqualTo("limit");
            assertThat(bad.path("error").path("message").asText()).contains(Integer.toString(ResultsExport.MAX_ROWS));
        }
        assertThat(answer(new CampaignResultsHandler(app.environment), resultsRequest(id, Map.of("page", "2")), 400)
                .path("error").path("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
        answer(new CampaignResultsHandler(app.environment), resultsRequest("7d1f3c2e-0000-4000-8000-000000000000", Map.of()), 404);
        answer(new CampaignResultsHandler(app.environment), resultsRequest("not-an-id", Map.of()), 404);
    }
}
