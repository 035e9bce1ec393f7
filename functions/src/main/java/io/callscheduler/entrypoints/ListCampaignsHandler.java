package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code GET /campaigns?limit=&nextToken=}: campaigns, newest first, each with its progress. */
public final class ListCampaignsHandler extends CampaignApiHandler {

    public ListCampaignsHandler() {
        this(System.getenv());
    }

    public ListCampaignsHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ListCampaignsHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, java.util.Set.of("limit", "nextToken"));
        return responses.json(200, CampaignJson.page(campaigns.list(ApiRequests.query(event, "limit"),
                ApiRequests.query(event, "nextToken"))));
    }
}
