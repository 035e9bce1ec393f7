package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AWS CLI commands the README shows, run against the local cloud's endpoint, with their output checked:
 * the real CLI (botocore) is the strictest judge of the emulated wire formats.
 */
class AwsCliTest {
    @TempDir
    static Path data;
    static RunningCloud app;
    static String aws;

    @BeforeAll
    static void start() {
        aws = ExternalTools.require("aws", "install the AWS CLI (pip install awscli) to run the README's CLI commands");
        app = RunningCloud.start(data, null);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void scanShowsTheCallsTable() throws Exception {
        String id = app.create("+14155550301", Instant.now().plusSeconds(3600)).path("id").asText();

        JsonNode scan = cli("dynamodb", "scan", "--table-name", "call-scheduler-CallsTable");

        List<String> ids = new ArrayList<>();
        scan.path("Items").forEach(item -> ids.add(item.path("id").path("S").asText()));
        assertThat(ids).contains(id);
    }

    @Test
    void listSchedulesShowsOneSchedulePerPendingCall() throws Exception {
        String id = app.create("+14155550302", Instant.now().plusSeconds(3600)).path("id").asText();

        JsonNode schedules = cli("scheduler", "list-schedules", "--group-name", "call-scheduler-calls");

        List<String> names = new ArrayList<>();
        schedules.path("Schedules").forEach(s -> names.add(s.path("Name").asText()));
        assertThat(names).contains("call-" + id);
        JsonNode schedule = cli("scheduler", "get-schedule", "--group-name", "call-scheduler-calls", "--name", "call-" + id);
        assertThat(schedule.path("ScheduleExpression").asText()).startsWith("at(");
        assertThat(schedule.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        // The local cloud's default DialPrecision is minute: dispatch's alias (with second, the dial waiter's).
        assertThat(schedule.path("Target").path("Arn").asText()).endsWith(":function:call-scheduler-dispatch:live");
    }

    @Test
    void lambdaInvokeRunsAFunctionOfTheTemplate() throws Exception {
        String id = app.create("+14155550303", Instant.now().plusSeconds(3600)).path("id").asText();
        Path out = data.resolve("out.json");
        String event = "{\"httpMethod\":\"GET\",\"resource\":\"/calls/{id}\",\"path\":\"/calls/" + id
                + "\",\"pathParameters\":{\"id\":\"" + id + "\"},\"headers\":{}}";

        JsonNode result = cli("lambda", "invoke", "--function-name", "call-scheduler-get-call",
                "--payload", event, out.toString());

        assertThat(result.path("StatusCode").asInt()).isEqualTo(200);
        JsonNode response = RunningCloud.JSON.readTree(Files.readString(out));
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(RunningCloud.JSON.readTree(response.path("body").asText()).path("id").asText()).isEqualTo(id);

        JsonNode functions = cli("lambda", "list-functions");
        List<String> names = new ArrayList<>();
        functions.path("Functions").forEach(f -> names.add(f.path("FunctionName").asText()));
        // Every function of the template, by the name the template gives it, and nothing else.
        assertThat(names).hasSizeGreaterThan(10).containsExactlyInAnyOrderElementsOf(
                app.cloud.template().functions().stream().map(f -> f.name()).toList());
        assertThat(names).contains("call-scheduler-get-call", "call-scheduler-dispatch");
    }

    @Test
    void theProviderSecretIsCreatedRotatedAndReadWithTheCli() throws Exception {
        String name = "call-scheduler/twilio-" + System.nanoTime();
        JsonNode created = cli("secretsmanager", "create-secret", "--name", name,
                "--secret-string", "{\"accountSid\": \"AC1\", \"authToken\": \"first\"}");
        String arn = created.path("ARN").asText();
        assertThat(arn).startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name + "-");

        cli("secretsmanager", "put-secret-value", "--secret-id", arn,
                "--secret-string", "{\"accountSid\": \"AC1\", \"authToken\": \"rotated\"}");

        JsonNode value = cli("secretsmanager", "get-secret-value", "--secret-id", name);
        assertThat(value.path("SecretString").asText()).contains("rotated");
        assertThat(value.path("ARN").asText()).isEqualTo(arn);
    }

    @Test
    void aFailedDeliveryCanBeReadFromTheDeadLetterQueue() throws Exception {
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(
                Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        String dlq = "arn:aws:sqs:us-east-1:000000000000:call-scheduler-dispatch-dlq";
        cli("scheduler", "create-schedule", "--name", "broken-target", "--group-name", "call-scheduler-calls",
                "--schedule-expression", "at(" + at + ")", "--flexible-time-window", "Mode=OFF",
                "--action-after-completion", "DELETE",
                "--target", "{\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:no-such-function\","
                        + "\"RoleArn\":\"arn:aws:iam::000000000000:role/scheduler\",\"Input\":\"{\\\"callId\\\":\\\"x\\\"}\","
                        + "\"RetryPolicy\":{\"MaximumRetryAttempts\":0},\"DeadLetterConfig\":{\"Arn\":\"" + dlq + "\"}}");
        String queueUrl = cli("sqs", "get-queue-url", "--queue-name", "call-scheduler-dispatch-dlq").path("QueueUrl").asText();

        AtomicReference<JsonNode> message = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode received = cli("sqs", "receive-message", "--queue-url", queueUrl,
                    "--message-attribute-names", "All", "--wait-time-seconds", "1");
            message.set(received == null ? null : received.path("Messages").path(0));
            return message.get() != null && !message.get().isMissingNode();
        });

        assertThat(message.get().path("Body").asText()).isEqualTo("{\"callId\":\"x\"}");
        assertThat(message.get().path("MessageAttributes").path("TARGET_ARN").path("StringValue").asText())
                .endsWith(":function:no-such-function");
        assertThat(message.get().path("MessageAttributes").path("ERROR_MESSAGE").path("StringValue").asText())
                .contains("Function not found");
    }

    /** Runs {@code aws --endpoint-url <local> --output json ARGS}; fails on a non-zero exit; null for no output. */
    static JsonNode cli(String... args) throws IOException, InterruptedException {
        return AwsTools.cli(aws, app.cloud.awsUrl(), args);
    }
}
