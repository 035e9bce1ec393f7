package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.callinghours.libphonenumber.LibPhoneNumberCalleeZones;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.model.Call;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No answer a user can get from {@code POST /calls} or {@code GET /calling-hours} is a 5xx, whatever the number
 * and the calling hours: every region libphonenumber has an example number for (fixed line, mobile, toll-free)
 * and every non-geographic service, under several windows, at several moments of a clock the test sets. A 400
 * names a field and a reason; a create agrees with the verdict {@code GET /calling-hours} gave for the same time.
 *
 * <p>The moments are fixed instants, never today's: in January (northern winter) and in the March weeks when
 * the US has moved its clocks and Europe has not, on weekdays and a Saturday night. Calls are really stored
 * (DynamoDB Local); their schedules and "call now" dispatches are only recorded, as the service's clock is not
 * the real one and real schedules would fire at real times. Overnight windows (22:00-06:00) are not a
 * configuration CallingWindow accepts (it refuses them at start-up: CallingWindowTest), so none is swept.
 */
class CallingHoursEveryRegionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final List<CallingWindow> WINDOWS = List.of(CallingWindow.parse("09:00-17:00", ""),
            CallingWindow.parse("08:00-21:00", ""), CallingWindow.parse("09:00-17:00", "Mon-Fri"),
            CallingWindow.parse("20:00-24:00", "Mon-Sat"));
    /** Next year's dates, found from the calendar's rules rather than written down (they would one day be past). */
    private static final int YEAR = java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 1;
    private static final java.time.LocalDate A_JANUARY_MONDAY = java.time.LocalDate.of(YEAR, 1, 1)
            .with(java.time.temporal.TemporalAdjusters.firstInMonth(java.time.DayOfWeek.MONDAY));
    /** The Monday after the US moves to summer time (second Sunday of March), before Europe does (last Sunday). */
    private static final java.time.LocalDate US_SUMMER_EUROPE_NOT = java.time.LocalDate.of(YEAR, 3, 1)
            .with(java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(2, java.time.DayOfWeek.SUNDAY)).plusDays(1);
    private static final List<Instant> MOMENTS = List.of(at(A_JANUARY_MONDAY, "06:00"), // a Monday
            at(A_JANUARY_MONDAY, "15:30"), at(US_SUMMER_EUROPE_NOT, "20:30"), // US on summer time, Europe not yet
            at(US_SUMMER_EUROPE_NOT.minusDays(2), "23:30")); // a Saturday night in UTC, Sunday in Asia

    private static Instant at(java.time.LocalDate day, String utcTime) {
        return day.atTime(java.time.LocalTime.parse(utcTime)).toInstant(java.time.ZoneOffset.UTC);
    }
    /** The moments creates are sent at too (each allowed one is a write: all four would double the run's time). */
    private static final Set<Instant> CREATE_AT = Set.of(MOMENTS.get(0), MOMENTS.get(2));
    private static CallStore store;
    private static LibPhoneNumberCalleeZones calleeZones;

    @BeforeAll
    static void start() {
        store = new DynamoDbCallStore(LocalAws.get().dynamoDb(), LocalAws.get().newCallsTable());
        calleeZones = new LibPhoneNumberCalleeZones();
    }

    /** The example numbers of every region and non-geographic service, each once, in E.164. */
    static Set<String> exampleNumbers() {
        Set<String> numbers = new TreeSet<>();
        for (String region : PHONE_NUMBERS.getSupportedRegions()) {
            add(numbers, PHONE_NUMBERS.getExampleNumber(region));
            for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE)) {
                add(numbers, PHONE_NUMBERS.getExampleNumberForType(region, type));
            }
        }
        for (int code : PHONE_NUMBERS.getSupportedGlobalNetworkCallingCodes()) {
            add(numbers, PHONE_NUMBERS.getExampleNumberForNonGeoEntity(code));
        }
        return numbers;
    }

    private static void add(Set<String> numbers, PhoneNumber number) {
        if (number != null) {
            numbers.add(PHONE_NUMBERS.format(number, PhoneNumberFormat.E164));
        }
    }

    /** The deployment under one window, with its clock: handlers on the production wiring's pieces. */
    private record Deployment(MutableClock clock, CreateCallHandler create, CallingHoursHandler check,
                              RescheduleCallHandler reschedule) {
        static Deployment of(CallingWindow window) {
            MutableClock clock = new MutableClock(MOMENTS.get(0));
            DialScheduler recorded = new DialScheduler() {
                @Override
                public void schedule(Call call, Duration lead) {
                }

                @Override
                public void unschedule(String callId) {
                }
            };
            CallService calls = new CallService(store, recorded, request -> { }, clock, CallScripts.ScriptRules.NONE,
                    new CallingHours(window, () -> calleeZones), RedialPolicy.OFF,
                    io.callscheduler.redial.RedialLimits.DEFAULT, new DestinationGuard(Set.of(), 0, LibPhoneNumberCallingCodes::new));
            return new Deployment(clock, new CreateCallHandler(calls, "*"), new CallingHoursHandler(calls, "*"),
                    new RescheduleCallHandler(calls, "*"));
        }

        void at(Instant moment) {
            clock.advance(Duration.between(clock.instant(), moment));
        }
    }

    @Test
    void noNumberWindowOrMomentGetsA5xxAndEveryRefusalNamesAFieldAndAReason() throws Exception {
        Set<String> numbers = exampleNumbers();
        assertThat(numbers).as("example numbers").hasSizeGreaterThan(500);
        List<String> defects = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();

        for (CallingWindow window : WINDOWS) {
            Deployment app = Deployment.of(window);
            for (Instant moment : MOMENTS) {
                app.at(moment);
                String later = moment.plus(Duration.ofHours(3)).toString();
                for (String number : numbers) {
                    String where = window + ", clock " + moment + ", " + number;
                    JsonNode now = answer(app.check, calling(number, null), where + ", GET now", defects, answers);
                    JsonNode verdict = answer(app.check, calling(number, later), where + ", GET at " + later, defects, answers);
                    if (!CREATE_AT.contains(moment)) {
                        continue;
                    }
                    JsonNode created = answer(app.create, ApiEvents.post("{\"phoneNumber\": \"" + number + "\", \"scheduledAt\": \""
                            + later + "\"}"), where + ", POST at " + later, defects, answers);
                    agree(verdict, created, where, defects);
                    if (moment.equals(MOMENTS.get(0))) {
                        JsonNode createdNow = answer(app.create, ApiEvents.post("{\"phoneNumber\": \"" + number + "\"}"),
                                where + ", POST now", defects, answers);
                        agree(now, createdNow, where + " (now)", defects);
                    }
                }
            }
        }

        assertThat(defects).as("defects, of " + answers).isEmpty();
        // Not vacuous: calls were created and refused, and zones that never share an opening were met.
        assertThat(answers).containsKeys("201", "200 allowed", "200 refused", "400 OUTSIDE_CALLING_HOURS scheduledAt",
                "400 OUTSIDE_CALLING_HOURS calleeTimeZone", "200 refused, never open");
        System.out.println("calling hours over " + numbers.size() + " numbers, " + WINDOWS.size() + " windows, "
                + MOMENTS.size() + " moments: " + answers);
    }

    @Test
    void aNumberWhoseZonesNeverShareAnOpeningIsRefusedInPlainWordsNamingCalleeTimeZone() throws Exception {
        // A US toll-free number may ring anywhere from Guam (UTC+10) to Adak (UTC-10): no 09:00-17:00 in all at once.
        Deployment app = Deployment.of(CallingWindow.parse("09:00-17:00", ""));
        String tomorrow = MOMENTS.get(0).plus(Duration.ofDays(1)).toString();

        JsonNode refused = ApiEvents.answer(app.create, ApiEvents.post("{\"phoneNumber\": \"+18005550123\", \"scheduledAt\": \""
                + tomorrow + "\"}"), 400).path("error");
        assertThat(refused.path("code").asText()).isEqualTo("OUTSIDE_CALLING_HOURS");
        assertThat(refused.path("field").asText()).isEqualTo("calleeTimeZone");
        assertThat(refused.path("message").asText()).contains("Pacific/Guam", "America/Adak")
                .contains("never share an open moment within the calling hours (09:00-17:00 every day)")
                .contains("give calleeTimeZone");

        JsonNode verdict = ApiEvents.answer(app.check, calling("+18005550123", tomorrow), 200);
        assertThat(verdict.path("allowed").asBoolean()).isFalse();
        assertThat(verdict.path("nextAllowedAt").isNull()).isTrue();
        assertThat(verdict.path("reason").asText()).isEqualTo(refused.path("message").asText());

        // Pinned to the callee's zone, the same number is an ordinary call: refused at night, created by day.
        String nightInChicago = MOMENTS.get(0).plus(Duration.ofHours(3)).toString(); // 03:00 in Chicago
        JsonNode night = ApiEvents.answer(app.create, ApiEvents.post("{\"phoneNumber\": \"+18005550123\", \"scheduledAt\": \""
                + nightInChicago + "\", \"calleeTimeZone\": \"America/Chicago\"}"), 400).path("error");
        assertThat(night.path("field").asText()).isEqualTo("scheduledAt");
        Instant nineInChicago = at(A_JANUARY_MONDAY, "15:00"); // 09:00 CST
        assertThat(night.path("message").asText()).contains("the next allowed moment is " + nineInChicago);
        JsonNode pinned = ApiEvents.answer(app.create, ApiEvents.post("{\"phoneNumber\": \"+18005550123\", \"scheduledAt\": \""
                + nineInChicago + "\", \"calleeTimeZone\": \"America/Chicago\"}"), 201);
        assertThat(pinned.path("callingTimeZones").toString()).isEqualTo("[\"America/Chicago\"]");
    }

    @Test
    void aCallWhoseZonesNoLongerShareAnOpeningCannotBeRescheduledAndIsToldHowToRecreateIt() throws Exception {
        // Created while the window was 08:00-21:00 (open in every US zone at once for a few hours a day) ...
        Deployment wide = Deployment.of(CallingWindow.parse("08:00-21:00", ""));
        JsonNode verdict = ApiEvents.answer(wide.check, calling("+18005550123", null), 200);
        wide.at(Instant.parse(verdict.path("allowed").asBoolean() ? verdict.path("scheduledAt").asText()
                : verdict.path("nextAllowedAt").asText()));
        String id = ApiEvents.answer(wide.create, ApiEvents.post("{\"phoneNumber\": \"+18005550123\", \"scheduledAt\": \""
                + wide.clock.instant().plus(Duration.ofMinutes(10)) + "\"}"), 201).path("id").asText();

        // ... then rescheduled under 09:00-17:00, which its zones never share.
        Deployment narrow = Deployment.of(CallingWindow.parse("09:00-17:00", ""));
        narrow.at(wide.clock.instant());
        JsonNode refused = ApiEvents.answer(narrow.reschedule, ApiEvents.onCall("PATCH", id, "{\"scheduledAt\": \""
                + wide.clock.instant().plus(Duration.ofDays(1)) + "\"}"), 400).path("error");

        assertThat(refused.path("code").asText()).isEqualTo("OUTSIDE_CALLING_HOURS");
        assertThat(refused.path("message").asText()).contains("never share an open moment")
                .contains("cancel this call and create it again with calleeTimeZone");
    }

    private static APIGatewayProxyRequestEvent calling(String number, String scheduledAt) {
        return ApiEvents.event("GET", "/calling-hours", "/calling-hours", null, null,
                scheduledAt == null ? Map.of("phoneNumber", number) : Map.of("phoneNumber", number, "scheduledAt", scheduledAt));
    }

    /** The answer's body; a 5xx, a 4xx without a field or reason, or a refusal without a reason is a defect. */
    private static JsonNode answer(ApiHandler handler, APIGatewayProxyRequestEvent request, String where,
                                   List<String> defects, Map<String, Integer> answers) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request, new TestContext());
        JsonNode body = JSON.readTree(response.getBody());
        int status = response.getStatusCode();
        JsonNode error = body.path("error");
        String kind = String.valueOf(status);
        if (status >= 500) {
            defects.add(where + ": " + status + " " + response.getBody());
        } else if (status >= 400) {
            kind += " " + error.path("code").asText() + ("OUTSIDE_CALLING_HOURS".equals(error.path("code").asText())
                    ? " " + error.path("field").asText() : "");
            if (error.path("field").asText().isBlank() || error.path("message").asText().isBlank()
                    || error.path("code").asText().isBlank()) {
                defects.add(where + ": a " + status + " without a field, code or reason: " + response.getBody());
            }
        } else if (status == 200) {
            kind += body.path("allowed").asBoolean() ? " allowed" : " refused";
            if (!body.path("allowed").asBoolean()) {
                if (body.path("reason").asText().isBlank()) {
                    defects.add(where + ": refused without a reason: " + response.getBody());
                }
                if (body.path("nextAllowedAt").isNull()) {
                    kind += ", never open";
                    if (!body.path("reason").asText().contains("calleeTimeZone")) {
                        defects.add(where + ": never open, and the reason does not name calleeTimeZone: " + response.getBody());
                    }
                }
            }
        }
        answers.merge(kind, 1, Integer::sum);
        return body;
    }

    /** A create answers as the verdict for the same time said it would: created inside, refused outside. */
    private static void agree(JsonNode verdict, JsonNode created, String where, List<String> defects) {
        if (!verdict.has("allowed")) {
            return; // the number itself was refused, by both
        }
        boolean refusedForHours = "OUTSIDE_CALLING_HOURS".equals(created.path("error").path("code").asText());
        if (verdict.path("allowed").asBoolean() == refusedForHours) {
            defects.add(where + ": GET /calling-hours said " + verdict + " but POST /calls answered " + created);
        } else if (refusedForHours && !created.path("error").path("message").asText().equals(verdict.path("reason").asText())) {
            defects.add(where + ": the create's refusal and the verdict's reason differ: " + created + " / " + verdict);
        }
    }
}
