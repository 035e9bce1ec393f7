package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.secrets.ProviderSecretsException;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.telephony.ProviderCall;

import java.util.Map;
import java.util.Objects;

/**
 * Base of the provider status webhooks. No API key (a provider cannot send one): the provider's signature is
 * the authentication, and an invalid or missing one is answered 403 with nothing changed. Accepted,
 * duplicate, stale and unknown-call callbacks are all answered 200, so the provider does not retry them; a
 * backing service that fails is answered 503, so it does.
 */
abstract class WebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final System.Logger LOG = System.getLogger(WebhookHandler.class.getName());
    final ProviderCallbacks callbacks;
    final ProviderSecrets secrets;
    private final RecordedMetrics metrics;
    /** The provider as the metrics name it: {@code twilio}, {@code generic}. */
    private final String provider;

    WebhookHandler(ProviderCallbacks callbacks, ProviderSecrets secrets, RecordedMetrics metrics, String provider) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        // No call id in the log context yet: it comes from the request, which nothing vouches for before its signature.
        return AnswerObserver.observed(event, InvocationLogging.around(context, Map.of(), () -> handleLogged(event)));
    }

    /** Applies a callback whose signature held: from here on the invocation's lines name the call. */
    final APIGatewayProxyResponseEvent apply(String callId, int round, ProviderCall seen, Long sequence) {
        InvocationLogging.aboutCall(callId);
        return accepted(callbacks.accept(callId, round, seen, sequence));
    }

    private APIGatewayProxyResponseEvent handleLogged(APIGatewayProxyRequestEvent event) {
        try {
            APIGatewayProxyResponseEvent response = handle(event);
            metrics.callback(provider, response.getStatusCode() != 403);
            return response;
        } catch (ProviderSecretsException | DependencyUnavailableException | ConcurrentUpdateException e) {
            LOG.log(System.Logger.Level.ERROR, "status callback could not be processed; the provider will retry it", e);
            return response(503, "SERVICE_UNAVAILABLE", null, "a backing service is unavailable; try again shortly");
        } finally {
            metrics.publish();
        }
    }

    abstract APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event);

    static APIGatewayProxyResponseEvent accepted(ProviderCallbacks.Outcome outcome) {
        ObjectNode body = CallJson.MAPPER.createObjectNode().put("outcome", outcome.name());
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8")).withBody(body.toString());
    }

    static APIGatewayProxyResponseEvent response(int status, String code, String field, String message) {
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return new APIGatewayProxyResponseEvent().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8")).withBody(body.toString());
    }

    static APIGatewayProxyResponseEvent forbidden(String header) {
        LOG.log(System.Logger.Level.WARNING, "status callback refused: invalid or missing " + header);
        return response(403, "INVALID_SIGNATURE", header, header + " is missing or does not match the request");
    }

    static Long sequence(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer seconds(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
