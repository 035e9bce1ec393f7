package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which numbers calls may go to, through the functions as template.yaml configures them: valid numbers of the
 * default types pass; premium rate is refused even where AllowedCountryCodes admits the country, until
 * AllowedNumberTypes names it; the calling-hours check refuses what a create would. Nothing refused is written.
 * (BadInputTest holds issue 19's reproduction: each number refused, nothing written, scheduled or dialed.)
 */
class DialableNumbersApiTest {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();



    private static CreateCallHandler createWith(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(app.environment);
        env.putAll(settings);
        return new CreateCallHandler(env);
    }

    private static JsonNode post(CreateCallHandler create, String phoneNumber, int expectedStatus) {
        String later = Instant.now().plus(Duration.ofHours(2)).toString();
        return ApiEvents.answer(create, ApiEvents.post("{\"phoneNumber\": \"" + phoneNumber + "\", \"scheduledAt\": \""
                + later + "\"}"), expectedStatus);
    }

    private static JsonNode refusal(CreateCallHandler create, String phoneNumber) {
        int callsBefore = app.aws.dynamoDb().scan(r -> r.tableName(app.table)).count();
        JsonNode error = post(create, phoneNumber, 400).path("error");
        assertThat(error.path("code").asText()).isEqualTo("NUMBER_NOT_ALLOWED");
        assertThat(error.path("field").asText()).isEqualTo("phoneNumber");
        assertThat(app.aws.dynamoDb().scan(r -> r.tableName(app.table)).count()).as("calls written").isEqualTo(callsBefore);
        return error;
    }

    @Test
    void ordinaryLinesPassByDefaultAndTheRefusalsSayWhy() {
        var create = createWith(Map.of());
        assertThat(post(create, "+14155550123", 201).path("phoneNumber").asText()).isEqualTo("+14155550123");
        post(create, "+442071838750", 201);
        post(create, "+33612345678", 201);

        assertThat(refusal(create, "+19005550100").path("message").asText())
                .isEqualTo("phoneNumber +19005550100 is a premium-rate number; this deployment calls only FIXED_LINE,"
                        + " MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP numbers (AllowedNumberTypes: add PREMIUM_RATE"
                        + " to allow it)");
        assertThat(refusal(create, "+1415555").path("message").asText()).isEqualTo("phoneNumber +1415555 is too short for +1");
        assertThat(refusal(create, "+15555550100").path("message").asText()).contains("is not a number in any plan");
        assertThat(refusal(create, "+8821234567").path("message").asText()).contains("international network (+882)");
    }

    @Test
    void aCountryAllowedByCodeStillHasItsPremiumRangesRefused() {
        var create = createWith(Map.of("ALLOWED_COUNTRY_CODES", "1"));

        assertThat(refusal(create, "+19005550100").path("message").asText()).contains("premium-rate");
        assertThat(refusal(create, "+12129761234").path("message").asText()).as("the 976 exchange").contains("premium-rate");
        post(create, "+14155550124", 201);
    }

    @Test
    void allowedNumberTypesReAdmitsAType() {
        var create = createWith(Map.of("ALLOWED_COUNTRY_CODES", "1", "ALLOWED_NUMBER_TYPES", "FIXED_LINE_OR_MOBILE, premium_rate"));

        post(create, "+19005550100", 201);
        assertThat(refusal(create, "+18005550100").path("message").asText()).contains("is a toll-free number")
                .contains("calls only FIXED_LINE_OR_MOBILE, PREMIUM_RATE numbers");
    }

    @Test
    void theCallingHoursCheckRefusesWhatACreateWould() {
        var check = new CallingHoursHandler(app.environment);

        JsonNode error = ApiEvents.answer(check, ApiEvents.event("GET", "/calling-hours", "/calling-hours", null, null,
                Map.of("phoneNumber", "+19005550100")), 400).path("error");

        assertThat(error.path("code").asText()).isEqualTo("NUMBER_NOT_ALLOWED");
        assertThat(error.path("field").asText()).isEqualTo("phoneNumber");
        assertThat(ApiEvents.answer(check, ApiEvents.event("GET", "/calling-hours", "/calling-hours", null, null,
                Map.of("phoneNumber", "+14155550123")), 200).path("allowed").asBoolean()).isTrue();
    }
}
