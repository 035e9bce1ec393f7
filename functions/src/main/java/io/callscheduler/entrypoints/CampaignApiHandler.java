package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.RedialRequest;
import io.callscheduler.domain.campaigns.CampaignService;
import io.callscheduler.domain.campaigns.NewCampaignRequest;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Base of the campaign routes' handlers (one subclass per route), with the three constructors every handler has: the
 * Lambda runtime's, the local cloud's (an environment) and the tests' (the service itself).
 */
abstract class CampaignApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** The members a create or an edit may give. */
    static final Set<String> FIELDS = Set.of("name", "message", "twimlUrl", "voice", "language", "callerId",
            "callingHours", "callingDays", "maxCallsPerSecond", "maxConcurrentCalls", "redial.*", "startAt", "endAt", "optOutDigit");
    /** optOutDigit may come as 9 or "9". */
    private static final Set<String> NUMBERS = Set.of("maxCallsPerSecond", "maxConcurrentCalls", "optOutDigit");

    final CampaignService campaigns;
    final ApiResponses responses;

    CampaignApiHandler(Services services) {
        this(services.campaigns().service(), services.config().allowedOrigin());
    }

    CampaignApiHandler(CampaignService campaigns, String allowedOrigin) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.responses = new ApiResponses(allowedOrigin);
    }

    @Override
    public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return responses.serve(event, context, Map.of(), () -> handle(event));
    }

    abstract APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event);

    /** One campaign as answered: its counts, its dials a minute and its ETA. */
    com.fasterxml.jackson.databind.node.ObjectNode json(io.callscheduler.model.Campaign campaign) {
        return CampaignJson.full(campaign, campaigns.progress(campaign));
    }

    static NewCampaignRequest request(APIGatewayProxyRequestEvent event) {
        Map<String, String> body = ApiRequests.stringFields(event, FIELDS, NUMBERS);
        RedialRequest redial = Redials.fromFields(body);
        return new NewCampaignRequest(body.get("name"), body.get("message"), body.get("twimlUrl"), body.get("voice"),
                body.get("language"), body.get("callerId"), body.get("callingHours"), body.get("callingDays"),
                body.get("maxCallsPerSecond"), body.get("maxConcurrentCalls"), redial, body.get("startAt"),
                body.get("endAt"), body.get("optOutDigit"));
    }
}
