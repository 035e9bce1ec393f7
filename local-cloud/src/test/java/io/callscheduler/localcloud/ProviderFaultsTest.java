package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provider faults on the local cloud, end to end: an outage around the moment calls are due, and answers
 * lost after the provider placed the call. The dial retry backoff is 2 s here instead of a minute (the
 * template parameter), so the outage is scaled with it.
 */
@Execution(ExecutionMode.SAME_THREAD) // both tests set the one simulator's fault knobs
class ProviderFaultsTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("DialRetryBackoffSeconds", "2", "DialDeadlineMinutes", "2"));

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void callsDueDuringAnOutageAllCompleteOnceItEndsEachPlacedOnce() {
        app().configureSimulator("{\"serverErrorRate\": 1.0, \"lateAnswerRate\": 0}");
        Instant due = Instant.now().plusSeconds(8); // through the Scheduler, not "call now"
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(app().create("+1415555%04d".formatted(7000 + i), due).path("id").asText());
        }

        // Every call was tried, refused, and went back to wait for its next attempt: none failed.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : ids) {
                JsonNode call = app().get(id);
                assertThat(call.path("status").asText()).as(id).isEqualTo("SCHEDULED");
                assertThat(call.path("lastError").asText()).as(id).contains("503");
                assertThat(call.path("nextAttemptAt").asText()).as(id).isNotEmpty();
            }
        });
        app().configureSimulator("{\"serverErrorRate\": 0}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(app().status(id)).as(id).isEqualTo("COMPLETED");
            }
        });
        for (String id : ids) {
            JsonNode dials = app().dials(id);
            assertThat(dials.path("placed").asInt()).as("calls placed for " + id).isEqualTo(1);
            assertThat(dials.path("requests").asInt()).as("requests for " + id).isGreaterThan(1);
            JsonNode history = app().get(id).path("history");
            assertThat(history.toString()).contains("failed (POST /calls answered 503").contains("next attempt at");
        }
    }

    @Test
    void aCallWhoseAnswerIsLostAfterTheProviderPlacedItIsAdoptedAndCompletes() {
        app().configureSimulator("{\"serverErrorRate\": 0, \"lateAnswerRate\": 1.0, \"lateAnswerMs\": 8000}");
        try {
            String id = app().create("+14155557100", null).path("id").asText();

            await().atMost(Duration.ofSeconds(40)).until(() -> app().status(id).equals("COMPLETED"));
            JsonNode call = app().get(id);
            assertThat(call.path("externalCallId").asText()).startsWith("sim-");
            assertThat(call.path("lastError").isNull()).isTrue();
            assertThat(app().placed(id)).isEqualTo(1);
        } finally {
            app().configureSimulator("{\"lateAnswerRate\": 0}");
        }
    }
}
