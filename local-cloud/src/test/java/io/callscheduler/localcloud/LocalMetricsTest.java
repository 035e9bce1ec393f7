package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The functions' metrics without AWS: what they would publish to CloudWatch is on the API's port at
 * /_local/metrics, and the start-up output says where.
 */
class LocalMetricsTest {
    @TempDir
    Path data;

    @Test
    void aDialAndItsCallbacksShowOnTheLocalMetricsPage() {
        try (RunningCloud app = RunningCloud.start(data, null)) {
            assertThat(app.cloud.banner()).contains("Metrics       " + app.api + "/_local/metrics");
            String id = app.createNamed("+14155550901", "Counted", null).path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> app.status(id).equals("COMPLETED"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                // No key: a page of the local cloud's own, not an API route.
                JsonNode page = RunningCloud.send("GET", app.api.resolve("/_local/metrics"), null, 200);
                JsonNode metrics = page.path("metrics");
                assertThat(page.path("namespace").asText()).isEqualTo("CallScheduler");
                assertThat(metrics.path("CallsDialed").path("count").asLong()).isEqualTo(1);
                assertThat(metrics.path("DialLateness").path("unit").asText()).isEqualTo("seconds");
                assertThat(metrics.path("DialLateness").path("p99").asDouble()).isBetween(0.0, 5.0);
                assertThat(metrics.path("CallbacksReceived Provider=generic").path("count").asLong()).isGreaterThanOrEqualTo(2);
                assertThat(metrics.has("CallsFailed")).isFalse();
            });
            assertThat(RunningCloud.exchange("GET", app.api.resolve("/_local/metrics"), null, Map.of()).statusCode()).isEqualTo(200);
        }
    }
}
