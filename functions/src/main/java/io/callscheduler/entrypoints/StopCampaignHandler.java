package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code POST /campaigns/{id}/stop}: → STOPPED; remaining contacts and calls not yet dialed end CANCELED, calls ringing finish. */
public final class StopCampaignHandler extends CampaignApiHandler {

    public StopCampaignHandler() {
        this(System.getenv());
    }

    public StopCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    StopCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, json(campaigns.stop(ApiRequests.campaignId(event))));
    }
}
