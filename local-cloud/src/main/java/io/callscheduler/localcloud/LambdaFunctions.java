package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.localcloud.apigateway.LocalApiGateway;
import io.callscheduler.localcloud.runtime.JavaHandlers;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.simulator.CallApiSimulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template's functions, registered with the Lambda emulator that runs them in this JVM. */
final class LambdaFunctions {
    private LambdaFunctions() {
    }

    /**
     * What each function gets locally besides its template environment: {@link #localAwsSettings}, the
     * provider's secrets, LOCAL_METRICS and DIALS_CUT_OFF_BEFORE.
     *
     * @param simulator the started simulator, or null when an external Call API is used
     * @param startedAt when this local cloud started
     */
    static Map<String, String> localEnvironment(int awsPort, AwsEndpoint.Credentials awsCredentials, URI dynamoDbLocal,
                                                CallApiSimulator simulator, java.time.Instant startedAt) {
        Map<String, String> environment = localAwsSettings(awsPort, awsCredentials, dynamoDbLocal);
        environment.putAll(LocalProvider.secrets(simulator));
        // What CloudWatch would receive goes to this JVM's sink instead, shown on /_local/metrics.
        environment.put("LOCAL_METRICS", "true");
        // The data directory's lock makes this the only process dispatching for its data: a dial claimed before it
        // started died with the previous one, so the status sync reclaims it at once, not after minutes.
        environment.put("DIALS_CUT_OFF_BEFORE", startedAt.toString());
        return environment;
    }

    /**
     * What Lambda itself would give each function: a region, credentials, and (here) the local endpoints.
     * DynamoDB goes straight to DynamoDB Local, one hop shorter than through the shared endpoint.
     *
     * @param awsCredentials what the AWS endpoint requires, or null when it takes any
     */
    private static Map<String, String> localAwsSettings(int awsPort, AwsEndpoint.Credentials awsCredentials, URI dynamoDbLocal) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AWS_REGION", LocalCloud.REGION);
        settings.put("AWS_DEFAULT_REGION", LocalCloud.REGION);
        settings.put("AWS_ACCESS_KEY_ID", awsCredentials == null ? "test" : awsCredentials.accessKeyId());
        settings.put("AWS_SECRET_ACCESS_KEY", awsCredentials == null ? "test" : awsCredentials.secretAccessKey());
        settings.put("AWS_ENDPOINT_URL", "http://localhost:" + awsPort);
        settings.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbLocal.toString());
        return settings;
    }

    /**
     * Registers each function with its template environment plus {@code localAws}, its alias and its
     * on-failure queue.
     *
     * @return the API routes of the functions, for the API
     */
    static List<LocalApiGateway.Binding> register(List<SamTemplate.Function> functions, Map<String, String> localAws,
                                                  SamTemplate template, LambdaEmulator lambda, SqsEmulator sqs) {
        List<LocalApiGateway.Binding> routes = new ArrayList<>();
        for (SamTemplate.Function function : functions) {
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.putAll(localAws);
            lambda.register(new LambdaEmulator.FunctionInfo(function.name(), function.handler(), function.runtime(),
                            function.memoryMb(), function.timeoutSeconds(), Map.copyOf(environment),
                            function.reservedConcurrency()),
                    JavaHandlers.load(function, lambda.arnOf(function.name()), environment));
            if (function.alias() != null) {
                lambda.alias(function.name(), function.alias()); // what SnapStart's published version is reached by
            }
            if (function.onFailureQueueLogicalId() != null) {
                lambda.onAsyncFailure(function.name(), template.queueArn(function.onFailureQueueLogicalId()), sqs);
            }
            routes.addAll(LocalApiGateway.Binding.of(function, template.api()));
        }
        return routes;
    }
}
