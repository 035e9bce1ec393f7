package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twilio takes no idempotency key: a create sent again after its answer was lost is a second phone call. With the
 * simulator's Twilio API placing half the calls and answering only after the adapter gave up (lateAnswerRate), every
 * callee is still phoned exactly once: the dispatch asks Twilio's call list before sending anything again.
 */
class TwilioLostAnswersEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("CallProvider", "twilio",
            "DialRetryBackoffSeconds", "2"));

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void callsWhoseCreateAnswersAreAllLostArePlacedOnceEachAndComplete() {
        // Every create is placed, then answered only after the adapter's 5 s read timeout gave up on it.
        app().configureSimulator("{\"lateAnswerRate\": 1.0, \"lateAnswerMs\": 7000}");
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(app().create("+1415555%04d".formatted(8300 + i), null).path("id").asText());
            }

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String id : ids) {
                    assertThat(app().status(id)).as(id).isEqualTo("COMPLETED");
                }
            });
            for (String id : ids) {
                JsonNode dials = app().dials(id);
                assertThat(dials.path("placed").asInt()).as("Twilio calls placed for " + id).isEqualTo(1);
                assertThat(dials.path("requests").asInt()).as("creates sent for " + id + ": looked up, never re-sent")
                        .isEqualTo(1);
            }
        } finally {
            app().configureSimulator("{\"lateAnswerRate\": 0}");
        }
    }
}
