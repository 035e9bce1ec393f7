package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.ContactUploads;
import io.callscheduler.model.ContactUploadAnswer;

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
        this(services.campaigns().uploads(), services.config().allowedOrigin());
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
        boolean dryRun = CsvImportRequests.dryRun(event);
        ContactUploads.Answered answered = uploads.upload(new ContactUploads.Upload(campaignId, CsvImportRequests.file(event), dryRun,
                ApiRequests.query(event, "defaultRegion"), ApiRequests.header(event, ContactUploads.IDEMPOTENCY_KEY)));
        ContactUploadAnswer answer = answered.answer();
        int status = answer.dryRun() ? 200 : 201;
        String accept = ApiRequests.header(event, "Accept");
        APIGatewayProxyResponseEvent response = accept != null && accept.contains("text/csv")
                ? responses.csv(status, RejectsJson.csv(answer.rejects())) : responses.json(status, json(answer));
        if (answered.replayed()) {
            response.getHeaders().put("Idempotent-Replayed", "true");
        }
        return response;
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
        RejectsJson.put(body, answer.rejects(), answer.rejectsOmitted());
        return body;
    }
}
