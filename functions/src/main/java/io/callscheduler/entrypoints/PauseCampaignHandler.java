package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code POST /campaigns/{id}/pause}: RUNNING → PAUSED; from the answer on no call of it starts dialing. */
public final class PauseCampaignHandler extends CampaignApiHandler {

    public PauseCampaignHandler() {
        this(System.getenv());
    }

    public PauseCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    PauseCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, json(campaigns.pause(ApiRequests.campaignId(event))));
    }
}
