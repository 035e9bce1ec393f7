package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code POST /campaigns/{id}/resume}: PAUSED → RUNNING; the held calls get new slots at its pace. */
public final class ResumeCampaignHandler extends CampaignApiHandler {

    public ResumeCampaignHandler() {
        this(System.getenv());
    }

    public ResumeCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ResumeCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, json(campaigns.resume(ApiRequests.campaignId(event))));
    }
}
