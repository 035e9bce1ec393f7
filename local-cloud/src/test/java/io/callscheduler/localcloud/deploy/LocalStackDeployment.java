package io.callscheduler.localcloud.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.config.AwsClients;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.LocalFunction;
import io.callscheduler.localcloud.apigateway.LocalApiGateway;
import io.callscheduler.localcloud.runtime.JavaHandlers;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.Templates;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.SimulatorSettings;
import io.callscheduler.testing.LocalAws;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The application on LocalStack, set up the way the README's LocalStack section does it, in this JVM:
 * LocalStack from the compose file's image with the compose file's init hook (which creates the table,
 * schedule group and queue); the API functions served as {@code sam local start-api --env-vars
 * localstack/env.json} serves them (the template's routes and environment, overridden by env.json, here
 * pointed at the container and at an in-process simulator); and the status sync run on a timer, as
 * {@code localstack/status-sync.sh} runs it, every second instead of every minute.
 *
 * <p>LocalStack's Scheduler stores schedules but never fires them, so every dial here comes from the
 * status sync's sweep of due calls: a call is dialed within one status-sync interval after its time.
 */
public final class LocalStackDeployment extends DeployedApp {
    private static final Path ROOT = LocalAws.templatePath().getParent();
    private static final Duration STATUS_SYNC_EVERY = Duration.ofSeconds(1);
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    private final CallApiSimulator simulator;
    private final LocalApiGateway gateway;
    private final ScheduledExecutorService statusSync;
    private final SchedulerClient scheduler;
    private final String scheduleGroup;

    private LocalStackDeployment(CallApiSimulator simulator, LocalApiGateway gateway, ScheduledExecutorService statusSync,
                                 SchedulerClient scheduler, String scheduleGroup) {
        super(gateway.uri(), simulator.uri());
        this.simulator = simulator;
        this.gateway = gateway;
        this.statusSync = statusSync;
        this.scheduler = scheduler;
        this.scheduleGroup = scheduleGroup;
    }

    /** The image {@code localstack/docker-compose.yml} pins, so that the test and the users run the same one. */
    public static String composeImage() {
        try {
            JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("localstack/docker-compose.yml").toFile());
            return compose.path("services").path("localstack").path("image").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A LocalStack container as the compose file configures it: same image, services and init hook. */
    public static LocalStackContainer container() {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(composeImage()))
                .withServices("dynamodb", "scheduler", "sqs")
                .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("localstack/init/ready.d/create-resources.sh"), 0755),
                        "/etc/localstack/init/ready.d/create-resources.sh")
                .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("localstack/resources/calls-table.json")),
                        "/etc/localstack/call-scheduler/calls-table.json");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN"); // needed by images newer than the pinned one
        return token == null || token.isBlank() ? container : container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }

    /** Waits for the init hook's resources, then starts the simulator, the API and the status sync. */
    public static LocalStackDeployment start(URI localStack, Path dataDir) throws Exception {
        Map<String, String> envJson = new HashMap<>();
        new ObjectMapper().readTree(ROOT.resolve("localstack/env.json").toFile()).path("Parameters").fields()
                .forEachRemaining(entry -> envJson.put(entry.getKey(), entry.getValue().asText()));
        Map<String, String> lambdaGives = Map.of("AWS_REGION", REGION, "AWS_DEFAULT_REGION", REGION,
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
        AwsClients clients = new AwsClients(with(lambdaGives, "AWS_ENDPOINT_URL", localStack.toString()));
        SchedulerClient scheduler = clients.scheduler();
        awaitInitHook(clients, envJson, scheduler);

        CallApiSimulator simulator = CallApiSimulator.start("127.0.0.1", DynamoDbLocalServer.freePort(),
                dataDir.resolve("simulator"), SimulatorSettings.DEFAULTS);
        // env.json reaches LocalStack and the simulator by their compose service names; here they are local.
        envJson.put("AWS_ENDPOINT_URL", localStack.toString());
        envJson.put("CALL_API_URL", simulator.uri().toString());

        SamTemplate template = Templates.forStack(localStack.toString());
        Map<String, LocalFunction> functions = new HashMap<>();
        List<LocalApiGateway.Binding> routes = new ArrayList<>();
        // Nothing fires the template's rate schedules on LocalStack: each scheduled function (the status sync, the
        // campaign runner) is run every interval instead, as localstack/status-sync.sh does.
        List<LocalFunction> scheduledFunctions = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.putAll(envJson);
            environment.putAll(lambdaGives);
            LocalFunction code = JavaHandlers.load(function,
                    "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function.name(), environment);
            functions.put(function.name(), code);
            routes.addAll(LocalApiGateway.Binding.of(function, template.api()));
            if (!function.schedules().isEmpty()) {
                scheduledFunctions.add(code);
            }
        }
        LocalApiGateway gateway = LocalApiGateway.start("127.0.0.1", DynamoDbLocalServer.freePort(), routes, template.api(),
                (name, payload) -> functions.get(name).invoke(payload), ACCOUNT);

        ScheduledExecutorService statusSync = Executors.newSingleThreadScheduledExecutor();
        statusSync.scheduleWithFixedDelay(() -> {
            for (LocalFunction scheduled : scheduledFunctions) {
                try {
                    scheduled.invoke("{}".getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    System.err.println("scheduled function failed: " + e);
                }
            }
        }, 0, STATUS_SYNC_EVERY.toMillis(), TimeUnit.MILLISECONDS);

        LocalStackDeployment deployment = new LocalStackDeployment(simulator, gateway, statusSync, scheduler,
                envJson.get("SCHEDULE_GROUP_NAME"));
        deployment.configureSimulator(QUICK_CALLS);
        return deployment;
    }

    /** The hook runs once LocalStack is ready, which may be after the container counts as started. */
    private static void awaitInitHook(AwsClients clients, Map<String, String> envJson, SchedulerClient scheduler) {
        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    dynamoDb.describeTable(r -> r.tableName(envJson.get("TABLE_NAME"))).table().tableStatus() == TableStatus.ACTIVE
                            && scheduler.getScheduleGroup(r -> r.name(envJson.get("SCHEDULE_GROUP_NAME"))).name() != null);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> map = new HashMap<>(base);
        map.put(name, value);
        return map;
    }

    @Override
    public boolean hasSchedule(String callId) {
        try {
            scheduler.getSchedule(r -> r.groupName(scheduleGroup).name("call-" + callId));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean schedulesFire() {
        return false;
    }

    /** One status-sync interval (the sweep runs with no grace here, SWEEP_GRACE_SECONDS=0), plus the dial itself. */
    @Override
    public Duration dialLateness() {
        return STATUS_SYNC_EVERY.plusSeconds(2);
    }

    /** LocalStack has no dispatch function to invoke, so "call now" also waits for the next sweep. */
    @Override
    public Duration callNowLatency() {
        return dialLateness();
    }

    @Override
    public void close() {
        statusSync.shutdownNow();
        gateway.close();
        simulator.close();
        scheduler.close();
    }
}
