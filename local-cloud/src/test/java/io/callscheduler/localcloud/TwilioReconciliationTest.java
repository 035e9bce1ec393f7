package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When Twilio's callbacks are lost, the status sync polls the quiet calls and still follows them to the end. */
class TwilioReconciliationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("CallProvider", "twilio",
            "ReconcileAfterSeconds", "2"));

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void aCallWhoseCallbacksAreAllLostCompletesThroughTheReconciliationPoll() {
        app().configureSimulator("{\"callbackLossRate\": 1.0}");
        String id = app().create("+14155558200", null).path("id").asText();

        await().atMost(Duration.ofSeconds(40)).until(() -> app().status(id).equals("COMPLETED"));

        JsonNode call = app().get(id);
        assertThat(TwilioProviderEndToEndTest.providerUpdates(call)).isNotEmpty()
                .allSatisfy(update -> assertThat(update).doesNotContain("callback"));
        assertThat(call.path("durationSeconds").asInt()).isEqualTo(2);
        assertThat(app().placed(id)).isEqualTo(1);
    }
}
