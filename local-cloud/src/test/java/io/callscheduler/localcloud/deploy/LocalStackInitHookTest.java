package io.callscheduler.localcloud.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.DynamoDbProxy;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.SchedulerEmulator;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LocalStack init hook ({@code localstack/init/ready.d/create-resources.sh}) run with the real AWS CLI
 * against empty AWS-compatible endpoints (DynamoDB Local, the project's Scheduler and SQS): it creates the
 * table with the template's keys and indexes, the schedule group and the queue, and a second run changes
 * nothing. LocalStack itself is exercised by {@code LocalStackEndToEndTest} where Docker is available.
 */
class LocalStackInitHookTest {
    @TempDir
    static Path data;
    static DynamoDbLocalServer dynamoDb;
    static SchedulerEmulator scheduler;
    static AwsEndpoint endpoint;
    static String aws;

    @BeforeAll
    static void startEmptyCloud() throws Exception {
        aws = AwsTools.awsCli();
        dynamoDb = DynamoDbLocalServer.startInMemory();
        int port = DynamoDbLocalServer.freePort();
        scheduler = new SchedulerEmulator("us-east-1", "000000000000", data.resolve("scheduler"), Clock.systemUTC());
        SqsEmulator sqs = new SqsEmulator("us-east-1", "000000000000", "http://localhost:" + port, data.resolve("sqs"), Clock.systemUTC());
        endpoint = AwsEndpoint.start("127.0.0.1", port);
        endpoint.mount(new DynamoDbProxy(dynamoDb.uri())).mount(scheduler).mount(sqs);
    }

    @AfterAll
    static void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
            scheduler.close();
            dynamoDb.close();
        }
    }

    @Test
    void createsTheTemplatesResourcesAndASecondRunChangesNothing() throws Exception {
        String first = hook();
        assertThat(first).contains("created table call-scheduler-CallsTable", "created schedule group call-scheduler-calls",
                "queue call-scheduler-dispatch-dlq ready");

        JsonNode table = cli("dynamodb", "describe-table", "--table-name", "call-scheduler-CallsTable").path("Table");
        JsonNode declared = HttpJson.MAPPER.valueToTree(LocalAws.templateResource("CallsTable").path("Properties"));
        assertThat(table.path("KeySchema")).isEqualTo(declared.path("KeySchema"));
        assertThat(table.path("StreamSpecification").path("StreamViewType").asText()).as("the stream the events come from")
                .isEqualTo(declared.path("StreamSpecification").path("StreamViewType").asText());
        assertThat(table.path("GlobalSecondaryIndexes")).hasSameSizeAs(declared.path("GlobalSecondaryIndexes"));
        for (JsonNode index : declared.path("GlobalSecondaryIndexes")) {
            JsonNode created = null;
            for (JsonNode candidate : table.path("GlobalSecondaryIndexes")) {
                if (candidate.path("IndexName").equals(index.path("IndexName"))) {
                    created = candidate;
                }
            }
            assertThat(created).as("index " + index.path("IndexName")).isNotNull();
            assertThat(created.path("KeySchema")).isEqualTo(index.path("KeySchema"));
            assertThat(created.path("Projection")).isEqualTo(index.path("Projection"));
        }
        assertThat(cli("scheduler", "get-schedule-group", "--name", "call-scheduler-calls").path("State").asText()).isEqualTo("ACTIVE");
        assertThat(cli("sqs", "get-queue-url", "--queue-name", "call-scheduler-dispatch-dlq").path("QueueUrl").asText())
                .endsWith("/call-scheduler-dispatch-dlq");

        String second = hook();
        assertThat(second).contains("table call-scheduler-CallsTable exists", "schedule group call-scheduler-calls exists");
    }

    private static String hook() throws IOException, InterruptedException {
        return AwsTools.runInitHook(endpoint.uri());
    }

    private static JsonNode cli(String... args) throws IOException, InterruptedException {
        return AwsTools.cli(aws, endpoint.uri(), args);
    }
}
