package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.campaigns.results.PageBody;
import io.callscheduler.campaigns.results.ResultsExport;
import io.callscheduler.config.Services;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /campaigns/{id}/results.csv?limit=&nextToken=}: one page of a campaign's results CSV (at most 5,000 rows,
 * and under Lambda's 6 MB response), the header row on the first page only, and a {@code Link: <...>; rel="next"}
 * header naming the next page while there is one, so that pages fetched in turn concatenate into one file.
 */
public final class CampaignResultsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Set<String> PARAMETERS = Set.of("limit", "nextToken");

    private final ResultsExport results;
    private final ApiResponses responses;
    private final long budget;

    public CampaignResultsHandler() {
        this(System.getenv());
    }

    public CampaignResultsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private CampaignResultsHandler(Services services) {
        this(services.campaigns().results(), services.config().allowedOrigin(), PageBody.LAMBDA_RESPONSE_BUDGET);
    }

    /** Tests: the export itself, and a page's byte budget. */
    CampaignResultsHandler(ResultsExport results, String allowedOrigin, long budget) {
        this.results = Objects.requireNonNull(results, "results");
        this.responses = new ApiResponses(allowedOrigin);
        this.budget = budget;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return responses.serve(event, context, Map.of(), () -> handle(event));
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        String id = ApiRequests.campaignId(event);
        String limit = ApiRequests.query(event, "limit");
        PageBody body = new PageBody(budget);
        ResultsExport.Written page = results.write(id, limit, ApiRequests.query(event, "nextToken"), body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", Downloads.attachment(page.campaign().name(), "campaign " + id, " results.csv"));
        if (page.nextToken() != null) {
            // The token is base64url and the limit was read as a number: neither needs escaping in the URL.
            headers.put("Link", "<" + requestPath(event) + "?nextToken=" + page.nextToken()
                    + (limit == null ? "" : "&limit=" + Integer.parseInt(limit.strip())) + ">; rel=\"next\"");
        }
        return responses.csv(body.text(), headers);
    }

    /** The request's own path, with API Gateway's stage prefix when it has one: the next page is the same path. */
    private static String requestPath(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext() != null && event.getRequestContext().getPath() != null
                ? event.getRequestContext().getPath() : event.getPath();
    }
}
