package io.callscheduler.localcloud.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call really waiting for calling hours: the window (in the callee's zone, London) closes 40 to 100 s after the
 * class loads; a call made inside it is busy and its redial falls after the close, so it waits for the next
 * opening, and its line says when, in the callee's time. A long claim lead has the redial checked well before it is due.
 */
// Side by side with the other classes (they run one after another): it mostly waits for a real minute to turn, on a
// local cloud of its own (its own free ports and data folder), as OnTheSecondEndToEndTest does.
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class CallingHoursWaitBrowserTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** The window's close: a whole minute, 40 to 100 s after the class loads (the cloud and the browser start, in seconds, meanwhile). */
    static final ZonedDateTime closes = ZonedDateTime.now(LONDON).plusSeconds(40).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    static final LocalTime opens = closes.toLocalTime().getHour() < 2 && !closes.toLocalTime().equals(LocalTime.MIDNIGHT)
            ? LocalTime.MIDNIGHT : closes.toLocalTime().minusHours(2);
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of(
            "CallingHours", opens.format(HH_MM) + "-" + (closes.toLocalTime().equals(LocalTime.MIDNIGHT) ? "24:00" : closes.format(HH_MM)),
            "DialClaimLeadSeconds", "50",
            "RedialAfterMinutesFloor", "0.05"));

    @Test
    void aRedialThatFallsAfterTheCallingHoursSaysWhenItDialsInTheCalleesTime() {
        browser.app().configureSimulator("{\"busyShare\": 1.0}");
        String id;
        try {
            // Due 5 s after the close, in minutes as the API takes them.
            double afterMinutes = Math.max(0.05, (Duration.between(Instant.now(), closes.toInstant()).toMillis() + 5_000) / 60_000.0);
            id = DeployedApp.send("POST", browser.app().api.resolve("/calls"), "{\"phoneNumber\": \"+14155550911\", "
                    + "\"contactName\": \"Hours Waiter\", \"calleeTimeZone\": \"Europe/London\", \"redial\": {\"on\": [\"BUSY\"], "
                    + "\"maxAttempts\": 2, \"afterMinutes\": " + afterMinutes + "}}", 201).path("id").asText();
            await().atMost(Duration.ofSeconds(150)).until(() -> "CALLING_HOURS".equals(browser.app().get(id).path("waitingFor").asText()));
        } finally {
            browser.app().configureSimulator("{\"busyShare\": 0}");
        }
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/upcoming");
        ZonedDateTime opening = ZonedDateTime.ofInstant(Instant.parse(browser.app().get(id).path("nextAttemptAt").asText()), LONDON);
        org.assertj.core.api.Assertions.assertThat(opening.toLocalTime()).isEqualTo(opens);
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Hours Waiter"));
        assertThat(row.locator(".badge")).hasText("Outside calling hours, dials "
                + opening.format(DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH)) + " " + opening.format(HH_MM) + " London time",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
    }
}
