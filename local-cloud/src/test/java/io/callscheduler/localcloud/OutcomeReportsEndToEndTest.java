package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outcome reports on the local cloud: calls that end through the real pipeline (one answered, one canceled) reach the
 * report through the table's stream and the aggregating function, and GET /reports/outcomes answers them.
 */
class OutcomeReportsEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension();

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void callsThatEndAreCountedInTheReportThroughTheStream() throws Exception {
        app().configureSimulator(DeployedApp.QUICK_CALLS);
        String answered = app().createNamed("+14155559301", "Ada", null).path("id").asText();
        JsonNode waiting = app().create("+14155559302", Instant.parse(app().get(answered).path("createdAt").asText())
                .plus(Duration.ofDays(1)));
        DeployedApp.send("DELETE", app().api.resolve("/calls/" + waiting.path("id").asText()), null, 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> app().status(answered).equals("COMPLETED"));

        // The range from the calls' own times, not this machine's clock.
        Instant created = Instant.parse(app().get(answered).path("createdAt").asText()).truncatedTo(ChronoUnit.HOURS);
        String query = "/reports/outcomes?groupBy=hourOfDay&from=" + created.minus(Duration.ofHours(1))
                + "&to=" + created.plus(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = DeployedApp.send("GET", app().api.resolve(query), null, 200);
            assertThat(report.path("totals").path("calls").asLong()).isEqualTo(2);
            assertThat(report.path("totals").path("answered").asLong()).isEqualTo(1);
            assertThat(report.path("totals").path("canceled").asLong()).isEqualTo(1);
            assertThat(report.path("totals").path("talkTimeCalls").asLong()).isEqualTo(1);
            assertThat(report.path("asOf").isTextual()).isTrue();
        });
        HttpResponse<String> csv = DeployedApp.exchange("GET", app().api.resolve(query + "&format=csv"), null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("\"total\",\"2\",\"1\"");
    }
}
