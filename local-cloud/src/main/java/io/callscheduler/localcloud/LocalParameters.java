package io.callscheduler.localcloud;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The template's parameters, resolved for local use; the user's --parameter-overrides win, as with sam deploy. */
final class LocalParameters {
    private LocalParameters() {
    }

    static Map<String, String> of(LocalCloudOptions options, URI apiUrl) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("AllowedOrigin", options.effectiveAllowedOrigin());
        // The simulator's URL when it runs; it is known before it starts, as its port is fixed.
        String simulatorUrl = "http://localhost:" + options.callApiPort();
        parameters.put("CallApiUrl", options.callApiUrl() != null ? options.callApiUrl() : simulatorUrl);
        // The local Scheduler fires on time unless told to fire as AWS does: no need to wait a minute per call.
        if (!options.awsSchedulerTiming()) {
            parameters.put("DialPrecision", "minute");
        }
        // Providers post status callbacks to the local API. Without an account, "Twilio" is the simulator.
        parameters.put("PublicApiUrl", apiUrl.toString());
        if (options.callApiUrl() == null && !LocalProvider.realTwilioAccount()
                && !options.parameterOverrides().containsKey("ProviderSecretArn")) {
            parameters.put("TwilioApiBaseUrl", simulatorUrl);
            parameters.put("TwilioFromNumber", LocalProvider.SIMULATOR_FROM_NUMBER);
        }
        // Webhooks to a receiver on this machine (http://localhost:...), which AWS refuses.
        parameters.put("AllowLoopbackWebhooks", "true");
        parameters.putAll(options.parameterOverrides()); // the user's word wins, as with sam deploy
        return parameters;
    }
}
