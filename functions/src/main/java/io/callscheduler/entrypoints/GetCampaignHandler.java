package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code GET /campaigns/{id}}: the campaign and its progress (exact counts per outcome, percent done, dials a minute, ETA). */
public final class GetCampaignHandler extends CampaignApiHandler {

    public GetCampaignHandler() {
        this(System.getenv());
    }

    public GetCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    GetCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, json(campaigns.get(ApiRequests.campaignId(event))));
    }
}
