package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code POST /campaigns/{id}/start}: DRAFT → RUNNING; 409 naming the state otherwise. */
public final class StartCampaignHandler extends CampaignApiHandler {

    public StartCampaignHandler() {
        this(System.getenv());
    }

    public StartCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    StartCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, json(campaigns.start(ApiRequests.campaignId(event))));
    }
}
