package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a call outside the calling hours, in the callee's zone: refused with the window, the zone and the
 * next allowed moment. The window is set around the current time of the test, never a written-down date.
 */
class CallingHoursApiTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static CreateCallHandler create;
    private static CallingHoursHandler check;
    private static ZonedDateTime opens;

    @BeforeAll
    static void start() {
        // Every day for two hours, New York time, never holding now and never wrapping midnight: from four hours
        // ahead, or, late in the day, from six hours ago (its next opening tomorrow). Built from four hours ahead at
        // any hour, the window wrapped midnight from 18:00 New York time and the class failed to start.
        ZonedDateTime now = ZonedDateTime.now(NEW_YORK);
        opens = (now.getHour() <= 17 ? now.plusHours(4) : now.minusHours(6).plusDays(1)).truncatedTo(ChronoUnit.HOURS);
        Map<String, String> env = new HashMap<>(app.environment);
        env.put("CALLING_HOURS", opens.toLocalTime() + "-" + opens.toLocalTime().plusHours(2));
        create = new CreateCallHandler(env);
        check = new CallingHoursHandler(env);
    }


    private static JsonNode post(String body, int expectedStatus) {
        return ApiEvents.answer(create, ApiEvents.post(body), expectedStatus);
    }

    @Test
    void aCallNowOutsideTheWindowIsRefusedNamingTheWindowTheZoneAndTheNextMoment() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(opens.toLocalTime().isBefore(LocalTime.of(22, 0)), "window wraps midnight");

        JsonNode error = post("{\"phoneNumber\": \"+12125550123\"}", 400).path("error");

        assertThat(error.path("code").asText()).isEqualTo("OUTSIDE_CALLING_HOURS");
        assertThat(error.path("field").asText()).isEqualTo("scheduledAt");
        assertThat(error.path("message").asText()).contains(opens.toLocalTime() + "-" + opens.toLocalTime().plusHours(2))
                .contains("America/New_York").contains("next allowed moment is " + opens.toInstant());
    }

    @Test
    void inTheCalleesZoneInferredFromTheNumberOrGivenTheWindowDecides() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(opens.toLocalTime().isBefore(LocalTime.of(22, 0)), "window wraps midnight");
        String inside = opens.plusMinutes(30).toInstant().toString();

        JsonNode call = post("{\"phoneNumber\": \"+12125550123\", \"scheduledAt\": \"" + inside + "\"}", 201);
        assertThat(call.path("callingTimeZones").toString()).isEqualTo("[\"America/New_York\"]");

        // The same moment is outside the window in Tokyo, given as the callee's zone.
        JsonNode tokyo = post("{\"phoneNumber\": \"+12125550123\", \"scheduledAt\": \"" + inside
                + "\", \"calleeTimeZone\": \"Asia/Tokyo\"}", 400).path("error");
        assertThat(tokyo.path("code").asText()).isEqualTo("OUTSIDE_CALLING_HOURS");
        assertThat(tokyo.path("message").asText()).contains("Asia/Tokyo");

        JsonNode badZone = post("{\"phoneNumber\": \"+12125550123\", \"calleeTimeZone\": \"Mars/Base\"}", 400).path("error");
        assertThat(badZone.path("field").asText()).isEqualTo("calleeTimeZone");
    }

    private static JsonNode check(Map<String, String> query, int expectedStatus) {
        return ApiEvents.answer(check, ApiEvents.event("GET", "/calling-hours", "/calling-hours", null, null, query), expectedStatus);
    }

    @Test
    void thePageCanAskBeforeSendingWhetherATimeIsInsideTheWindowForTheNumber() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(opens.toLocalTime().isBefore(LocalTime.of(22, 0)), "window wraps midnight");
        String window = opens.toLocalTime() + "-" + opens.toLocalTime().plusHours(2) + " every day";

        JsonNode inside = check(Map.of("phoneNumber", "+12125550123", "scheduledAt", opens.plusMinutes(30).toInstant().toString()), 200);
        assertThat(inside.path("allowed").asBoolean()).isTrue();
        assertThat(inside.path("window").asText()).isEqualTo(window);
        assertThat(inside.path("zones").toString()).isEqualTo("[\"America/New_York\"]");
        assertThat(inside.path("nextAllowedAt").isNull()).isTrue();

        // "now" (no scheduledAt) is hours before the window opens: refused, with the moment it opens.
        JsonNode now = check(Map.of("phoneNumber", "+12125550123"), 200);
        assertThat(now.path("allowed").asBoolean()).isFalse();
        assertThat(now.path("nextAllowedAt").asText()).isEqualTo(opens.toInstant().toString());

        // A local time in the caller's zone, for a callee in Tokyo: checked there, as a create would be.
        JsonNode tokyo = check(Map.of("phoneNumber", "+12125550123", "calleeTimeZone", "Asia/Tokyo", "timeZone", "America/New_York",
                "scheduledAt", opens.plusMinutes(30).toLocalDateTime().toString()), 200);
        assertThat(tokyo.path("zones").toString()).isEqualTo("[\"Asia/Tokyo\"]");
        assertThat(tokyo.path("allowed").asBoolean()).isFalse();

        JsonNode badNumber = check(Map.of("phoneNumber", "555"), 400).path("error");
        assertThat(badNumber.path("field").asText()).isEqualTo("phoneNumber");
        assertThat(check(Map.of("phoneNumber", "+12125550123", "at", "x"), 400).path("error").path("code").asText())
                .isEqualTo("UNKNOWN_PARAMETER");
    }
}
