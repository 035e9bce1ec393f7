package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.domain.CallService;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /calls?view=now|upcoming|history} and {@code GET /calls/counts?q=} through the real handlers on DynamoDB
 * Local: each view's members and order across pages, "the last hour" from a clock the test controls, the views'
 * tokens kept apart, and search that ignores accents and case and reads numbers as people type them.
 */
class ListCallsViewsTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static DynamoDbCallStore store;
    private static MutableClock clock;
    private static ListCallsHandler list;
    private static CountCallsHandler count;
    private static int numbers;

    @BeforeAll
    static void fill() {
        LocalAws aws = LocalAws.get();
        store = new DynamoDbCallStore(aws.dynamoDb(), aws.newCallsTable());
        clock = new MutableClock(NOW);
        list = new ListCallsHandler(service(clock), "*");
        count = new CountCallsHandler(service(clock), "*");

        // Under way: made now, waiting for a line, dialing, on the phone.
        store.insert(Call.newScheduled(id(), number(), "made now", null, NOW, "UTC", NOW));
        store.insert(scheduled("line wait", NOW.minusSeconds(30), minutes(-40)).waitFor(WaitingFor.LINE, NOW.plusSeconds(20),
                NOW.minusSeconds(30), "all lines busy"));
        store.insert(dialing("Ada Lovelace", "+14155550123", minutes(-1)));
        store.insert(dialing("dialing 2", number(), minutes(-2)));
        store.insert(dialing("dialing 3", number(), minutes(-3)));
        // Answered a minute after it was dialed; a callback while it talks moves updatedAt, not when it was answered.
        store.insert(dialing("talking", number(), minutes(-4)).moveTo(CallStatus.IN_PROGRESS, minutes(-3), "answered")
                .note(minutes(-1), "callback while talking"));
        // Ended, five within the last hour and two before it.
        store.insert(scheduled("canceled", minutes(60), minutes(-30)).moveTo(CallStatus.CANCELED, minutes(-5), "canceled"));
        store.insert(ended("completed 10", CallStatus.COMPLETED, minutes(-10)));
        store.insert(ended("completed 20", CallStatus.COMPLETED, minutes(-20)));
        store.insert(ended("busy 30", CallStatus.BUSY, minutes(-30)));
        store.insert(ended("completed 50", CallStatus.COMPLETED, minutes(-50)));
        store.insert(ended("completed 120", CallStatus.COMPLETED, minutes(-120)));
        store.insert(ended("completed 180", CallStatus.COMPLETED, minutes(-180)));
        // Upcoming: due later, or waiting for calling hours or a redial.
        store.insert(scheduled("in 60", minutes(60), minutes(-10)));
        store.insert(Call.newScheduled(id(), "+447700900123", "Jürgen Müller", null, minutes(120), "Europe/London",
                minutes(-10)));
        store.insert(scheduled("in 180", minutes(180), minutes(-10)));
        store.insert(scheduled("calling hours", minutes(-5), minutes(-60)).waitFor(WaitingFor.CALLING_HOURS,
                minutes(30), minutes(-5), "outside calling hours"));
        store.insert(scheduled("redial", minutes(-20), minutes(-60)).waitFor(WaitingFor.REDIAL, minutes(90),
                minutes(-19), "busy, calling again"));
    }

    @Test
    void nowListsTheCallsUnderWayMostRecentlyDueFirstThenTheLastHoursOutcomesLatestFirst() throws Exception {
        assertThat(names(everyPage(list, Map.of("view", "now"), 4))).containsExactly(
                "made now", "line wait", "Ada Lovelace", "dialing 2", "dialing 3", "talking",
                "canceled", "completed 10", "completed 20", "busy 30", "completed 50");
    }

    @Test
    void nowForgetsWhatEndedMoreThanAnHourAgoByTheClock() throws Exception {
        MutableClock later = new MutableClock(NOW);
        later.advance(Duration.ofMinutes(15));
        ListCallsHandler listLater = new ListCallsHandler(service(later), "*");

        assertThat(names(everyPage(listLater, Map.of("view", "now"), 50))).endsWith("busy 30").doesNotContain("completed 50");

        // A token taken before the hour slid past where it stopped still works: nothing more to list.
        JsonNode page = body(list.handleRequest(ApiEvents.list(Map.of("view", "now", "limit", "10")), new TestContext()));
        assertThat(names(List.of(page.get("items").get(9)))).containsExactly("busy 30");
        page = body(list.handleRequest(ApiEvents.list(Map.of("view", "now", "limit", "1",
                "nextToken", page.get("nextToken").asText())), new TestContext()));
        assertThat(names(List.of(page.get("items").get(0)))).containsExactly("completed 50");
        APIGatewayProxyResponseEvent afterTheHour = listLater.handleRequest(ApiEvents.list(Map.of("view", "now",
                "nextToken", page.get("nextToken").asText())), new TestContext());
        assertThat(afterTheHour.getStatusCode()).as(afterTheHour.getBody()).isEqualTo(200);
        assertThat(body(afterTheHour).get("items")).isEmpty();
    }

    @Test
    void aCallOnThePhoneSaysWhenItWasAnsweredNotWhenItLastChanged() throws Exception {
        List<JsonNode> now = everyPage(list, Map.of("view", "now"), 50);
        JsonNode talking = now.stream().filter(c -> c.get("contactName").asText().equals("talking")).findFirst().orElseThrow();

        assertThat(talking.get("answeredAt").asText()).isEqualTo(minutes(-3).toString());
        assertThat(talking.get("updatedAt").asText()).isEqualTo(minutes(-1).toString());
        JsonNode dialing = now.stream().filter(c -> c.get("contactName").asText().equals("dialing 2")).findFirst().orElseThrow();
        assertThat(dialing.get("answeredAt").isNull()).as("never answered").isTrue();
    }

    @Test
    void upcomingListsTheWaitingCallsSoonestDueFirstByTheirNextAttempt() throws Exception {
        List<JsonNode> upcoming = everyPage(list, Map.of("view", "upcoming"), 2);

        assertThat(names(upcoming)).containsExactly("calling hours", "in 60", "redial", "Jürgen Müller", "in 180");
        assertThat(upcoming).allSatisfy(call -> assertThat(call.get("endedAt").isNull()).isTrue());
    }

    @Test
    void historyListsEveryEndedCallLatestEndedFirstWithWhenItEnded() throws Exception {
        List<JsonNode> history = everyPage(list, Map.of("view", "history"), 3);

        assertThat(names(history)).containsExactly("canceled", "completed 10", "completed 20", "busy 30", "completed 50",
                "completed 120", "completed 180");
        assertThat(history.get(1).get("endedAt").asText()).isEqualTo(minutes(-10).toString());
    }

    @Test
    void aStatusAndASearchNarrowAView() throws Exception {
        assertThat(names(everyPage(list, Map.of("view", "history", "status", "BUSY,CANCELED"), 1)))
                .containsExactly("canceled", "busy 30");
        assertThat(names(everyPage(list, Map.of("view", "now", "q", "LOVELACE"), 1))).containsExactly("Ada Lovelace");
    }

    @Test
    void aViewsTokenIsRefusedForAnotherViewOrFilter() throws Exception {
        String token = body(list.handleRequest(ApiEvents.list(Map.of("view", "now", "limit", "1")), new TestContext()))
                .get("nextToken").asText();

        for (Map<String, String> other : List.of(Map.of("view", "history", "nextToken", token),
                Map.of("view", "upcoming", "nextToken", token), Map.of("nextToken", token),
                Map.of("view", "now", "status", "DIALING", "nextToken", token))) {
            APIGatewayProxyResponseEvent response = list.handleRequest(ApiEvents.list(other), new TestContext());
            assertThat(response.getStatusCode()).as(other.toString()).isEqualTo(400);
            assertThat(body(response).path("error").path("field").asText()).isEqualTo("nextToken");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"muller", "MULLER", "Müller", "jurgen mul", "JÜRGEN"})
    void aNameIsFoundWhateverItsAccentsAndCase(String q) throws Exception {
        assertThat(names(everyPage(list, Map.of("q", q), 50))).containsExactly("Jürgen Müller");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 7700 900123", "+44 (0)7700 900-123", "+44\u00a07700\u00a0900\u2013123"})
    void aNumberTypedWithSpacesOrPunctuationFindsItsDigits(String q) throws Exception {
        assertThat(names(everyPage(list, Map.of("q", q), 50))).containsExactly("Jürgen Müller");
    }

    @Test
    void aUsNumberTypedWithBracketsAndADashIsFound() throws Exception {
        assertThat(names(everyPage(list, Map.of("q", "(415) 555-0123"), 50))).containsExactly("Ada Lovelace");
    }

    @Test
    void countsGiveEachStatusEachViewAndTheTotal() throws Exception {
        JsonNode counts = body(count.handleRequest(counts(Map.of()), new TestContext()));

        assertThat(counts.path("counts").path("SCHEDULED").asLong()).isEqualTo(7);
        assertThat(counts.path("counts").path("DIALING").asLong()).isEqualTo(3);
        assertThat(counts.path("counts").path("COMPLETED").asLong()).isEqualTo(5);
        assertThat(counts.path("total").asLong()).isEqualTo(18);
        assertThat(counts.path("views").path("now").asLong()).isEqualTo(11);
        assertThat(counts.path("views").path("upcoming").asLong()).isEqualTo(5);
        assertThat(counts.path("views").path("history").asLong()).isEqualTo(7);
        assertThat(counts.path("atLeast")).isEmpty();
    }

    @Test
    void countsFollowTheSearch() throws Exception {
        JsonNode counts = body(count.handleRequest(counts(Map.of("q", "muller")), new TestContext()));

        assertThat(counts.path("counts").path("SCHEDULED").asLong()).isEqualTo(1);
        assertThat(counts.path("counts").path("COMPLETED").asLong()).isZero();
        assertThat(counts.path("total").asLong()).isEqualTo(1);
        assertThat(counts.path("views").path("upcoming").asLong()).isEqualTo(1);
        assertThat(counts.path("views").path("now").asLong()).isZero();

        JsonNode completed = body(count.handleRequest(counts(Map.of("q", "completed")), new TestContext()));
        assertThat(completed.path("total").asLong()).isEqualTo(5);
        assertThat(completed.path("views").path("now").asLong()).as("ended in the last hour").isEqualTo(3);
        assertThat(completed.path("views").path("history").asLong()).isEqualTo(5);
    }

    @Test
    void aCallWrittenBeforeTheViewsJoinsThemOnItsNextWrite() throws Exception {
        LocalAws aws = LocalAws.get();
        String oldTable = aws.newCallsTable();
        DynamoDbCallStore oldStore = new DynamoDbCallStore(aws.dynamoDb(), oldTable);
        ListCallsHandler listOld = new ListCallsHandler(new CallService(oldStore, NO_SCHEDULES, request -> { }, clock), "*");
        Call old = ended("written before the views", CallStatus.COMPLETED, minutes(-7));
        oldStore.insert(old);
        // As the previous version wrote it: without the view attributes.
        aws.dynamoDb().updateItem(r -> r.tableName(oldTable).key(Map.of("id", AttributeValue.fromS(old.id())))
                .updateExpression("REMOVE viewLane, viewAt"));
        assertThat(everyPage(listOld, Map.of("view", "history"), 50)).isEmpty();
        assertThat(names(everyPage(listOld, Map.of(), 50))).as("the list without a view").contains("written before the views");

        oldStore.replace(old, old.note(minutes(-6), "a late callback"));

        assertThat(names(everyPage(listOld, Map.of("view", "history"), 50))).containsExactly("written before the views");
    }

    private static List<JsonNode> everyPage(ListCallsHandler handler, Map<String, String> query, int limit) throws Exception {
        List<JsonNode> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> params = new HashMap<>(query);
            params.put("limit", Integer.toString(limit));
            if (token != null) {
                params.put("nextToken", token);
            }
            APIGatewayProxyResponseEvent response = handler.handleRequest(ApiEvents.list(params), new TestContext());
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            JsonNode page = body(response);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(listed::add);
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
            assertThat(++pages).as("pages").isLessThan(50);
        } while (token != null);
        return listed;
    }

    private static List<String> names(List<JsonNode> calls) {
        return calls.stream().map(call -> call.get("contactName").asText()).toList();
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return CallJson.MAPPER.readTree(response.getBody());
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent counts(Map<String, String> query) {
        return ApiEvents.event("GET", "/calls/counts", "/calls/counts", null, null, query);
    }

    private static final DialScheduler NO_SCHEDULES = new DialScheduler() {
        @Override
        public void schedule(Call call, Duration lead) {
        }

        @Override
        public void unschedule(String callId) {
        }
    };

    private static CallService service(MutableClock clock) {
        return new CallService(store, NO_SCHEDULES, request -> { }, clock);
    }

    private static Call scheduled(String name, Instant at, Instant createdAt) {
        return Call.newScheduled(id(), number(), name, null, at, "UTC", createdAt);
    }

    private static Call dialing(String name, String number, Instant at) {
        return Call.newScheduled(id(), number, name, null, at, "UTC", at.minus(Duration.ofDays(1)))
                .moveTo(CallStatus.DIALING, at, "dialing");
    }

    private static Call ended(String name, CallStatus outcome, Instant endedAt) {
        return dialing(name, number(), endedAt.minusSeconds(90)).moveTo(outcome, endedAt, "ended");
    }

    private static Instant minutes(long offset) {
        return NOW.plus(Duration.ofMinutes(offset));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** Numbers that no search in these tests matches. */
    private static String number() {
        return "+1202555" + String.format("%04d", 1000 + numbers++);
    }
}
