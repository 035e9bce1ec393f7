package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.optout.KeypressOptOuts;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.secrets.ProviderSecretsException;
import io.callscheduler.telephony.twilio.Twiml;
import io.callscheduler.webhooks.CalledUrls;
import io.callscheduler.webhooks.FormBodies;
import io.callscheduler.webhooks.TwilioSignatures;

import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /webhooks/twilio/opt-out?callId=...}: the action of the {@code <Gather>} after a call's message. Checked
 * like the status callbacks ({@code X-Twilio-Signature} over the URL Twilio called and the form, keyed with the Auth
 * Token): an invalid or missing signature is answered 403 with nothing written. Otherwise the answer is TwiML for the
 * call still on the line: the opt-out key confirms and hangs up, any other key (or none) just hangs up.
 */
public final class TwilioOptOutWebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final String CONFIRMATION = "You will not be called again. Goodbye.";
    static final String GOODBYE = "Goodbye.";
    private static final System.Logger LOG = System.getLogger(TwilioOptOutWebhookHandler.class.getName());

    private final KeypressOptOuts optOuts;
    private final ProviderSecrets secrets;

    public TwilioOptOutWebhookHandler() {
        this(System.getenv());
    }

    public TwilioOptOutWebhookHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private TwilioOptOutWebhookHandler(Services services) {
        this(services.keypressOptOuts(), services.providerSecrets());
    }

    TwilioOptOutWebhookHandler(KeypressOptOuts optOuts, ProviderSecrets secrets) {
        this.optOuts = Objects.requireNonNull(optOuts, "optOuts");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return AnswerObserver.observed(event, InvocationLogging.around(context, Map.of(), () -> {
            try {
                return handle(event);
            } catch (ProviderSecretsException | DependencyUnavailableException e) {
                LOG.log(System.Logger.Level.ERROR, "opt-out could not be recorded; Twilio will retry it", e);
                return WebhookHandler.response(503, "SERVICE_UNAVAILABLE", null, "a backing service is unavailable; try again shortly");
            }
        }));
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        Map<String, String> form = FormBodies.form(FormBodies.raw(event));
        String header = TwilioStatusWebhookHandler.SIGNATURE_HEADER;
        if (!TwilioSignatures.isValid(secrets.get("authToken"), CalledUrls.of(event), form, ApiRequests.header(event, header))) {
            return WebhookHandler.forbidden(header);
        }
        String callId = ApiRequests.query(event, "callId");
        if (callId != null) {
            InvocationLogging.aboutCall(callId);
        }
        KeypressOptOuts.Outcome outcome = optOuts.press(callId, form.get("CallSid"), form.get("Digits"));
        LOG.log(System.Logger.Level.INFO, "key pressed for call " + callId + ": " + outcome);
        String twiml = Twiml.sayAndHangUp(outcome == KeypressOptOuts.Outcome.OPTED_OUT ? CONFIRMATION : GOODBYE);
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/xml; charset=utf-8")).withBody(twiml);
    }
}
