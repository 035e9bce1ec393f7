package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.config.Services;
import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.telephony.generic.GenericCallApi;
import io.callscheduler.webhooks.FormBodies;
import io.callscheduler.webhooks.GenericSignatures;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /webhooks/generic/status}: the generic contract's callbacks, a JSON call ({@code id},
 * {@code status}, {@code error}, {@code duration}, {@code sequence}, {@code metadata.callId}) signed with
 * {@code X-Call-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 */
public final class GenericStatusWebhookHandler extends WebhookHandler {

    public GenericStatusWebhookHandler() {
        this(System.getenv());
    }

    public GenericStatusWebhookHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private GenericStatusWebhookHandler(Services services) {
        this(services.providerCallbacks(), services.providerSecrets(), services.metrics());
    }

    GenericStatusWebhookHandler(ProviderCallbacks callbacks, ProviderSecrets secrets) {
        this(callbacks, secrets, new RecordedMetrics(RecordedMetrics.Publisher.NONE));
    }

    GenericStatusWebhookHandler(ProviderCallbacks callbacks, ProviderSecrets secrets, RecordedMetrics metrics) {
        super(callbacks, secrets, metrics, "generic");
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        byte[] body = FormBodies.raw(event);
        if (!GenericSignatures.isValid(secrets.get("callbackSigningSecret"), body,
                ApiRequests.header(event, GenericSignatures.HEADER))) {
            return forbidden(GenericSignatures.HEADER);
        }
        JsonNode json;
        ProviderCall seen;
        try {
            json = CallJson.MAPPER.readTree(body);
            seen = GenericCallApi.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8), "callback");
        } catch (IOException | CallApiException e) {
            return response(400, "INVALID_BODY", null, "a status callback is a JSON call with id and status");
        }
        String callId = json.path("metadata").path("callId").asText(null);
        if (callId == null) {
            return accepted(ProviderCallbacks.Outcome.UNKNOWN_CALL);
        }
        int round = json.path("metadata").path("round").asInt(1);
        return apply(callId, round, seen, json.hasNonNull("sequence") ? json.get("sequence").asLong() : null);
    }
}
