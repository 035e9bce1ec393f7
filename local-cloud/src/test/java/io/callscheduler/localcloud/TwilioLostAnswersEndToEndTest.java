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
    void callsWhoseCreateAnswersAreLostArePlacedOnceEachAndComplete() {
        app().configureSimulator("{\"lateAnswerRate\": 0.5, \"lateAnswerMs\": 7000}");
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
            int lost = 0;
            for (String id : ids) {
                assertThat(app().placed(id)).as("Twilio calls placed for " + id).isEqualTo(1);
                if (answerTook(app().get(id)).compareTo(Duration.ofSeconds(5)) >= 0) {
                    lost++; // the adapter gave up after its 5 s read timeout; the call was adopted from Twilio's list
                }
            }
            assertThat(lost).as("calls whose create answer was lost (about half)").isPositive();
        } finally {
            app().configureSimulator("{\"lateAnswerRate\": 0}");
        }
    }

    /** From the claim to the history's "provider accepted the call as ...". */
    private static Duration answerTook(JsonNode call) {
        java.time.Instant dialing = null;
        for (JsonNode entry : call.path("history")) {
            String detail = entry.path("detail").asText();
            java.time.Instant at = java.time.Instant.parse(entry.path("at").asText());
            if (detail.startsWith("dialing")) {
                dialing = at;
            } else if (detail.startsWith("provider accepted the call as") && dialing != null) {
                return Duration.between(dialing, at);
            }
        }
        throw new AssertionError("no dial and answer in " + call.path("history"));
    }
}
