package io.callscheduler.config;

import io.callscheduler.dialwaiter.DialWaiter;
import io.callscheduler.dialwaiter.lambda.LambdaDispatchHandover;
import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.snapstart.SnapStartHooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dial waiter's wiring, apart from {@link Services}: at 128 MB it builds and primes only the Lambda client
 * it uses, not the DynamoDB and Scheduler clients every other function shares (their classes cost memory).
 */
public final class DialWaiterServices {
    /**
     * How long the synchronous invoke may wait for dispatch's answer: longer than the dispatch function's
     * Timeout (200 s in template.yaml), so that a long dispatch run is not retried while it still runs.
     */
    public static final Duration DISPATCH_RESPONSE_TIMEOUT = Duration.ofSeconds(210);

    private DialWaiterServices() {
    }

    public static DialWaiter dialWaiter(Map<String, String> environment) {
        AppConfig config = new AppConfig(environment);
        AwsClients clients = new AwsClients(environment);
        String function = environment.get("AWS_LAMBDA_FUNCTION_NAME");
        if (function != null && !function.isBlank()) {
            // SnapStart (as Services does): prime the invoke path before the snapshot, renew credentials after a restore.
            new SnapStartHooks(List.of(clients::primeLambdaWithoutNetwork,
                    () -> DispatchEvents.fromJson(DispatchEvents.toJson(new DispatchRequest("priming", Instant.EPOCH, "priming"))
                            .getBytes(StandardCharsets.UTF_8))),
                    List.of(clients::renewCredentials)).register();
        }
        return new DialWaiter(Clock.systemUTC(), io.callscheduler.domain.Sleeper.REAL, config.dialClaimLead(), config.dialHandover(),
                new LambdaDispatchHandover(clients.lambda(DISPATCH_RESPONSE_TIMEOUT), config.dispatchFunctionArn()));
    }
}
