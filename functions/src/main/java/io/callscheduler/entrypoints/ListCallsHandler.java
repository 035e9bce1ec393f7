package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /calls?view=&status=&q=&limit=&nextToken=}: one page of calls. {@code view} is one of the page's views
 * ({@code now}, {@code upcoming}, {@code history}: see {@link io.callscheduler.store.CallView}); without it, all calls,
 * with {@code status=SCHEDULED} the soonest first, otherwise the most recently scheduled first. {@code campaignId}
 * lists one campaign's calls instead, newest first. {@code status} takes
 * one status or several, comma-separated; {@code q} searches contact names (ignoring case and accents) and numbers.
 */
public final class ListCallsHandler extends ApiHandler {
    private static final Set<String> PARAMETERS = Set.of("view", "status", "q", "limit", "nextToken",
            "campaignId");
    /** The campaigns, for {@code campaignId=}; built only when a request filters by it. */
    private final java.util.function.Supplier<io.callscheduler.domain.campaigns.CampaignService> campaigns;

    public ListCallsHandler() {
        this(System.getenv());
    }

    public ListCallsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private ListCallsHandler(Services services) {
        super(services);
        this.campaigns = () -> services.campaigns().service();
    }

    ListCallsHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
        this.campaigns = () -> {
            throw new IllegalStateException("no campaigns in this test");
        };
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        String campaignId = ApiRequests.query(event, "campaignId");
        if (campaignId != null && !ApiRequests.isId(campaignId)) {
            throw new ApiException(404, "NOT_FOUND", "campaignId", "no campaign with id '" + ApiRequests.abbreviate(campaignId) + "'");
        }
        if (campaignId != null) {
            if (ApiRequests.query(event, "view") != null) {
                throw new ApiException(400, "CONFLICTING_FIELDS", "view", "campaignId lists a campaign's calls, newest "
                        + "first; it takes status, q, limit and nextToken, not view");
            }
            return responses.json(200, CallJson.page(campaigns.get().calls(campaignId, ApiRequests.query(event, "status"),
                    ApiRequests.query(event, "q"), ApiRequests.query(event, "limit"), ApiRequests.query(event, "nextToken"))));
        }
        return responses.json(200, CallJson.page(calls.list(ApiRequests.query(event, "view"),
                ApiRequests.query(event, "status"),
                ApiRequests.query(event, "q"), ApiRequests.query(event, "limit"), ApiRequests.query(event, "nextToken"))));
    }
}
