package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19's reproduction on the local cloud with the template's default parameters: "call now" to satellite
 * networks, Ascension, a US 900 number, an unassigned code and a number too short for +1 each answers 400
 * NUMBER_NOT_ALLOWED and the simulator is never asked to dial them, while an ordinary number sent after them
 * is dialed (so the silence is the guard's, not a pipeline that dials nothing).
 */
class DestinationsEndToEndTest {
    private static final List<String> FRAUD_PRONE = List.of("+8821234567", "+8816123456", "+247123456", "+19005550100",
            "+999123456789", "+1415555");

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension();

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void fraudProneNumbersAreRefusedAndNeverDialedWhileAnOrdinaryOneIs() throws Exception {
        for (String number : FRAUD_PRONE) {
            HttpResponse<String> response = DeployedApp.exchange("POST", app().api.resolve("/calls"),
                    "{\"phoneNumber\": \"" + number + "\", \"contactName\": \"Fraud\"}");
            assertThat(response.statusCode()).as(number + ": " + response.body()).isEqualTo(400);
            JsonNode error = DeployedApp.JSON.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).as(number).isEqualTo("NUMBER_NOT_ALLOWED");
            assertThat(error.path("field").asText()).as(number).isEqualTo("phoneNumber");
            assertThat(error.path("message").asText()).as(number).startsWith("phoneNumber " + number + " ");
        }

        String ordinary = app().create("+14155550123", null).path("id").asText();

        await().atMost(app().callNowLatency().plusSeconds(10)).until(() -> app().placed(ordinary) == 1);
        JsonNode dials = DeployedApp.send("GET", app().callApi.resolve("/_sim/dials"), null, 200);
        assertThat(dials.path("totalRequests").asInt()).as("dial requests, the ordinary call's only").isEqualTo(1);
        assertThat(dials.path("calls").size()).isEqualTo(1);
        JsonNode listed = DeployedApp.send("GET", app().api.resolve("/calls?limit=100"), null, 200).path("items");
        assertThat(listed).extracting(call -> call.path("id").asText()).containsExactly(ordinary);
    }
}
