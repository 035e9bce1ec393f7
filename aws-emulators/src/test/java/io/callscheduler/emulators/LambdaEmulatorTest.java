package io.callscheduler.emulators;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Lambda emulator through the real SDK client. */
class LambdaEmulatorTest {
    private static LambdaEmulator lambda;
    private static AwsEndpoint endpoint;
    private static LambdaClient client;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        lambda = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(50));
        lambda.register(new LambdaEmulator.FunctionInfo("echo", "x.Echo::handleRequest", "java21", 512, 10,
                Map.of("TABLE_NAME", "calls")), payload -> {
            received.add(new String(payload, StandardCharsets.UTF_8));
            return payload;
        });
        lambda.register(new LambdaEmulator.FunctionInfo("broken", "x.Broken::handleRequest", "java21", 512, 10, Map.of()),
                payload -> {
                    received.add("broken");
                    throw new IllegalStateException("boom");
                });
        lambda.alias("echo", "live");
        endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(lambda);
        client = Sdk.lambda(endpoint.uri());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        lambda.close();
    }

    @Test
    void requestResponseReturnsThePayload() {
        var response = client.invoke(r -> r.functionName("echo").payload(SdkBytes.fromUtf8String("{\"a\":1}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"a\":1}");
        assertThat(response.functionError()).isNull();
    }

    /** What a benchmark reads to price a function's runs: each run's own duration, failed runs included. */
    @Test
    void eachFunctionsRunsAreCountedWithTheirDurations() throws Exception {
        try (LambdaEmulator timed = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(50))) {
            timed.register(new LambdaEmulator.FunctionInfo("waits", "x.Waits::handleRequest", "java21", 128, 10, Map.of()), payload -> {
                Thread.sleep(150); // the function's own work: its billed time
                if (payload.length == 0) {
                    throw new IllegalStateException("fails after its work");
                }
                return payload;
            });
            assertThat(timed.runsOf("waits")).isEqualTo(new LambdaEmulator.Runs(0, Duration.ZERO));

            timed.invoke("waits", "{}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> timed.invoke("waits", new byte[0])).hasMessageContaining("fails");

            LambdaEmulator.Runs runs = timed.runsOf("waits");
            assertThat(runs.count()).isEqualTo(2);
            assertThat(runs.duration()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        }
    }

    /** What the functions do with SnapStart's alias: the ARN, a partial name or the Qualifier parameter. */
    @Test
    void anAliasIsInvokedByQualifiedArnNameOrQualifierAndAnUnknownOneIsNotFound() {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:echo";
        for (var request : List.<java.util.function.Consumer<software.amazon.awssdk.services.lambda.model.InvokeRequest.Builder>>of(
                r -> r.functionName(arn + ":live"), r -> r.functionName("echo:live"),
                r -> r.functionName(arn).qualifier("live"), r -> r.functionName("echo").qualifier("$LATEST"))) {
            var response = client.invoke(r -> request.accept(r.payload(SdkBytes.fromUtf8String("{\"q\":1}"))));
            assertThat(response.payload().asUtf8String()).isEqualTo("{\"q\":1}");
        }
        assertThat(client.invoke(r -> r.functionName(arn + ":live").payload(SdkBytes.fromUtf8String("{}"))).executedVersion())
                .isEqualTo("1");
        received.clear();
        assertThat(client.invoke(r -> r.functionName(arn + ":live").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"async\":1}"))).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(2)).until(() -> received.contains("{\"async\":1}"));
        assertThatThrownBy(() -> client.invoke(r -> r.functionName(arn + ":staging").payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("echo:staging");
        assertThatThrownBy(() -> client.invoke(r -> r.functionName("broken:live").payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aFailingFunctionIsReportedAsAFunctionError() {
        var response = client.invoke(r -> r.functionName("broken").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorMessage\":\"boom\"");
    }

    @Test
    void anEventInvocationIsQueuedAndAFailureRetriedTwice() {
        received.clear();
        var response = client.invoke(r -> r.functionName("arn:aws:lambda:us-east-1:000000000000:function:broken")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}")));
        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 3);
        await().pollDelay(Duration.ofMillis(300)).untilAsserted(() -> assertThat(received).hasSize(3));
    }

    @Test
    void anEventThatFailsEveryAttemptGoesToTheOnFailureQueue() {
        List<String> deadLetters = new CopyOnWriteArrayList<>();
        lambda.onAsyncFailure("broken", "arn:aws:sqs:us-east-1:000000000000:dlq",
                (queue, body, attributes) -> deadLetters.add(queue + " " + body));

        lambda.invokeAsync("broken", "{\"callId\":\"c1\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(2)).until(() -> deadLetters.size() == 1);
        assertThat(deadLetters.get(0)).startsWith("arn:aws:sqs:us-east-1:000000000000:dlq ")
                .contains("\"condition\":\"RetriesExhausted\"", "\"approximateInvokeCount\":3",
                        "\"requestPayload\":{\"callId\":\"c1\"}", "\"errorMessage\":\"boom\"");
    }

    @Test
    void aBurstOfEventsQueuesBehindABoundedNumberOfConcurrentRuns() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try (LambdaEmulator burst = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(50))) {
            burst.register(new LambdaEmulator.FunctionInfo("slow", "x.Slow::handleRequest", "java21", 512, 10, Map.of()), payload -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                release.await();
                running.decrementAndGet();
                done.incrementAndGet();
                return payload;
            });

            int invocations = LambdaEmulator.ASYNC_CONCURRENCY + 500;
            for (int i = 0; i < invocations; i++) {
                burst.invokeAsync("slow", "{}".getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == LambdaEmulator.ASYNC_CONCURRENCY);
            release.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == invocations);
            assertThat(peak.get()).isEqualTo(LambdaEmulator.ASYNC_CONCURRENCY);
        }
    }

    @Test
    void aRateScheduleSlowerThanItsPaceNeverRunsTwiceAtOnceWithReservedConcurrencyOne() throws Exception {
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        try (LambdaEmulator lambda = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(50));
             SchedulerEmulator scheduler = new SchedulerEmulator("us-east-1", "000000000000", null, java.time.Clock.systemUTC())) {
            lambda.register(new LambdaEmulator.FunctionInfo("status-sync", "x.Sync::handleRequest", "java21", 512, 60,
                    Map.of(), 1), payload -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(300); // the workload: a run three times longer than the pace below
                } finally {
                    running.decrementAndGet();
                    runs.incrementAndGet();
                }
                return payload;
            });
            scheduler.overrideRate("sync", Duration.ofMillis(100));
            scheduler.putSchedule("sync", HttpJson.MAPPER.readTree("""
                    {"ScheduleExpression": "rate(1 minute)", "FlexibleTimeWindow": {"Mode": "OFF"},
                     "Target": {"Arn": "%s", "RoleArn": "arn:aws:iam::000000000000:role/r", "Input": "{}"}}"""
                    .formatted(lambda.arnOf("status-sync"))));
            scheduler.startFiring(lambda, (queue, body, attributes) -> { });

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 4);
            assertThat(peak.get()).as("runs at once").isEqualTo(1);
        }
    }

    @Test
    void aSynchronousInvocationBeyondReservedConcurrencyIsThrottled() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LambdaEmulator lambda = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(50))) {
            lambda.register(new LambdaEmulator.FunctionInfo("one", "x.One::handleRequest", "java21", 512, 60, Map.of(), 1),
                    payload -> {
                        inside.countDown();
                        release.await(5, java.util.concurrent.TimeUnit.SECONDS); // bounded: a missing throttle fails, not hangs
                        return payload;
                    });
            lambda.invokeAsync("one", "{}".getBytes(StandardCharsets.UTF_8));
            inside.await();

            assertThatThrownBy(() -> lambda.invoke("one", "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AwsError.class).hasMessageContaining("Rate Exceeded");
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(lambda.invoke("one", "{}".getBytes(StandardCharsets.UTF_8))).isNotEmpty());
        }
    }

    @Test
    void describesFunctions() {
        var function = client.getFunction(r -> r.functionName("echo"));
        assertThat(function.configuration().functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:echo");
        assertThat(function.configuration().environment().variables()).containsEntry("TABLE_NAME", "calls");
        assertThat(client.listFunctions().functions()).extracting(f -> f.functionName()).containsExactly("broken", "echo");
        assertThatThrownBy(() -> client.getFunction(r -> r.functionName("missing"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.invoke(r -> r.functionName("missing"))).isInstanceOf(ResourceNotFoundException.class);
    }
}
