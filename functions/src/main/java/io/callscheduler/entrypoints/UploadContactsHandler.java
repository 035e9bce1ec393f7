package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.campaigns.contacts.ImportReport;
import io.callscheduler.campaigns.contacts.Reject;
import io.callscheduler.config.Services;
import io.callscheduler.csv.CsvFileException;
import io.callscheduler.csv.CsvTable;
import io.callscheduler.domain.campaigns.ContactUploads;
import io.callscheduler.model.ContactUploadAnswer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /campaigns/{id}/contacts}: a {@code text/csv} body checked and, unless {@code ?dryRun=true}, its accepted
 * rows added; 201 (200 for a dry run) with the report, or with {@code Accept: text/csv} its rejects as CSV. A file
 * refused whole is a 400 naming its {@code line}.
 */
public final class UploadContactsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Set<String> PARAMETERS = Set.of("dryRun", "defaultRegion");

    private final ContactUploads uploads;
    private final ApiResponses responses;

    public UploadContactsHandler() {
        this(System.getenv());
    }

    public UploadContactsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private UploadContactsHandler(Services services) {
        this(services.contactUploads(), services.config().allowedOrigin());
    }

    UploadContactsHandler(ContactUploads uploads, String allowedOrigin) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.responses = new ApiResponses(allowedOrigin);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return responses.serve(event, context, Map.of(), () -> handle(event));
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        String campaignId = ApiRequests.campaignId(event);
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        boolean dryRun = dryRun(ApiRequests.query(event, "dryRun"));
        ContactUploads.Answered answered = uploads.upload(new ContactUploads.Upload(campaignId, file(event), dryRun,
                ApiRequests.query(event, "defaultRegion"), ApiRequests.header(event, ContactUploads.IDEMPOTENCY_KEY)));
        ContactUploadAnswer answer = answered.answer();
        int status = answer.dryRun() ? 200 : 201;
        String accept = ApiRequests.header(event, "Accept");
        APIGatewayProxyResponseEvent response = accept != null && accept.contains("text/csv")
                ? responses.csv(status, rejectsCsv(answer.rejects())) : responses.json(status, json(answer));
        if (answered.replayed()) {
            response.getHeaders().put("Idempotent-Replayed", "true");
        }
        return response;
    }

    private static boolean dryRun(String given) {
        if (given == null || given.equals("false")) {
            return false;
        }
        if (given.equals("true")) {
            return true;
        }
        throw new ApiException(400, "INVALID_VALUE", "dryRun", "dryRun must be true (check the file, import nothing)"
                + " or false");
    }

    /**
     * The file's bytes. API Gateway passes a text/csv body as a string it decoded as UTF-8, so a file that was not
     * UTF-8 arrives with U+FFFD replacement characters: refused as not UTF-8, naming the line, as the raw bytes would
     * be. A base64 body (binary media types) is decoded and checked strictly by the CSV reader.
     */
    static byte[] file(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0]; // refused by the reader as EMPTY_FILE
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "MALFORMED_BODY", CsvTable.BODY, "the body is marked base64 but is not");
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int replaced = body.indexOf('\uFFFD');
        if (replaced >= 0 && bytes.length <= CsvTable.MAX_BYTES) {
            long line = 1 + body.substring(0, replaced).chars().filter(c -> c == '\n').count();
            throw new CsvFileException(CsvTable.BODY, "NOT_UTF8", line, "line " + line + " is not UTF-8 (it holds"
                    + " a character that could not be read): save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\"");
        }
        return bytes;
    }

    static ObjectNode json(ContactUploadAnswer answer) {
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        body.put("dryRun", answer.dryRun());
        body.put("rows", answer.rows());
        body.put("accepted", answer.accepted());
        body.put("rejected", answer.rejected());
        body.put("duplicates", answer.duplicates());
        body.put("suppressed", answer.suppressed());
        body.put("imported", answer.imported());
        ArrayNode rejects = body.putArray("rejects");
        for (Reject reject : answer.rejects().subList(0, Math.min(answer.rejects().size(), MAX_JSON_REJECTS))) {
            rejects.addObject().put("row", reject.row()).put("column", reject.column())
                    .put("code", reject.code().name()).put("message", reject.message());
        }
        if (answer.rejectsOmitted() || answer.rejects().size() > MAX_JSON_REJECTS) {
            body.put("rejectsOmitted", true); // the answer stays far below Lambda's 6 MB; all of them: Accept: text/csv
        }
        return body;
    }

    /** Rejects listed in a JSON answer; the CSV answer lists up to {@value #MAX_CSV_REJECTS}. */
    static final int MAX_JSON_REJECTS = 1_000;
    static final int MAX_CSV_REJECTS = 20_000;

    private static String rejectsCsv(List<Reject> all) {
        List<Reject> rejects = all.subList(0, Math.min(all.size(), MAX_CSV_REJECTS));
        StringWriter out = new StringWriter();
        try {
            new ImportReport(0, 0, 0, 0, 0, List.of(), rejects).writeRejectsCsv(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        return out.toString();
    }
}
