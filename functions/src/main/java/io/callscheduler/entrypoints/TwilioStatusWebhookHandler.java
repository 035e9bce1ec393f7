package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.webhooks.CalledUrls;
import io.callscheduler.webhooks.FormBodies;
import io.callscheduler.webhooks.TwilioSignatures;

import java.util.Map;

/**
 * {@code POST /webhooks/twilio/status?callId=...}: Twilio's status callbacks (form-encoded {@code CallSid},
 * {@code CallStatus}, {@code SequenceNumber}, {@code CallDuration}, {@code AnsweredBy}...), checked against
 * {@code X-Twilio-Signature} with the account's Auth Token over the URL Twilio called.
 */
public final class TwilioStatusWebhookHandler extends WebhookHandler {
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    public TwilioStatusWebhookHandler() {
        this(System.getenv());
    }

    public TwilioStatusWebhookHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private TwilioStatusWebhookHandler(Services services) {
        this(services.providerCallbacks(), services.providerSecrets(), services.metrics());
    }

    TwilioStatusWebhookHandler(ProviderCallbacks callbacks, ProviderSecrets secrets) {
        this(callbacks, secrets, new RecordedMetrics(RecordedMetrics.Publisher.NONE));
    }

    TwilioStatusWebhookHandler(ProviderCallbacks callbacks, ProviderSecrets secrets, RecordedMetrics metrics) {
        super(callbacks, secrets, metrics, "twilio");
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        Map<String, String> form = FormBodies.form(FormBodies.raw(event));
        String signature = ApiRequests.header(event, SIGNATURE_HEADER);
        if (!TwilioSignatures.isValid(secrets.get("authToken"), CalledUrls.of(event), form, signature)) {
            return forbidden(SIGNATURE_HEADER);
        }
        String callId = ApiRequests.query(event, "callId");
        String sid = form.get("CallSid");
        String status = form.get("CallStatus");
        if (sid == null || status == null) {
            return response(400, "MISSING_FIELD", sid == null ? "CallSid" : "CallStatus", "a status callback needs CallSid and CallStatus");
        }
        if (callId == null) {
            return accepted(ProviderCallbacks.Outcome.UNKNOWN_CALL); // not a call we placed
        }
        ProviderCall seen = new ProviderCall(sid, status, form.get("ErrorMessage"), seconds(form.get("CallDuration")),
                form.get("AnsweredBy"));
        Long round = sequence(ApiRequests.query(event, "round"));
        return apply(callId, round == null ? 1 : round.intValue(), seen, sequence(form.get("SequenceNumber")));
    }
}
