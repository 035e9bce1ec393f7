package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code PATCH /campaigns/{id}}: changes the members given (window, pacing, message, redial, dates, name) while DRAFT, RUNNING or PAUSED; 409 once over. */
public final class UpdateCampaignHandler extends CampaignApiHandler {

    public UpdateCampaignHandler() {
        this(System.getenv());
    }

    public UpdateCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    UpdateCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        String id = ApiRequests.campaignId(event);
        return responses.json(200, json(campaigns.edit(id, request(event))));
    }
}
