package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignService;

import java.util.Map;

/** {@code POST /campaigns}: a new DRAFT campaign; 201 with it and its Location. */
public final class CreateCampaignHandler extends CampaignApiHandler {

    public CreateCampaignHandler() {
        this(System.getenv());
    }

    public CreateCampaignHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CreateCampaignHandler(CampaignService campaigns, String allowedOrigin) {
        super(campaigns, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        var campaign = campaigns.create(request(event));
        return responses.created(json(campaign), ApiResponses.locationOf(event, campaign.id()));
    }
}
