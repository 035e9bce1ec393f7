package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberWrittenNumbers;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList;
import io.callscheduler.suppressions.imports.SuppressionImports;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.callscheduler.testing.ApiEvents.answer;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /suppressions (a CSV import of the do-not-call list) through its handler, on DynamoDB Local. */
class ImportSuppressionsApiTest {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static DynamoDbSuppressionList list;
    private static ImportSuppressionsHandler handler;

    @BeforeAll
    static void start() {
        list = new DynamoDbSuppressionList(app.aws.dynamoDb(), app.table);
        handler = new ImportSuppressionsHandler(new SuppressionImports(list, new LibPhoneNumberWrittenNumbers(), clock), "*");
    }

    private static APIGatewayProxyRequestEvent upload(String body, boolean base64, Map<String, String> query,
                                                      Map<String, String> headers) {
        APIGatewayProxyRequestEvent event = ApiEvents.event("POST", "/suppressions", "/suppressions", body, null,
                query.isEmpty() ? null : query);
        Map<String, String> all = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        all.put("Content-Type", "text/csv");
        all.putAll(headers);
        return event.withHeaders(all).withIsBase64Encoded(base64);
    }

    private static JsonNode send(String csv, Map<String, String> query, int status) {
        return answer(handler, upload(csv, false, query, Map.of()), status);
    }

    private static JsonNode refused(APIGatewayProxyRequestEvent event) {
        return answer(handler, event, 400).path("error");
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("rejects").forEach(r -> codes.add(r.path("row").asLong() + ":" + r.path("column").asText() + ":"
                + r.path("code").asText()));
        return codes;
    }

    private static Suppression stored(String number) {
        return list.find(number).orElse(null);
    }

    @Test
    void aFileIsReadWithItsRegionItsDefaultsAndItsBadRowsAndTheNumbersAreRefusedAtCreateAtOnce() {
        String in30Days = clock.instant().plus(Duration.ofDays(30)).toString();
        String csv = """
                phoneNumber,reason,source,expiresAt,customerName
                (415) 555-0701,asked by letter,mailroom,,Ann
                +44 20 7946 0701,,,%s,Bob
                not a number,spam,,,Carl
                415-555-0701,again,,,Ann again
                """.formatted(in30Days);

        JsonNode imported = send(csv, Map.of("defaultRegion", "US"), 200);

        assertThat(imported.path("dryRun").asBoolean()).isFalse();
        assertThat(imported.path("rows").asInt()).isEqualTo(4);
        assertThat(imported.path("accepted").asInt()).isEqualTo(2);
        assertThat(imported.path("rejected").asInt()).isEqualTo(2);
        assertThat(imported.path("duplicates").asInt()).isEqualTo(1);
        assertThat(imported.path("added").asInt()).isEqualTo(2);
        assertThat(imported.path("refreshed").asInt()).isZero();
        assertThat(imported.path("ignoredColumns").toString()).isEqualTo("[\"customerName\"]");
        assertThat(codes(imported)).containsExactly("4:phoneNumber:INVALID_NUMBER", "5:phoneNumber:DUPLICATE_IN_FILE");
        assertThat(imported.path("rejects").get(1).path("message").asText()).contains("row 2");

        Suppression mailed = stored("+14155550701");
        assertThat(mailed.reason()).isEqualTo("asked by letter");
        assertThat(mailed.source()).isEqualTo("mailroom");
        assertThat(mailed.expiresAt()).isNull();
        assertThat(mailed.addedAt()).isEqualTo(clock.instant());
        Suppression defaulted = stored("+442079460701");
        assertThat(defaulted.reason()).isEqualTo("imported");
        assertThat(defaulted.source()).isEqualTo("csv-import");
        assertThat(defaulted.expiresAt()).isEqualTo(Instant.parse(in30Days));

        // Listed, and effective for the very next create, as an entry put by hand is.
        JsonNode listed = answer(new ListSuppressionsHandler(app.environment), ApiEvents.event("GET", "/suppressions",
                "/suppressions", null, null, Map.of("q", "+1415555070")), 200);
        assertThat(listed.path("items").get(0).path("phoneNumber").asText()).isEqualTo("+14155550701");
        JsonNode create = answer(new CreateCallHandler(app.environment), ApiEvents.post("""
                {"phoneNumber": "+14155550701", "scheduledAt": "now"}"""), 400).path("error");
        assertThat(create.path("code").asText()).isEqualTo("SUPPRESSED");
        assertThat(create.path("message").asText()).contains("asked by letter");
    }

