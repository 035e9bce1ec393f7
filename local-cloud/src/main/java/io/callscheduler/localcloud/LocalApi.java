package io.callscheduler.localcloud;

import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.usage.AwsUsage;
import io.callscheduler.localcloud.apigateway.LocalApiGateway;
import io.callscheduler.localcloud.apigateway.LocalApiKey;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.metrics.LocalMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The API as API Gateway serves it (pushed onto {@code resources} once it runs), each request billed and passed to its function in the Lambda emulator;
 * with its key (when a route requires one) and the local pages of metrics and usage since start.
 *
 * @param key the key the routes require, or null when they require none
 */
record LocalApi(LocalApiGateway gateway, String key) {

    static LocalApi start(LocalCloudOptions options, LocalPorts ports, Path data, List<LocalApiGateway.Binding> routes,
                          SamTemplate.Api api, LambdaEmulator lambda, AwsUsage usage, Instant startedAt,
                          Deque<AutoCloseable> resources, Consumer<String> step) throws IOException {
        String apiKey = null;
        long keyed = routes.stream().filter(LocalApiGateway.Binding::apiKeyRequired).count();
        if (keyed > 0) {
            apiKey = LocalApiKey.loadOrCreate(data);
            step.accept("API key required by " + keyed + " of " + routes.size() + " routes (ApiKeyRequired); kept in "
                    + data.resolve(LocalApiKey.FILE_NAME));
        }
        step.accept("Starting the API on port " + options.apiPort() + " (" + routes.size() + " routes)");
        // A request API Gateway passes to a function: billed per request, then the function's invocation.
        LocalApiGateway.Invoker invokeThroughApi = (function, payload) -> {
            usage.request("apigateway", "Request");
            return lambda.invoke(function, payload);
        };
        String key = apiKey;
        LocalApiGateway gateway = ports.bind("--api-port", options.apiPort(), () -> LocalApiGateway.start(options.host(),
                options.apiPort(), routes, api, invokeThroughApi, LocalCloud.ACCOUNT, key));
        resources.push(gateway);
        gateway.addLocalPage(LocalCloud.METRICS_PATH, () -> Map.of("since", startedAt.toString(),
                "namespace", "CallScheduler", "metrics", LocalMetrics.SHARED.snapshot()));
        gateway.addLocalPage(LocalCloud.USAGE_PATH, () -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("since", startedAt.toString());
            page.putAll(usage.snapshot());
            return page;
        });
        return new LocalApi(gateway, key);
    }
}
