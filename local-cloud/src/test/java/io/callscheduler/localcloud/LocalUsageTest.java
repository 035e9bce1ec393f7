package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * What a call costs on AWS, counted by the local cloud's own services in the units AWS bills and shown on
 * /_local/usage: one call scheduled past the immediate window, dialed through its schedule, and its three
 * status callbacks (ringing, answered, completed), with no status sync running.
 */
class LocalUsageTest {
    private static final String WEBHOOK = "call-scheduler-generic-status-webhook";

    @TempDir
    Path data;

    @Test
    void aScheduledCallIsCountedInTheUnitsAwsBills() {
        try (RunningCloud app = RunningCloud.start(data, null, Map.of("MaxCallsPerSecond", "0", "MaxConcurrentCalls", "0"),
                false, Duration.ofHours(1))) {
            assertThat(app.cloud.banner()).contains("Usage         " + app.api + "/_local/usage");
            String id = app.createNamed("+14155550902", "Counted", Instant.now().plusSeconds(10)).path("id").asText();
            // Waiting on the page itself: polling the call through the API would add requests of its own.
            await().atMost(Duration.ofSeconds(40)).until(() -> usage(app).path("lambda").path(WEBHOOK).path("invocations").asInt() == 3);
            // ... and the outcome reports' count of the ended call, from the stream (README, "Outcome reports").
            await().atMost(Duration.ofSeconds(20)).until(() -> usage(app).path("requests").path("dynamodb")
                    .path("TransactWriteItems").asLong() == 2);
            JsonNode usage = usage(app);

            JsonNode requests = usage.path("requests");
            assertThat(requests.path("apigateway").path("Request").asLong()).as("the create and three callbacks").isEqualTo(4);
            assertThat(requests.path("scheduler").path("CreateSchedule").asLong()).isEqualTo(1);
            assertThat(usage.path("scheduler").path("invocations").asLong()).isEqualTo(1);
            assertThat(requests.path("lambda").has("Invoke")).as("dispatched by its schedule, not invoked at once").isFalse();

            JsonNode dynamoDb = usage.path("dynamodb");
            assertThat(requests.path("dynamodb").path("TransactWriteItems").asLong())
                    .as("the create and its daily count; the reports' count of the ended call").isEqualTo(2);
            assertThat(dynamoDb.path("transactionItemWrites").asLong()).as("2, and its marker with 5 buckets").isEqualTo(8);
            assertThat(requests.path("dynamodb").path("PutItem").asLong()).as("claim, placed, one per callback").isEqualTo(5);
            assertThat(requests.path("dynamodb").path("UpdateItem").asLong()).as("the reports' asOf, once a minute").isEqualTo(1);
            assertThat(dynamoDb.path("writeRequestUnits").asLong()).as("8 x 2 transactional + 5 + 1").isEqualTo(22);
            assertThat(dynamoDb.path("stronglyConsistentReads").asLong()).isEqualTo(requests.path("dynamodb").path("GetItem").asLong());
            // The call's own path reads strongly; the only index reads are the event fan-out's listings of the
            // webhook endpoints (at most one per 5 s while the call's changes stream in).
            assertThat(dynamoDb.path("eventuallyConsistentReads").asLong())
                    .isEqualTo(requests.path("dynamodb").path("Query").asLong());

            JsonNode lambda = usage.path("lambda");
            assertThat(lambda.path("call-scheduler-create-call").path("invocations").asLong()).isEqualTo(1);
            assertThat(lambda.path("call-scheduler-dispatch").path("invocations").asLong()).isEqualTo(1);
            for (JsonNode function : lambda) {
                assertThat(function.path("memoryMb").asInt()).isEqualTo(1024); // the template's Globals
                assertThat(function.path("gbSeconds").asDouble())
                        .isCloseTo(function.path("billedMillis").asLong() / 1000.0, within(1e-9));
            }
            // Dispatch waits for the claim lead (2 s with DialPrecision=minute): that wait is billed.
            assertThat(lambda.path("call-scheduler-dispatch").path("billedMillis").asLong()).isGreaterThan(1000);

            // A list reads an index: eventually consistent, half a read unit a page.
            RunningCloud.send("GET", app.api.resolve("/calls"), null, 200);
            JsonNode afterList = usage(app);
            // (Counted from before the list: the fan-out may still list the endpoints once for the last callback.)
            long queries = afterList.path("requests").path("dynamodb").path("Query").asLong()
                    - requests.path("dynamodb").path("Query").asLong();
            assertThat(queries).isPositive();
            assertThat(afterList.path("dynamodb").path("eventuallyConsistentReads").asLong()
                    - dynamoDb.path("eventuallyConsistentReads").asLong()).isEqualTo(queries);
            assertThat(afterList.path("dynamodb").path("readRequestUnits").asDouble())
                    .isEqualTo(dynamoDb.path("readRequestUnits").asDouble() + queries / 2.0);
            assertThat(app.status(id)).isEqualTo("COMPLETED");
        }
    }

    private static JsonNode usage(RunningCloud app) {
        return RunningCloud.send("GET", app.api.resolve("/_local/usage"), null, 200);
    }
}
