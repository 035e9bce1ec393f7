package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SchedulerEmulator;
import io.callscheduler.emulators.usage.AwsUsage;
import io.callscheduler.localcloud.apigateway.LocalApiGateway;
import io.callscheduler.localcloud.data.DataFolder;
import io.callscheduler.localcloud.data.LocalSecrets;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.localcloud.web.WebsiteServer;
import io.callscheduler.metrics.LocalMetrics;
import io.callscheduler.simulator.CallApiSimulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine, from {@code template.yaml}: DynamoDB Local on disk; one AWS endpoint
 * (DynamoDB, EventBridge Scheduler that fires, Lambda running every function of the template in this JVM,
 * SQS); the API as {@code sam local start-api} serves it; the web page; and a Call API simulator unless a
 * Call API is configured. Everything persists under the data directory, so a restart finds every call,
 * schedule and dead letter where it was, and schedules that came due meanwhile fire at once.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    /** The functions' metrics since start, as CloudWatch would hold them, on the API's port. */
    public static final String METRICS_PATH = "/_local/metrics";
    /** What AWS would bill for since start (requests, DynamoDB request units, Lambda GB-seconds), on the API's port. */
    public static final String USAGE_PATH = "/_local/usage";

    private final LocalCloudOptions options;
    /** Everything started, to stop newest first. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final StartupProgress progress;
    private final LocalPorts ports;
    private final Instant startedAt = Instant.now();
    private final AwsUsage usage = new AwsUsage();
    private Duration startupTime;
    /** Whether the data directory held tables already: a restart, with work the last stop may have cut off. */
    private boolean restarted;
    private SamTemplate template;
    private DynamoDbLocalServer dynamoDb;
    private LocalAwsServices aws;
    private CallApiSimulator simulator;
    private URI callApiUrl;
    private WebsiteServer website;
    private LocalApiGateway api;
    /** The key the API's routes require, or null when they require none. */
    private String apiKey;

    private LocalCloud(LocalCloudOptions options, PrintStream progress) {
        this.options = options;
        this.progress = new StartupProgress(progress);
        this.ports = new LocalPorts(options);
    }

    /**
     * Starts everything and returns once the system is ready.
     *
     * @param progress where progress lines go (one per step)
     * @throws LocalCloudException with a message for the user (a port in use, a locked data directory, a
     *                             template that cannot be run); everything started so far is stopped
     */
    public static LocalCloud start(LocalCloudOptions options, PrintStream progress) {
        LocalCloud cloud = new LocalCloud(options, progress);
        try {
            cloud.startAll();
            return cloud;
        } catch (LocalCloudException e) {
            cloud.close();
            throw e;
        } catch (Exception e) {
            cloud.close();
            throw new LocalCloudException("could not start: " + e, e);
        }
    }

    private void startAll() throws Exception {
        ports.checkFree();
        DataFolder folder = DataFolder.open(options.dataDir(), progress::step);
        resources.push(DataDirectoryLock.acquire(folder));
        LocalSecrets secrets = LocalSecrets.loadOrCreate(folder);
        readTemplate();
        startDynamoDb(folder);
        aws = LocalAwsServices.start(options, ports, folder, template, dynamoDb.uri(), usage, resources, progress::step);
        LocalCallApi callApi = LocalCallApi.start(options, ports, folder, secrets, resources, progress::step);
        simulator = callApi.simulator();
        callApiUrl = callApi.url();

        List<SamTemplate.Function> functions = template.functions(); // resolved once
        progress.step("Loading " + functions.size() + " functions");
        Map<String, String> localAws = LambdaFunctions.localEnvironment(options.awsPort(), aws.credentials, dynamoDb.uri(), simulator,
                startedAt);
        LocalMetrics.SHARED.reset();
        progress.step("Provider: " + template.parameter("CallProvider") + LocalProvider.describe(template, callApiUrl, simulator));
        List<LocalApiGateway.Binding> routes = LambdaFunctions.register(functions, localAws, template, aws.lambda, aws.sqs);
        EventSourceMappings.start(template, aws.lambda, aws.sqs, dynamoDb.uri(), folder.folder("event-source-mappings"),
                resources, progress::step);
        TemplateSchedules.create(functions, options.stackName(), options.statusSyncEvery(), aws.lambda, aws.scheduler,
                progress::step);
        if (options.awsSchedulerTiming()) {
            progress.step("at() schedules fire somewhere within their minute, as on AWS (--scheduler-timing aws)");
        }
        aws.scheduler.startFiring(aws.lambda, aws.sqs);

        progress.step("Starting the web page on port " + options.webPort());
        website = ports.bind("--web-port", options.webPort(), () -> WebsiteServer.start(options.host(), options.webPort(),
                options.webDir(), options.apiPort()));
        resources.push(website);
        LocalApi localApi = LocalApi.start(options, ports, folder.path(), routes, template.api(), aws.lambda, usage, startedAt,
                resources, progress::step);
        api = localApi.gateway();
        apiKey = localApi.key();
        if (restarted) {
            // Not a minute from now: the status sync reclaims the dials the last stop cut off, the runner draws on.
            TemplateSchedules.runOnceNow(functions, aws.lambda, progress::step);
        }
        startupTime = progress.sinceStart();
    }

    private void readTemplate() {
        progress.step("Reading " + options.template().getFileName());
        try {
            template = SamTemplate.read(options.template(), LocalParameters.of(options, apiUrl()),
                    new SamTemplate.Environment(options.stackName(), REGION, ACCOUNT, awsUrl().toString()));
        } catch (SamTemplate.TemplateException e) {
            throw new LocalCloudException(options.template().getFileName() + ": " + e.getMessage()
                    + (options.parameterOverrides().isEmpty() ? "" : " (check --parameter-overrides)"), e);
        }
    }

    private void startDynamoDb(DataFolder folder) throws Exception {
        Path dynamoDbData = folder.folder("dynamodb"); // -dbPath: its database files live behind this 0700 folder
        progress.step("Starting DynamoDB Local (data in " + dynamoDbData + ")");
        dynamoDb = QuietStart.quietly(() -> DynamoDbLocalServer.start(options.host(),
                options.dynamoDbPort() == 0 ? DynamoDbLocalServer.freePort() : options.dynamoDbPort(), dynamoDbData, usage));
        resources.push(dynamoDb);
        for (var table : template.tables().entrySet()) {
            boolean created = dynamoDb.createTable(table.getKey(), HttpJson.MAPPER.valueToTree(table.getValue()));
            progress.step((created ? "Created table " : "Found table ") + table.getKey());
            restarted |= !created;
        }
    }

    public URI apiUrl() {
        return URI.create("http://localhost:" + options.apiPort());
    }

    /** The key the API requires ({@code x-api-key}), or null when ApiKeyRequired is false. */
    public String apiKey() {
        return apiKey;
    }

    /** The credentials the AWS endpoint requires, or null when it takes any (LocalStack's convention). */
    public AwsEndpoint.Credentials awsCredentials() {
        return aws.credentials;
    }

    public URI awsUrl() {
        return URI.create("http://localhost:" + options.awsPort());
    }

    public URI webUrl() {
        return URI.create("http://localhost:" + options.webPort());
    }

    public URI callApiUrl() {
        return callApiUrl;
    }

    /** Every address the local cloud listens on, by what listens there. */
    public Map<String, InetSocketAddress> listeners() throws IOException {
        Map<String, InetSocketAddress> listeners = new LinkedHashMap<>();
        listeners.put("api", api.address());
        listeners.put("aws", aws.endpoint.address());
        listeners.put("web", website.address());
        if (simulator != null) {
            listeners.put("call-api-simulator", simulator.address());
        }
        listeners.put("dynamodb-local", dynamoDb.boundAddress());
        return listeners;
    }

    /** DynamoDB Local's own address (the AWS endpoint passes DynamoDB requests through to it). */
    public URI dynamoDbUrl() {
        return dynamoDb.uri();
    }

    public SchedulerEmulator scheduler() {
        return aws.scheduler;
    }

    /** The functions as Lambda runs them here: their invocations and durations. */
    public LambdaEmulator lambda() {
        return aws.lambda;
    }

    public SamTemplate template() {
        return template;
    }

    /** The started simulator, or null when an external Call API is used. */
    public CallApiSimulator simulator() {
        return simulator;
    }

    /** From {@link #start} being called to everything serving. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The lines printed once ready: where everything is. */
    public String banner() {
        return Banner.of(this, aws.sqs, options.dataDir());
    }

    /** Stops everything, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                progress.warning("stopping " + resource.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    /** {@code ./local-cloud.sh [options]}: see {@link LocalCloudOptions#USAGE}. */
    public static void main(String[] args) {
        LocalCloudCommand.run(args);
    }

    /** A failure to start, with a message meant for the user. */
    public static final class LocalCloudException extends RuntimeException {
        public LocalCloudException(String message) {
            super(message);
        }

        public LocalCloudException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
