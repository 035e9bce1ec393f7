package io.callscheduler.domain.dispatch;

import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;

/**
 * Asks the provider whether a request of the call's current try placed a call: by its idempotency key, or (Twilio)
 * among the calls to the same number since the try's first request.
 */
final class ProviderLookup {
    private final CallApi callApi;
    private final CallMetrics metrics;

    ProviderLookup(CallApi callApi, CallMetrics metrics) {
        this.callApi = callApi;
        this.metrics = metrics;
    }

    /**
     * What the provider said: the call it placed, nothing, or why it could not be asked.
     *
     * @param found   the provider's call, or null
     * @param problem why the provider could not be asked, or null when it answered
     */
    record Answer(ProviderCall found, String problem) {
        boolean placedNothing() {
            return found == null && problem == null;
        }
    }

    Answer ask(Call call) {
        try {
            return new Answer(callApi.findPlaced(DialRequest.of(call)).orElse(null), null);
        } catch (CallApiException e) {
            if (e.wasNotSent()) {
                metrics.providerError(CallMetrics.ProviderErrorKind.CREDENTIALS);
            }
            return new Answer(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Answer(null, "unexpected failure: " + e);
        }
    }

    /** Whether a request whose answer was lost may be sent again without asking first. */
    boolean resendIsSafe() {
        return callApi.idempotentCreates();
    }
}
