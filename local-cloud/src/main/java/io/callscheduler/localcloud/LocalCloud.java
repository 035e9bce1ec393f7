package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.DynamoDbProxy;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SchedulerEmulator;
import io.callscheduler.emulators.SecretsManagerEmulator;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.emulators.usage.AwsUsage;
import io.callscheduler.localcloud.apigateway.LocalApiGateway;
import io.callscheduler.localcloud.apigateway.LocalApiKey;
import io.callscheduler.localcloud.data.DataFolder;
import io.callscheduler.localcloud.data.LocalSecrets;
import io.callscheduler.localcloud.runtime.JavaHandlers;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.localcloud.web.WebsiteServer;
import io.callscheduler.metrics.LocalMetrics;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.SimulatorSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    /** How long Lambda waits before retrying a failed asynchronous invocation (a minute or two on AWS). */
    private static final Duration ASYNC_RETRY_DELAY = Duration.ofSeconds(5);

    private final LocalCloudOptions options;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final PrintStream progress;
    private final long startedNanos = System.nanoTime();
    private final java.time.Instant startedAt = java.time.Instant.now();
    /** The functions' metrics since start, as CloudWatch would hold them, on the API's port. */
    public static final String METRICS_PATH = "/_local/metrics";
    /** What AWS would bill for since start (requests, DynamoDB request units, Lambda GB-seconds), on the API's port. */
    public static final String USAGE_PATH = "/_local/usage";
    private final AwsUsage usage = new AwsUsage();
    private long readyNanos;
    private SamTemplate template;
    private SchedulerEmulator scheduler;
    private LambdaEmulator lambda;
    private SqsEmulator sqs;
    private AwsEndpoint endpoint;
    /** What the AWS endpoint requires (--require-aws-credentials), or null when it takes any. */
    private AwsEndpoint.Credentials awsCredentials;
    private LocalApiGateway api;
    private WebsiteServer website;
    private CallApiSimulator simulator;
    private DynamoDbLocalServer dynamoDb;
    private URI callApiUrl;
    /** The key the API's routes require, or null when they require none. */
    private String apiKey;

    private LocalCloud(LocalCloudOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
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
        checkPortsFree();
        DataFolder folder = DataFolder.open(options.dataDir(), this::step);
        Path data = folder.path();
        lockDataDirectory(folder);
        LocalSecrets secrets = LocalSecrets.loadOrCreate(folder);

        step("Reading " + options.template().getFileName());
        String awsUrl = "http://localhost:" + options.awsPort();
        try {
            template = SamTemplate.read(options.template(), parameters(), new SamTemplate.Environment(
                    options.stackName(), REGION, ACCOUNT, awsUrl));
        } catch (SamTemplate.TemplateException e) {
            throw new LocalCloudException(options.template().getFileName() + ": " + e.getMessage()
                    + (options.parameterOverrides().isEmpty() ? "" : " (check --parameter-overrides)"), e);
        }

        Path dynamoDbData = folder.folder("dynamodb"); // -dbPath: its database files live behind this 0700 folder
        step("Starting DynamoDB Local (data in " + dynamoDbData + ")");
        DynamoDbLocalServer dynamoDb = quietly(() -> DynamoDbLocalServer.start(options.host(),
                options.dynamoDbPort() == 0 ? DynamoDbLocalServer.freePort() : options.dynamoDbPort(), dynamoDbData, usage));
        resources.push(dynamoDb);
        this.dynamoDb = dynamoDb;
        for (var table : template.tables().entrySet()) {
            boolean created = dynamoDb.createTable(table.getKey(), HttpJson.MAPPER.valueToTree(table.getValue()));
            step((created ? "Created table " : "Found table ") + table.getKey());
        }

        step("Starting the AWS endpoint on port " + options.awsPort() + " (DynamoDB, Scheduler, Lambda, SQS, Secrets Manager)");
        scheduler = new SchedulerEmulator(REGION, ACCOUNT, folder.folder("scheduler"), Clock.systemUTC());
        scheduler.fireWithinTheMinute(options.awsSchedulerTiming());
        scheduler.meteredBy(usage);
        resources.push(scheduler);
        lambda = new LambdaEmulator(REGION, ACCOUNT, ASYNC_RETRY_DELAY).meteredBy(usage);
        resources.push(lambda);
        sqs = new SqsEmulator(REGION, ACCOUNT, awsUrl, folder.folder("sqs"), Clock.systemUTC()).meteredBy(usage);
        template.queues().values().forEach(sqs::createQueue);
        template.scheduleGroups().forEach(scheduler::ensureGroup);
        endpoint = bind("--aws-port", options.awsPort(), () -> AwsEndpoint.start(options.host(), options.awsPort()));
        resources.push(endpoint);
        if (options.requireAwsCredentials()) {
            awsCredentials = LocalAwsCredentials.loadOrCreate(data);
            endpoint.requireCredentials(awsCredentials);
            step("The AWS endpoint requires access key " + awsCredentials.accessKeyId() + " (--require-aws-credentials);"
                    + " kept in " + data.resolve(LocalAwsCredentials.FILE_NAME));
        }
        endpoint.mount(new DynamoDbProxy(dynamoDb.uri())).mount(scheduler).mount(lambda).mount(sqs)
                .mount(new SecretsManagerEmulator(REGION, ACCOUNT, folder.folder("secretsmanager"), Clock.systemUTC())
                        .meteredBy(usage));

        if (options.callApiUrl() == null) {
            step("Starting the Call API simulator on port " + options.callApiPort() + " (its Twilio token and the"
                    + " callback secret kept in " + data.resolve(LocalSecrets.FILE_NAME) + ")");
            Path simulatorData = folder.folder("simulator");
            simulator = bind("--call-api-port", options.callApiPort(), () -> CallApiSimulator.start(options.host(),
                    options.callApiPort(), simulatorData, SimulatorSettings.DEFAULTS, secrets.forSimulator(System.getenv())));
            resources.push(simulator);
            callApiUrl = simulator.uri();
        } else {
            callApiUrl = URI.create(options.callApiUrl());
            step("Using the Call API at " + callApiUrl + " (CALL_API_URL); the simulator is not started");
        }

        List<SamTemplate.Function> functions = template.functions(); // resolved once
        step("Loading " + functions.size() + " functions");
        Map<String, String> localAws = localAwsSettings(dynamoDb.uri());
        localAws.putAll(providerSecrets());
        // What CloudWatch would receive goes to this JVM's sink instead, shown on /_local/metrics.
        localAws.put("LOCAL_METRICS", "true");
        LocalMetrics.SHARED.reset();
        step("Provider: " + template.parameter("CallProvider") + describeProvider());
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
        createTemplateSchedules(functions);
        if (options.awsSchedulerTiming()) {
            step("at() schedules fire somewhere within their minute, as on AWS (--scheduler-timing aws)");
        }
        scheduler.startFiring(lambda, sqs);

        step("Starting the web page on port " + options.webPort());
        website = bind("--web-port", options.webPort(), () -> WebsiteServer.start(options.host(), options.webPort(),
                options.webDir(), options.apiPort()));
        resources.push(website);

        long keyed = routes.stream().filter(LocalApiGateway.Binding::apiKeyRequired).count();
        if (keyed > 0) {
            apiKey = LocalApiKey.loadOrCreate(data);
            step("API key required by " + keyed + " of " + routes.size() + " routes (ApiKeyRequired); kept in "
                    + data.resolve(LocalApiKey.FILE_NAME));
        }
        step("Starting the API on port " + options.apiPort() + " (" + routes.size() + " routes)");
        api = bind("--api-port", options.apiPort(), () -> LocalApiGateway.start(options.host(), options.apiPort(), routes,
                template.api(), this::invokeThroughApi, ACCOUNT, apiKey));
        resources.push(api);
        api.addLocalPage(METRICS_PATH, () -> java.util.Map.of("since", startedAt.toString(),
                "namespace", "CallScheduler", "metrics", LocalMetrics.SHARED.snapshot()));
        api.addLocalPage(USAGE_PATH, () -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("since", startedAt.toString());
            page.putAll(usage.snapshot());
            return page;
        });
        readyNanos = System.nanoTime();
    }

    /** A request API Gateway passes to a function: billed per request, then the function's invocation. */
    private byte[] invokeThroughApi(String function, byte[] payload) throws Exception {
        usage.request("apigateway", "Request");
        return lambda.invoke(function, payload);
    }

    /**
     * Runs a noisy start (DynamoDB Local prints its configuration and SLF4J warnings) with its output held
     * back, and shows that output only if the start fails.
     */
    private static synchronized <T> T quietly(java.util.concurrent.Callable<T> noisyStart) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        PrintStream holder = new PrintStream(held, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(holder);
        System.setErr(holder);
        try {
            return noisyStart.call();
        } catch (Exception e) {
            err.print(held.toString(java.nio.charset.StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The template's parameters, resolved for local use. */
    private Map<String, String> parameters() {
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
        parameters.put("PublicApiUrl", apiUrl().toString());
        if (options.callApiUrl() == null && !realTwilioAccount() && !options.parameterOverrides().containsKey("ProviderSecretArn")) {
            parameters.put("TwilioApiBaseUrl", simulatorUrl);
            parameters.put("TwilioFromNumber", SIMULATOR_FROM_NUMBER);
        }
        parameters.putAll(options.parameterOverrides()); // the user's word wins, as with sam deploy
        return parameters;
    }

    /** Twilio's magic test From number: the simulator's default caller ID. */
    static final String SIMULATOR_FROM_NUMBER = "+15005550006";
    private static final List<String> PROVIDER_SECRET_VARIABLES = List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
            "TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "CALL_API_CALLBACK_SECRET");

    /** Whether this process's environment names a Twilio account (then calls go to Twilio itself). */
    private static boolean realTwilioAccount() {
        return !isBlank(System.getenv("TWILIO_ACCOUNT_SID")) && !isBlank(System.getenv("TWILIO_AUTH_TOKEN"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The provider's secrets, as functions read them locally without ProviderSecretArn: this process's
     * environment, else the simulator's own account and callback secret.
     */
    private Map<String, String> providerSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String variable : PROVIDER_SECRET_VARIABLES) {
            String value = System.getenv(variable);
            if (!isBlank(value)) {
                secrets.put(variable, value);
            }
        }
        if (simulator != null) {
            secrets.putIfAbsent("TWILIO_ACCOUNT_SID", simulator.twilio().credentials().accountSid());
            secrets.putIfAbsent("TWILIO_AUTH_TOKEN", simulator.twilio().credentials().authToken());
            secrets.putIfAbsent("CALL_API_CALLBACK_SECRET", simulator.callbackSecret());
        }
        return secrets;
    }

    private String describeProvider() {
        if (!"twilio".equals(template.parameter("CallProvider"))) {
            return " (" + callApiUrl + ")";
        }
        String base = template.parameter("TwilioApiBaseUrl");
        return " (" + base + (simulator != null && base.equals(simulator.uri().toString()) ? ", the simulator's Twilio API" : "")
                + "; callbacks to " + template.parameter("PublicApiUrl") + ")";
    }

    /**
     * What Lambda itself would give each function: a region, credentials, and (here) the local endpoints.
     * DynamoDB goes straight to DynamoDB Local, one hop shorter than through the shared endpoint.
     */
    private Map<String, String> localAwsSettings(URI dynamoDbLocal) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AWS_REGION", REGION);
        settings.put("AWS_DEFAULT_REGION", REGION);
        settings.put("AWS_ACCESS_KEY_ID", awsCredentials == null ? "test" : awsCredentials.accessKeyId());
        settings.put("AWS_SECRET_ACCESS_KEY", awsCredentials == null ? "test" : awsCredentials.secretAccessKey());
        settings.put("AWS_ENDPOINT_URL", "http://localhost:" + options.awsPort());
        settings.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbLocal.toString());
        return settings;
    }

    /** The template's ScheduleV2 events, created in the default group as SAM would. */
    private void createTemplateSchedules(List<SamTemplate.Function> functions) {
        for (SamTemplate.Function function : functions) {
            for (SamTemplate.ScheduleEvent event : function.schedules()) {
                String name = options.stackName() + "-" + function.logicalId() + "-" + event.eventId();
                ObjectNode body = HttpJson.MAPPER.createObjectNode();
                body.put("GroupName", "default");
                body.put("ScheduleExpression", event.expression());
                body.putObject("FlexibleTimeWindow").put("Mode", "OFF");
                ObjectNode target = body.putObject("Target");
                // As SAM does, a function with AutoPublishAlias is scheduled through its alias.
                target.put("Arn", lambda.arnOf(function.name()) + (function.alias() == null ? "" : ":" + function.alias()));
                target.put("RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/" + name);
                target.put("Input", event.input() == null ? "{}" : event.input());
                if (options.statusSyncEvery() != null) {
                    scheduler.overrideRate(name, options.statusSyncEvery());
                }
                scheduler.putSchedule(name, body);
                step("Schedule " + name + ": " + event.expression()
                        + (options.statusSyncEvery() == null ? "" : " (locally every " + human(options.statusSyncEvery()) + ")"));
            }
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
        return awsCredentials;
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
        listeners.put("aws", endpoint.address());
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
        return scheduler;
    }

    /** The functions as Lambda runs them here: their invocations and durations. */
    public LambdaEmulator lambda() {
        return lambda;
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
        return Duration.ofNanos(readyNanos - startedNanos);
    }

    /** The lines printed once ready: where everything is. */
    public String banner() {
        String table = template.tables().keySet().iterator().next();
        String group = template.scheduleGroups().get(0);
        String queueName = template.queues().values().iterator().next();
        String queueUrl = sqs.queueUrl(queueName);
        int deadLetters = sqs.size(queueName);
        // Left from an earlier run: a call's trigger that failed every retry. Said at start, as an alarm would say it.
        String deadLetterLine = deadLetters == 0 ? "" : String.format(Locale.ROOT,
                "  Dead letters  %d waiting in the DLQ: a call's dispatch failed every retry (aws --endpoint-url %s sqs receive-message --queue-url %s)%n",
                deadLetters, awsUrl(), queueUrl);
        return String.format(Locale.ROOT, """

                Call Scheduler is running locally (ready in %.1f s)
                  API           %s/calls
                %s  Metrics       %s%s   (the functions' CloudWatch metrics since start)
                  Usage         %s%s   (what AWS would bill: requests, DynamoDB units, Lambda GB-s)
                  Web page      %s
                  AWS endpoint  %s   (aws --endpoint-url %s ...; region %s, %s)
                  Call API      %s%s
                  Data          %s
                  Resources     table %s, schedule group %s, DLQ %s
                %sPress Ctrl-C to stop.
                """, startupTime().toMillis() / 1000.0, apiUrl(), apiKeyLine(), apiUrl(), METRICS_PATH, apiUrl(), USAGE_PATH, webUrl(), awsUrl(), awsUrl(), REGION,
                awsCredentials == null ? "any keys" : "keys required: AWS_ACCESS_KEY_ID=" + awsCredentials.accessKeyId()
                        + " AWS_SECRET_ACCESS_KEY=" + awsCredentials.secretAccessKey(),
                callApiUrl, simulator != null ? "   (simulator; dials counted at /_sim/dials)" : "   (external)",
                options.dataDir().toAbsolutePath().normalize(), table, group, queueUrl, deadLetterLine);
    }

    /** Where the key goes, as curl and the page send it; nothing when the API requires none. */
    private String apiKeyLine() {
        return apiKey == null ? "" : String.format(Locale.ROOT,
                "  API key       %s   (send it as the x-api-key header; the page asks for it once)%n", apiKey);
    }

    private void step(String message) {
        progress.printf(Locale.ROOT, "[%5.1fs] %s%n", (System.nanoTime() - startedNanos) / 1e9, message);
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Fails before anything starts if a port is taken, naming the option that sets it. */
    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--api-port", options.apiPort());
        ports.put("--aws-port", options.awsPort());
        ports.put("--web-port", options.webPort());
        if (options.callApiUrl() == null) {
            ports.put("--call-api-port", options.callApiPort());
        }
        if (options.dynamoDbPort() != 0) {
            ports.put("--dynamodb-port", options.dynamoDbPort());
        }
        ports.forEach((option, port) -> {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(options.host(), port));
            } catch (IOException e) {
                throw portInUse(option, port);
            }
        });
    }

    private LocalCloudException portInUse(String option, int port) {
        return new LocalCloudException("port " + port + " on " + options.host() + " is already in use (" + option
                + "). Stop whatever holds it, or choose another port: " + option + " " + (port + 1));
    }

    @FunctionalInterface
    private interface Binder<T> {
        T bind() throws IOException;
    }

    private <T> T bind(String option, int port, Binder<T> binder) throws IOException {
        try {
            return binder.bind();
        } catch (BindException e) {
            throw portInUse(option, port);
        }
    }

    /** One local cloud per data directory: two would fire the same schedules twice. */
    private void lockDataDirectory(DataFolder folder) throws IOException {
        Path data = folder.path();
        FileChannel channel = folder.open(".lock", StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new LocalCloudException("another local cloud is using " + data + "; stop it, or pass a different --data-dir");
        }
        FileLock held = lock;
        resources.push(() -> {
            held.release();
            channel.close();
        });
    }

    /** Stops everything, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                progress.println("warning: stopping " + resource.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    /** {@code ./local-cloud.sh [options]}: see {@link LocalCloudOptions#USAGE}. */
    public static void main(String[] args) {
        LocalCloudOptions options;
        try {
            options = LocalCloudOptions.parse(Arrays.asList(args), System.getenv());
        } catch (LocalCloudOptions.UsageException e) {
            if (e.getMessage().isEmpty()) {
                System.out.print(LocalCloudOptions.USAGE);
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage());
            System.err.print(LocalCloudOptions.USAGE);
            System.exit(2);
            return;
        }
        // Before anything logs: text for a person (log4j2-local.xml), or the functions' JSON as on AWS.
        System.setProperty("log4j2.configurationFile", options.logFormatJson() ? "log4j2.xml" : "log4j2-local.xml");
        // Started now, while System.out is the terminal: its console must not be the stream held back while
        // DynamoDB Local starts (quietly).
        System.getLogger(LocalCloud.class.getName()).isLoggable(System.Logger.Level.INFO);
        LocalCloud cloud;
        try {
            cloud = start(options, System.out);
        } catch (LocalCloudException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            cloud.close();
            System.out.println("Local cloud stopped; data kept in " + options.dataDir().toAbsolutePath().normalize());
        }, "local-cloud-shutdown"));
        System.out.print(cloud.banner());
        try {
            new java.util.concurrent.CountDownLatch(1).await(); // until Ctrl-C or SIGTERM runs the hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
