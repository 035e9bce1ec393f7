package io.callscheduler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.config.AwsClients;
import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SchedulerEmulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real AWS-compatible endpoints for tests, started once per test JVM: DynamoDB Local (in memory) and the
 * project's Scheduler and Lambda emulators behind one HTTP port. Clients are the real SDK clients, built
 * by the application's own {@link AwsClients} from endpoint settings, exactly as in production.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static LocalAws instance;

    public final DynamoDbLocalServer dynamoDbLocal;
    public final AwsEndpoint endpoint;
    public final SchedulerEmulator scheduler;
    public final LambdaEmulator lambda;
    /** Webhook endpoints' signing secrets (and any test's own). */
    public final io.callscheduler.emulators.SecretsManagerEmulator secretsManager;
    /** The webhook delivery queues. */
    public final io.callscheduler.emulators.SqsEmulator sqs;
    private final Map<String, String> environment;
    private final AwsClients clients;
    private DynamoDbClient dynamoDbClient;
    private SchedulerClient schedulerClient;
    private LambdaClient lambdaClient;

    private LocalAws() throws Exception {
        dynamoDbLocal = DynamoDbLocalServer.startInMemory();
        scheduler = new SchedulerEmulator(REGION, ACCOUNT, null, Clock.systemUTC());
        lambda = new LambdaEmulator(REGION, ACCOUNT, Duration.ofMillis(200));
        secretsManager = new io.callscheduler.emulators.SecretsManagerEmulator(REGION, ACCOUNT, null, Clock.systemUTC());
        endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(scheduler).mount(lambda).mount(secretsManager);
        sqs = new io.callscheduler.emulators.SqsEmulator(REGION, ACCOUNT, endpoint.uri().toString().replaceAll("/$", ""),
                null, Clock.systemUTC());
        endpoint.mount(sqs);
        environment = Map.of(
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL", endpoint.uri().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbLocal.uri().toString());
        clients = new AwsClients(environment);
    }

    public static synchronized LocalAws get() {
        if (instance == null) {
            try {
                instance = new LocalAws();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the local AWS endpoints", e);
            }
        }
        return instance;
    }

    /** The AWS part of a function's environment (region, keys, endpoints). */
    public Map<String, String> environment() {
        return environment;
    }

    /** A function environment for a fresh table and schedule group, as template.yaml would set it. */
    public Map<String, String> functionEnvironment(String table, String group, String dispatchFunction, String callApiUrl) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("TABLE_NAME", table);
        env.put("SCHEDULE_GROUP_NAME", group);
        env.put("DISPATCH_FUNCTION_ARN", lambda.arnOf(dispatchFunction));
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::" + ACCOUNT + ":role/scheduler");
        env.put("DEAD_LETTER_QUEUE_ARN", "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":dispatch-dlq");
        env.put("CALL_API_URL", callApiUrl);
        return env;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDbClient == null) {
            dynamoDbClient = clients.dynamoDb();
        }
        return dynamoDbClient;
    }

    public synchronized SchedulerClient schedulerClient() {
        if (schedulerClient == null) {
            schedulerClient = clients.scheduler();
        }
        return schedulerClient;
    }

    public software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManagerClient() {
        return clients.secretsManager();
    }

    public software.amazon.awssdk.services.sqs.SqsClient sqsClient() {
        return clients.sqs();
    }

    public synchronized LambdaClient lambdaClient() {
        if (lambdaClient == null) {
            lambdaClient = clients.lambda();
        }
        return lambdaClient;
    }

    /** A unique name, for tables, groups and functions of one test. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    /**
     * Creates a table with the key schema and indexes template.yaml gives CallsTable, without its stream: DynamoDB
     * Local writes a stream record with every write, which made the bulk-writing tests ten times slower (a campaign's
     * 156 s against 8 s). A test that reads the stream opens it ({@code TableStream}).
     */
    public String newCallsTable() {
        String name = uniqueName("calls");
        ObjectNode properties = ((ObjectNode) templateResource("CallsTable").get("Properties")).deepCopy();
        properties.remove("StreamSpecification");
        try {
            dynamoDbLocal.createTable(name, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return name;
    }

    public String newScheduleGroup() {
        String name = uniqueName("calls");
        schedulerClient().createScheduleGroup(r -> r.name(name));
        return name;
    }

    /** A resource of template.yaml (tags such as !Ref are dropped, which table properties do not use). */
    public static JsonNode templateResource(String logicalId) {
        return template().path("Resources").path(logicalId);
    }

    /** template.yaml as a tree (tags such as !Ref dropped). */
    public static JsonNode template() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(templatePath().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path templatePath() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (dir.resolve("template.yaml").toFile().isFile()) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("template.yaml not found above " + here);
    }
}
