package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SchedulerEmulator;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The dispatch and status-sync functions as Lambda invokes them. */
class DispatchAndSyncHandlersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();



    @Test
    void twoAsynchronousInvocationsWithTheSameEventDialOnce() {
        Call call = dueCall();
        SdkBytes event = SdkBytes.fromUtf8String("{\"callId\": \"" + call.id() + "\", \"scheduledFor\": \""
                + call.scheduledAt() + "\", \"source\": \"scheduler\", \"executionId\": \"e-1\", \"attempt\": \"1\"}");

        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> app.aws.lambdaClient().invoke(r -> r.functionName(app.dispatchFunction)
                        .invocationType(InvocationType.EVENT).payload(event))),
                CompletableFuture.runAsync(() -> app.aws.lambdaClient().invoke(r -> r.functionName(app.dispatchFunction)
                        .invocationType(InvocationType.EVENT).payload(event)))).join();

        await().atMost(Duration.ofSeconds(5)).until(() -> app.dispatchEvents.stream().filter(e -> e.contains(call.id())).count() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> app.services().callService().get(call.id()).externalCallId() != null);
        assertThat(app.callApi.dialsFor(call.id())).isEqualTo(1);
    }

    @Test
    void aRequestResponseInvocationAnswersTheOutcome() throws Exception {
        Call call = dueCall();
        String payload = "{\"callId\": \"" + call.id() + "\", \"source\": \"cli\"}";
        var first = app.aws.lambdaClient().invoke(r -> r.functionName(app.dispatchFunction)
                .payload(SdkBytes.fromUtf8String(payload)));
        var second = app.aws.lambdaClient().invoke(r -> r.functionName(app.dispatchFunction)
                .payload(SdkBytes.fromUtf8String(payload)));

        assertThat(JSON.readTree(first.payload().asUtf8String()).get("outcome").asText()).isEqualTo("DIALED");
        assertThat(JSON.readTree(second.payload().asUtf8String()).get("outcome").asText()).isEqualTo("NOT_PENDING");
        assertThat(first.functionError()).isNull();
    }

    @Test
    void aMalformedEventIsAnsweredInvalidAndDialsNothing() throws Exception {
        DispatchHandler handler = new DispatchHandler(app.environment);
        for (String event : new String[]{"not json", "{}", "{\"callId\": 42}", "{\"callId\": \"x\", \"scheduledFor\": \"soon\"}"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
            assertThat(JSON.readTree(out.toByteArray()).get("outcome").asText()).as(event).isEqualTo("INVALID");
        }
        assertThat(app.callApi.dialRequests()).noneMatch(r -> r.getHeader("Idempotency-Key").equals("x"));
    }

    @Test
    void theStatusSyncFunctionReportsItsRun() throws Exception {
        Call call = dueCall();
        StatusSyncHandler handler = new StatusSyncHandler(app.environment);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The input of a ScheduleV2 target is ignored.
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out,
                new TestContext("status-sync", 60_000));

        JsonNode report = JSON.readTree(out.toByteArray());
        assertThat(report.fieldNames()).toIterable().contains("swept", "reclaimed", "polled", "changed", "errors", "deferred");
        assertThat(report.get("swept").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(app.callApi.dialsFor(call.id())).isEqualTo(1);
    }

    @Test
    void aFiringScheduleDialsTheCallOnceAndIsDeleted() throws Exception {
        // A Scheduler that fires, on its own endpoint, delivering to this app's dispatch function.
        LocalAws aws = app.aws;
        LambdaEmulator lambda = new LambdaEmulator(LocalAws.REGION, LocalAws.ACCOUNT, Duration.ofMillis(100));
        SchedulerEmulator scheduler = new SchedulerEmulator(LocalAws.REGION, LocalAws.ACCOUNT, null, Clock.systemUTC());
        try (AwsEndpoint endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(scheduler).mount(lambda)) {
            Map<String, String> env = new HashMap<>(app.environment);
            env.put("AWS_ENDPOINT_URL", endpoint.uri().toString());
            env.put("DISPATCH_FUNCTION_ARN", lambda.arnOf("dispatch"));
            env.put("DIAL_PRECISION", "minute"); // the schedule at the call's own time, so that it fires within the test
            DispatchHandler dispatch = new DispatchHandler(env);
            lambda.register(new LambdaEmulator.FunctionInfo("dispatch", "DispatchHandler", "java21", 1024, 120, env), payload -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                dispatch.handleRequest(new ByteArrayInputStream(payload), out, new TestContext());
                return out.toByteArray();
            });
            scheduler.startFiring(lambda, (queue, body, attributes) -> { });
            software.amazon.awssdk.services.scheduler.SchedulerClient client = new io.callscheduler.config.AwsClients(env).scheduler();
            client.createScheduleGroup(r -> r.name(app.group));

            Instant at = Instant.now().plusSeconds(7); // beyond the 5 s "call now" window, so it is scheduled
            var response = new CreateCallHandler(env).handleRequest(ApiEvents.post(
                    "{\"phoneNumber\": \"+14155550177\", \"scheduledAt\": \"" + at + "\"}"), new TestContext());
            String id = JSON.readTree(response.getBody()).get("id").asText();
            assertThat(client.getSchedule(r -> r.groupName(app.group).name("call-" + id))).isNotNull();

            await().atMost(Duration.ofSeconds(10)).until(() -> app.callApi.dialsFor(id) == 1);
            Instant dialed = Instant.now();
            assertThat(dialed).isAfterOrEqualTo(at);
            assertThat(Duration.between(at, dialed)).as("dialed on time").isLessThan(Duration.ofMillis(1500));
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThatThrownBy(() ->
                    client.getSchedule(r -> r.groupName(app.group).name("call-" + id)))
                    .isInstanceOf(ResourceNotFoundException.class));
            assertThat(app.services().callService().get(id).status()).isEqualTo(CallStatus.DIALING);
        } finally {
            scheduler.close();
            lambda.close();
        }
    }

    private static Call dueCall() {
        var response = new CreateCallHandler(app.environment).handleRequest(ApiEvents.post(
                "{\"phoneNumber\": \"+14155550188\", \"scheduledAt\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\"}"),
                new TestContext());
        try {
            String id = JSON.readTree(response.getBody()).get("id").asText();
            Call call = app.services().callService().get(id);
            // Move it into the past, as if its time had come (the store is the source of truth).
            io.callscheduler.store.dynamodb.DynamoDbCallStore store =
                    new io.callscheduler.store.dynamodb.DynamoDbCallStore(app.aws.dynamoDb(), app.table);
            return store.replace(call, call.withSchedule(Instant.now().minusSeconds(30), "UTC"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