    @Test
    void aDryRunWritesNothingAndTheRejectsComeAsCsvOnRequest() {
        String csv = "phoneNumber,reason\n+14155550711,complaint\n12,typo\n";
        JsonNode checked = send(csv, Map.of("dryRun", "true"), 200);
        assertThat(checked.path("dryRun").asBoolean()).isTrue();
        assertThat(checked.path("accepted").asInt()).isEqualTo(1);
        assertThat(checked.path("added").asInt()).isEqualTo(1);
        assertThat(stored("+14155550711")).isNull();

        APIGatewayProxyResponseEvent asCsv = handler.handleRequest(upload(csv, false, Map.of("dryRun", "true"),
                Map.of("Accept", "text/csv")), new TestContext());
        assertThat(asCsv.getStatusCode()).isEqualTo(200);
        assertThat(asCsv.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8");
        assertThat(asCsv.getBody()).startsWith("\"row\",\"column\",\"code\",\"message\"\r\n\"3\",\"phoneNumber\",\"INVALID_NUMBER\",");
        assertThat(stored("+14155550711")).isNull();
    }

    @Test
    void aByteOrderMarkIsAcceptedAndTheHeaderStillHasPhoneNumber() {
        JsonNode imported = send("\uFEFFphoneNumber\n+14155550721\n", Map.of(), 200);
        assertThat(imported.path("accepted").asInt()).isEqualTo(1);
        assertThat(stored("+14155550721")).isNotNull();
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingItsLineAndNothingIsWritten() {
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("phoneNumber,reason\n+14155550731,ok\n+14155550732,".getBytes(StandardCharsets.US_ASCII));
        latin1.writeBytes("r\u00e9clamation\n".getBytes(StandardCharsets.ISO_8859_1));
        JsonNode binary = refused(upload(Base64.getEncoder().encodeToString(latin1.toByteArray()), true, Map.of(), Map.of()));
        assertThat(binary.path("code").asText()).isEqualTo("NOT_UTF8");
        assertThat(binary.path("line").asInt()).isEqualTo(3);
        // API Gateway hands a text body over decoded, a bad byte as U+FFFD: refused alike.
        JsonNode text = refused(upload("phoneNumber,reason\n+14155550731,ok\n+14155550732,r\uFFFDclamation\n", false,
                Map.of(), Map.of()));
        assertThat(text.path("code").asText()).isEqualTo("NOT_UTF8");
        assertThat(text.path("line").asInt()).isEqualTo(3);
        assertThat(stored("+14155550731")).isNull();
    }

    @Test
    void raggedRowsQuotingErrorsAndMissingOrMisnamedColumnsRefuseTheWholeFile() {
        JsonNode ragged = refused(upload("phoneNumber,reason\n+14155550741,ok\n+14155550742,too,many\n", false, Map.of(), Map.of()));
        assertThat(ragged.path("code").asText()).isEqualTo("RAGGED_ROW");
        assertThat(ragged.path("line").asInt()).isEqualTo(3);
        JsonNode quote = refused(upload("phoneNumber,reason\n+14155550741,\"never closed\n", false, Map.of(), Map.of()));
        assertThat(quote.path("code").asText()).isEqualTo("MALFORMED_CSV");
        JsonNode missing = refused(upload("number,reason\n+14155550741,ok\n", false, Map.of(), Map.of()));
        assertThat(missing.path("code").asText()).isEqualTo("MISSING_COLUMN");
        assertThat(missing.path("field").asText()).isEqualTo("body");
        // A known column misspelt would lose its values silently (an entry meant to expire would never): refused.
        JsonNode misnamed = refused(upload("phoneNumber,Expires_At\n+14155550741,2999-01-01T00:00:00Z\n", false, Map.of(), Map.of()));
        assertThat(misnamed.path("code").asText()).isEqualTo("MISNAMED_COLUMN");
        assertThat(misnamed.path("message").asText()).contains("expiresAt");
        JsonNode region = refused(upload("phoneNumber\n+14155550741\n", false, Map.of("defaultRegion", "XX"), Map.of()));
        assertThat(region.path("code").asText()).isEqualTo("INVALID_REGION");
        assertThat(region.path("field").asText()).isEqualTo("defaultRegion");
        assertThat(stored("+14155550741")).isNull();
    }

    @Test
    void anExpiryThatHasPassedOrIsNoDateIsRejectedAndTheOtherRowsImported() {
        String past = clock.instant().minusSeconds(1).toString();
        String future = clock.instant().plus(Duration.ofDays(7)).toString();
        JsonNode imported = send("""
                phoneNumber,expiresAt
                +14155550751,%s
                +14155550752,next week
                +14155550753,%s
                """.formatted(past, future), Map.of(), 200);
        assertThat(codes(imported)).containsExactly("2:expiresAt:BAD_EXPIRES_AT", "3:expiresAt:BAD_EXPIRES_AT");
        assertThat(imported.path("rejects").get(0).path("message").asText()).contains("has passed");
        assertThat(stored("+14155550751")).isNull();
        assertThat(stored("+14155550752")).isNull();
        assertThat(stored("+14155550753").expiresAt()).isEqualTo(Instant.parse(future));
    }

    @Test
    void aReasonOrSourceAnEntryCannotKeepIsRejectedNamingItsColumn() {
        JsonNode imported = send("phoneNumber,reason,source\n+14155550771,%s,\n+14155550772,ok,\"tab\u0007bell\"\n"
                .formatted("x".repeat(201)), Map.of(), 200);
        assertThat(codes(imported)).containsExactly("2:reason:TOO_LONG", "3:source:INVALID_CHARACTERS");
        assertThat(imported.path("accepted").asInt()).isZero();
        assertThat(list.findAll(List.of("+14155550771", "+14155550772"))).isEmpty();
    }

    @Test
    void aReimportRefreshesTheEntryKeepingWhenItWasAddedAndTheKeypressEvidence() {
        Instant pressed = clock.instant();
        list.put(new Suppression("+14155550761", "pressed 9", "keypress", null, pressed, "call-1", "9"));
        clock.advance(Duration.ofMinutes(5));
        String csv = "phoneNumber,reason\n+14155550761,on the national list\n+14155550762,on the national list\n";

        JsonNode first = send(csv, Map.of(), 200);
        JsonNode again = send(csv, Map.of(), 200);

        assertThat(first.path("added").asInt()).isEqualTo(1);
        assertThat(first.path("refreshed").asInt()).isEqualTo(1);
        assertThat(again.path("added").asInt()).isZero();
        assertThat(again.path("refreshed").asInt()).isEqualTo(2);
        Suppression refreshed = stored("+14155550761");
        assertThat(refreshed.reason()).as("the person's own request is kept").isEqualTo("pressed 9");
        assertThat(refreshed.source()).isEqualTo("keypress");
        assertThat(refreshed.addedAt()).isEqualTo(pressed);
        assertThat(refreshed.callId()).isEqualTo("call-1");
        assertThat(refreshed.digit()).isEqualTo("9");
        assertThat(list.findAll(List.of("+14155550761", "+14155550762"))).hasSize(2);
    }

    @Test
    void aReimportNeverShortensAnEntryThatSuppressesNow() {
        Instant inAWeek = clock.instant().plus(Duration.ofDays(7));
        list.put(new Suppression("+14155550781", "asked by phone", "support", null, clock.instant(), null, null));
        list.put(new Suppression("+14155550782", "asked by phone", "support", inAWeek, clock.instant(), null, null));
        String tomorrow = clock.instant().plus(Duration.ofDays(1)).toString();
        String inAMonth = clock.instant().plus(Duration.ofDays(30)).toString();

        send("phoneNumber,reason,expiresAt\n+14155550781,national list," + tomorrow + "\n+14155550782,national list,"
                + inAMonth + "\n", Map.of(), 200);

        assertThat(stored("+14155550781").expiresAt()).as("forever stays forever").isNull();
        assertThat(stored("+14155550781").reason()).isEqualTo("national list");
        assertThat(stored("+14155550782").expiresAt()).as("a later expiry lengthens it").isEqualTo(Instant.parse(inAMonth));
    }

    /** The largest file taken, written in batches: 10,000 numbers stored, and the next row refused whole. */
    @Test
    void tenThousandNumbersAreImportedInBatchesAndOneMoreRowIsTooMany() {
        StringBuilder csv = new StringBuilder("phoneNumber,reason\n");
        IntStream.range(0, 10_000).forEach(i -> csv.append(String.format("+1212555%04d,bulk%n", i)));
        long started = System.nanoTime();
        JsonNode imported = send(csv.toString(), Map.of(), 200);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("imported 10,000 numbers in " + millis + " ms");
        assertThat(imported.path("accepted").asInt()).as(imported.path("rejects").toString()).isEqualTo(10_000);
        assertThat(list.findAll(List.of("+12125550000", "+12125554999", "+12125559999"))).hasSize(3);
        assertThat(list.page("bulk", 200, null).items()).hasSize(200);

        csv.append("+12125550000,one too many\n");
        assertThat(refused(upload(csv.toString(), false, Map.of(), Map.of())).path("code").asText()).isEqualTo("TOO_MANY_ROWS");
    }
}
