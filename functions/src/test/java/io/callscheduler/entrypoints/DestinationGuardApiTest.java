package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination guard through the create function: a number outside AllowedCountryCodes is refused with 400,
 * a number past MaxCallsPerNumberPerDay with 429, each naming the field and the rule, and neither writes a call.
 */
class DestinationGuardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static CreateCallHandler create;
    private static ListCallsHandler list;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(app.environment);
        env.put("ALLOWED_COUNTRY_CODES", "1, +44");
        env.put("MAX_CALLS_PER_NUMBER_PER_DAY", "2");
        create = new CreateCallHandler(env);
        list = new ListCallsHandler(env);
    }


    private static JsonNode post(String body, int expectedStatus) {
        return ApiEvents.answer(create, ApiEvents.post(body), expectedStatus);
    }

    private static int callsListed() throws Exception {
        var response = list.handleRequest(ApiEvents.list(Map.of("limit", "100")), new TestContext());
        return JSON.readTree(response.getBody()).path("items").size();
    }

    @Test
    void callsGoOnlyToAllowedCountriesAndAtMostTheDailyCapToOneNumber() throws Exception {
        JsonNode france = post("{\"phoneNumber\": \"+33612345678\", \"scheduledAt\": \"now\"}", 400).path("error");
        assertThat(france.path("code").asText()).isEqualTo("COUNTRY_NOT_ALLOWED");
        assertThat(france.path("field").asText()).isEqualTo("phoneNumber");
        assertThat(france.path("message").asText()).contains("+33").contains("+1, +44");
        assertThat(callsListed()).isZero();

        String later = java.time.Instant.now().plusSeconds(3600).toString();
        post("{\"phoneNumber\": \"+442071838750\", \"scheduledAt\": \"" + later + "\"}", 201);
        post("{\"phoneNumber\": \"+442071838750\", \"scheduledAt\": \"" + later + "\"}", 201);
        JsonNode third = post("{\"phoneNumber\": \"+442071838750\", \"scheduledAt\": \"" + later + "\"}", 429).path("error");
        assertThat(third.path("code").asText()).isEqualTo("DAILY_LIMIT_REACHED");
        assertThat(third.path("field").asText()).isEqualTo("phoneNumber");
        assertThat(third.path("message").asText()).contains("+442071838750").contains("2 dial attempts").contains("MaxCallsPerNumberPerDay");
        assertThat(callsListed()).isEqualTo(2);

        // Another number has its own count, and an idempotent retry of a created call is not counted again.
        var keyed = create.handleRequest(ApiEvents.post("{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + later + "\"}",
                "guard-key-1"), new TestContext());
        assertThat(keyed.getStatusCode()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(create.handleRequest(ApiEvents.post("{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + later + "\"}",
                    "guard-key-1"), new TestContext()).getStatusCode()).as("replay " + i).isEqualTo(201);
        }
        post("{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + later + "\"}", 201);
        assertThat(callsListed()).isEqualTo(4);
    }
}
