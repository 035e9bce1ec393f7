package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.model.Call;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestCalls;
import io.callscheduler.testing.TestContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions' log lines as CloudWatch Logs receives them on AWS (the shipped log4j2.xml: Powertools'
 * JSON layout): each a JSON object with the level, the message, the Lambda context (function, request id,
 * cold start) and the invocation's call id, trigger, Scheduler execution id and attempt; none of it left on a
 * line after the invocation.
 */
@Isolated // swaps System.out and the logging configuration for a moment
class StructuredLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();



    @Test
    void aDispatchLogsJsonLinesWithTheLambdaContextAndTheCallsFields() throws Exception {
        Call call = TestCalls.scheduled(Instant.now().minusSeconds(1));
        app.services().callService(); // the store's table exists; the call is written directly
        new io.callscheduler.store.dynamodb.DynamoDbCallStore(app.aws.dynamoDb(), app.table).insert(call);
        DispatchHandler handler = new DispatchHandler(app.environment);
        String event = "{\"callId\":\"" + call.id() + "\",\"scheduledFor\":\"" + call.scheduledAt()
                + "\",\"source\":\"scheduler\",\"executionId\":\"exec-1\",\"attempt\":\"2\"}";

        List<JsonNode> lines = withJsonLogs(() -> {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                    new TestContext("call-scheduler-dispatch", 60_000));
            // What the AWS SDK logs through SLF4J takes the same road, with the invocation's fields.
            io.callscheduler.logging.InvocationLogging.around(new TestContext("call-scheduler-get-call", 5_000),
                    java.util.Map.of("call_id", "sdk-call"), () -> {
                        org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.example").warn("retrying {} after {}", "GetItem", "throttling");
                        return null;
                    });
            System.getLogger("after").log(System.Logger.Level.INFO, "after the invocation");
        });

        JsonNode outcome = lines.stream().filter(l -> l.path("message").asText().equals("dispatch (scheduler): DIALED"))
                .findFirst().orElseThrow(() -> new AssertionError("no outcome line in " + lines));
        assertThat(outcome.path("level").asText()).isEqualTo("INFO");
        assertThat(outcome.path("call_id").asText()).isEqualTo(call.id());
        assertThat(outcome.path("source").asText()).isEqualTo("scheduler");
        assertThat(outcome.path("execution_id").asText()).isEqualTo("exec-1");
        assertThat(outcome.path("attempt").asText()).isEqualTo("2");
        assertThat(outcome.path("function_name").asText()).isEqualTo("call-scheduler-dispatch");
        assertThat(outcome.path("function_request_id").asText()).isNotBlank();
        assertThat(outcome.has("cold_start")).isTrue();
        assertThat(outcome.path("timestamp").asText()).isNotBlank();
        JsonNode sdk = lines.stream().filter(l -> l.path("message").asText().equals("retrying GetItem after throttling"))
                .findFirst().orElseThrow(() -> new AssertionError("no SDK line in " + lines));
        assertThat(sdk.path("level").asText()).isEqualTo("WARN");
        assertThat(sdk.path("call_id").asText()).isEqualTo("sdk-call");
        assertThat(sdk.path("function_name").asText()).isEqualTo("call-scheduler-get-call");
        JsonNode after = lines.stream().filter(l -> l.path("message").asText().equals("after the invocation")).findFirst().orElseThrow();
        assertThat(after.has("call_id")).as("cleared when the invocation ends").isFalse();
        assertThat(after.has("function_request_id") && !after.path("function_request_id").isNull()).isFalse();
    }

    @Test
    void anUnsignedCallbackLeavesNoCallIdInTheLogsAndASignedOneNamesItsCall() throws Exception {
        Call call = TestCalls.dialing(Instant.now().minusSeconds(5), "sim-logs", 1);
        app.services().callService();
        new io.callscheduler.store.dynamodb.DynamoDbCallStore(app.aws.dynamoDb(), app.table).insert(call);
        var secrets = new io.callscheduler.secrets.EnvironmentSecrets(java.util.Map.of("CALL_API_CALLBACK_SECRET", "s3cret"));
        var webhook = new GenericStatusWebhookHandler(new io.callscheduler.domain.ProviderCallbacks(
                new io.callscheduler.store.dynamodb.DynamoDbCallStore(app.aws.dynamoDb(), app.table), java.time.Clock.systemUTC()), secrets);
        String forgedId = call.id() + "\n{\"level\":\"ERROR\",\"message\":\"forged\"}";
        String forged = "{\"id\":\"sim-logs\",\"status\":\"completed\",\"metadata\":{\"callId\":\"" + forgedId.replace("\"", "\\\"").replace("\n", "\\n") + "\"}}";
        String signed = "{\"id\":\"sim-logs\",\"status\":\"in-progress\",\"sequence\":1,\"metadata\":{\"callId\":\"" + call.id() + "\"}}";

        List<JsonNode> lines = withJsonLogs(() -> {
            var refused = webhook.handleRequest(webhookEvent(forged, "sha256=" + "0".repeat(64), call.id() + "\nforged"),
                    new TestContext("call-scheduler-generic-status-webhook", 5_000));
            assertThat(refused.getStatusCode()).isEqualTo(403);
            String signature = io.callscheduler.webhooks.GenericSignatures.sign("s3cret", signed.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2; i++) { // the duplicate is ignored with a line that names the call
                var applied = webhook.handleRequest(webhookEvent(signed, signature, null),
                        new TestContext("call-scheduler-generic-status-webhook", 5_000));
                assertThat(applied.getStatusCode()).isEqualTo(200);
            }
        });

        JsonNode refusal = lines.stream().filter(l -> l.path("message").asText().startsWith("status callback refused"))
                .findFirst().orElseThrow(() -> new AssertionError("no refusal line in " + lines));
        assertThat(refusal.has("call_id")).as("nothing from an unverified request in the log context").isFalse();
        assertThat(lines).noneMatch(l -> l.path("message").asText().equals("forged"));
        assertThat(lines).anyMatch(l -> call.id().equals(l.path("call_id").asText()));
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent webhookEvent(String body,
                                                                                                      String signature, String queryCallId) {
        var event = new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withPath("/webhooks/generic/status").withBody(body)
                .withHeaders(java.util.Map.of(io.callscheduler.webhooks.GenericSignatures.HEADER, signature,
                        "Content-Type", "application/json"));
        if (queryCallId != null) {
            event.setQueryStringParameters(java.util.Map.of("callId", queryCallId));
        }
        return event;
    }

    /** Runs {@code work} with the shipped log4j2.xml writing to a buffer; the JSON lines it wrote. */
    private static List<JsonNode> withJsonLogs(ThrowingRunnable work) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        URI testConfig = logging.getConfigLocation();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // The shipped configuration, its console following System.out so that this test can read it.
            String shipped = new String(StructuredLogsTest.class.getResourceAsStream("/log4j2.xml").readAllBytes(), StandardCharsets.UTF_8);
            java.nio.file.Path following = java.nio.file.Files.createTempFile("log4j2-shipped", ".xml");
            java.nio.file.Files.writeString(following, shipped.replace("target=\"SYSTEM_OUT\"", "target=\"SYSTEM_OUT\" follow=\"true\""));
            logging.setConfigLocation(following.toUri());
            work.run();
        } finally {
            logging.setConfigLocation(testConfig);
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && !line.contains("\"_aws\"")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
