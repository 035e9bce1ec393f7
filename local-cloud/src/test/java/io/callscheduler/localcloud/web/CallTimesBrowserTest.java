package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times in the callee's zone, in Chromium on the local cloud: a call to Kolkata seen from New York shows its time as
 * the callee reads it and "your time"; the header's "Show times in" changes "your time" and is kept; the form says
 * which zone the time is typed in, shows the callee's time, offers the calling hours' next opening, lists current zone
 * names and starts each new call in the viewer's zone. The calling hours are a two-hour window in Kolkata, hours away
 * from the test's now; every time is derived from now.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class CallTimesBrowserTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_HH_MM = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    static final LocalTime opens = CallingHoursBrowserTest.windowOpening(ZonedDateTime.now(KOLKATA).toLocalTime());
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of("CallingHours",
            opens.format(HH_MM) + "-" + opens.plusHours(2).format(HH_MM)));
    private BrowserContext context;

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aCallShowsTheCalleesTimeAndTheViewersAndTheHeaderChoosesTheViewersZone() {
        ZonedDateTime at = nextOpening().plusMinutes(30);
        JsonNode call = DeployedApp.send("POST", browser.app().api.resolve("/calls"), DeployedApp.JSON.createObjectNode()
                .put("phoneNumber", "+919876543210").put("contactName", "Asha Kolkata").put("calleeTimeZone", "Asia/Kolkata")
                .put("scheduledAt", at.toInstant().toString()).toString(), 201);
        context = browser.chromium().contextIn("America/New_York", browser.app().cloud.apiKey());
        Page page = context.newPage();
        page.navigate(browser.app().cloud.webUrl() + "#/calls/upcoming");

        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Asha Kolkata"));
        assertThat(row.locator(".when")).hasText(at.format(DAY_HH_MM) + " Kolkata");
        assertThat(row.locator(".viewer-time")).hasText("(" + at.withZoneSameInstant(NEW_YORK).format(HH_MM) + " your time)");
        // In the details too, as text (no hover needed).
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Asha Kolkata (+919876543210)")).click();
        Locator details = page.locator("#details-dialog");
        assertThat(details.locator("dd").nth(1)).hasText(at.format(DAY_HH_MM) + " Kolkata ("
                + at.withZoneSameInstant(NEW_YORK).format(HH_MM) + " your time)");
        details.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

        Locator choice = page.getByLabel("Show times in");
        assertThat(choice).hasValue("mine");
        choice.selectOption("UTC");
        assertThat(row.locator(".viewer-time")).hasText("(" + at.withZoneSameInstant(ZoneId.of("UTC")).format(HH_MM) + " UTC)");
        choice.selectOption("Asia/Tokyo");
        String tokyo = "(" + at.withZoneSameInstant(ZoneId.of("Asia/Tokyo")).format(HH_MM) + " Tokyo)";
        assertThat(row.locator(".viewer-time")).hasText(tokyo);
        // The callee's own time does not move with the viewer's choice; the choice is kept across a reload.
        assertThat(row.locator(".when")).hasText(at.format(DAY_HH_MM) + " Kolkata");
        page.reload();
        assertThat(page.getByLabel("Show times in")).hasValue("Asia/Tokyo");
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Asha Kolkata")).locator(".viewer-time")).hasText(tokyo);
        assertThat(call.path("callingTimeZones").get(0).asText()).isEqualTo("Asia/Kolkata");
    }

    @Test
    void theFormSaysItsZoneOffersTheNextAllowedTimeAndStartsTheNextCallInTheViewersZone() {
        context = browser.chromium().parisContext(browser.app().cloud.apiKey());
        Page page = context.newPage();
        page.navigate(browser.app().cloud.webUrl().toString());
        Locator form = page.locator("#schedule-panel");
        Locator time = form.getByLabel("Time, in Paris time");
        assertThat(time).hasAttribute("step", "60"); // hours and minutes only: no seconds to tab through
        // Current IANA names only, in the "when" zones and the callee's.
        for (String list : new String[] {"#new-zone option", "#calleeTimeZone-zones option"}) {
            assertThat(form.locator(list + "[value='Asia/Kolkata']")).hasCount(1);
            assertThat(form.locator(list + "[value='Europe/Kyiv']")).hasCount(1);
            assertThat(form.locator(list + "[value='Asia/Calcutta']")).hasCount(0);
            assertThat(form.locator(list + "[value='Europe/Kiev']")).hasCount(0);
        }

        page.getByLabel("Phone number").fill("+919876543211");
        page.getByLabel("Contact name (optional)").fill("Ravi Next");
        form.getByLabel("Callee's zone (optional)").fill("Asia/Kolkata");
        form.getByLabel("Time zone").selectOption("America/New_York");
        Locator nyTime = form.getByLabel("Time, in New York time");
        assertThat(nyTime).isVisible();
        ZonedDateTime soon = ZonedDateTime.now(NEW_YORK).plusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
        form.getByLabel("Date").fill(soon.format(DateTimeFormatter.ISO_LOCAL_DATE));
        nyTime.fill(soon.format(HH_MM));

        assertThat(page.locator("#calling-hours")).containsText("This time is outside them");
        assertThat(page.locator("#callee-time")).hasText("For the callee that is "
                + soon.withZoneSameInstant(KOLKATA).format(DAY_HH_MM) + " Kolkata.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use the next allowed time")).click();
        ZonedDateTime opening = nextOpening().withZoneSameInstant(NEW_YORK);
        assertThat(nyTime).hasValue(opening.format(HH_MM));
        assertThat(form.getByLabel("Date")).hasValue(opening.format(DateTimeFormatter.ISO_LOCAL_DATE));
        assertThat(page.locator("#calling-hours")).not().containsText("outside");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use the next allowed time"))).isHidden();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Ravi Next"));
        assertThat(row).isVisible();
        JsonNode call = browser.app().get(row.getAttribute("data-id"));
        assertThat(call.path("scheduledAt").asText()).isEqualTo(opening.toInstant().toString());
        assertThat(call.path("timeZone").asText()).isEqualTo("America/New_York");
        // The next call starts in the viewer's zone again, the time typed kept as the same moment.
        assertThat(form.getByLabel("Time zone")).hasValue("Europe/Paris");
        assertThat(form.getByLabel("Time, in Paris time")).hasValue(opening.withZoneSameInstant(PARIS).format(HH_MM));
    }

    /** The calling hours' next opening in Kolkata, after now. */
    private static ZonedDateTime nextOpening() {
        ZonedDateTime opening = ZonedDateTime.now(KOLKATA).with(opens).truncatedTo(ChronoUnit.MINUTES);
        return opening.isAfter(ZonedDateTime.now(KOLKATA)) ? opening : opening.plusDays(1);
    }
}
