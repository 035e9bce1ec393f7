package io.callscheduler.metrics.powertools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.metrics.RecordedMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Powertools writes for recorded metrics, read back as CloudWatch reads it: embedded-metric-format JSON
 * documents on standard output, namespace CallScheduler, the function as the Service dimension, and the
 * reason, kind, rule or provider as a second dimension where there is one.
 */
@Isolated // replaces System.out for a moment
class PowertoolsMetricsPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordedMetricsBecomeEmbeddedMetricFormatDocuments() throws Exception {
        RecordedMetrics metrics = new RecordedMetrics(new PowertoolsMetricsPublisher("call-scheduler-dispatch"));
        metrics.dialed(Duration.ofMillis(1500));
        metrics.failed(CallMetrics.FailureReason.DIAL_DEADLINE);
        metrics.providerError(CallMetrics.ProviderErrorKind.RATE_LIMITED);
        metrics.held(CallMetrics.HoldReason.CALLING_HOURS, Duration.ofMinutes(2));
        metrics.callback("twilio", false);
        metrics.statusSync(Duration.ofMillis(840), 3);

        List<JsonNode> documents = captureDocuments(metrics::publish);

        assertThat(documents).allSatisfy(document -> {
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("CallScheduler");
            assertThat(document.path("_aws").path("Timestamp").isNumber()).isTrue();
            assertThat(document.path("Service").asText()).isEqualTo("call-scheduler-dispatch");
        });
        JsonNode plain = documents.stream().filter(d -> d.has("CallsDialed")).findFirst().orElseThrow();
        assertThat(plain.path("CallsDialed").asDouble()).isEqualTo(1.0);
        assertThat(plain.path("DialLateness").asDouble()).isEqualTo(1.5);
        assertThat(plain.path("StatusSyncDuration").asDouble()).isEqualTo(840.0);
        assertThat(plain.path("CallsReconciled").asDouble()).isEqualTo(3.0);
        assertThat(plain.path("CallsFailed").asDouble()).isEqualTo(1.0);
        assertThat(units(plain)).contains("DialLateness=Seconds", "StatusSyncDuration=Milliseconds", "CallsDialed=Count");

        assertThat(dimensioned(documents, "CallsFailed", "Reason")).isEqualTo("DIAL_DEADLINE");
        assertThat(dimensioned(documents, "ProviderErrors", "Kind")).isEqualTo("RATE_LIMITED");
        assertThat(dimensioned(documents, "DialHeld", "Rule")).isEqualTo("CALLING_HOURS");
        assertThat(dimensioned(documents, "CallbacksRejected", "Provider")).isEqualTo("twilio");
        JsonNode held = documents.stream().filter(d -> d.has("DialHeld")).findFirst().orElseThrow();
        assertThat(held.path("DialHeld").asDouble()).isEqualTo(120.0);
        assertThat(held.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).toString())
                .contains("Service", "Rule");
    }

    /** The value of {@code dimension} in the document that carries {@code metric} under it. */
    private static String dimensioned(List<JsonNode> documents, String metric, String dimension) {
        return documents.stream().filter(d -> d.has(metric) && d.has(dimension)).findFirst()
                .map(d -> d.path(dimension).asText()).orElseThrow(() -> new AssertionError(metric + " by " + dimension));
    }

    private static List<String> units(JsonNode document) {
        List<String> units = new ArrayList<>();
        document.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")
                .forEach(m -> units.add(m.path("Name").asText() + "=" + m.path("Unit").asText()));
        return units;
    }

    private static List<JsonNode> captureDocuments(Runnable publish) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            publish.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(JSON.readTree(line));
            }
        }
        assertThat(documents).as("EMF documents in:\n" + captured).isNotEmpty();
        return documents;
    }
}
