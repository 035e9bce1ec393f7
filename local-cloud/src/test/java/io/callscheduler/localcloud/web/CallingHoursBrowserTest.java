package io.callscheduler.localcloud.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page with calling hours, in a real browser: it shows the window for the number being typed (a +1 415
 * number rings in Los Angeles) and refuses a time outside it before sending anything, naming the next allowed
 * moment; a time inside it is scheduled. The window is set two hours wide, hours away from the test's now.
 */
class CallingHoursBrowserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** A window that neither holds the test's now nor wraps midnight: 3 to 5 hours ahead, or 5 to 3 hours ago. */
    static final LocalTime opens = windowOpening(ZonedDateTime.now(LOS_ANGELES).toLocalTime());
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of("CallingHours",
            opens.format(HH_MM) + "-" + opens.plusHours(2).format(HH_MM)));

    static LocalTime windowOpening(LocalTime now) {
        return (now.getHour() <= 18 ? now.plusHours(3) : now.minusHours(5)).truncatedTo(ChronoUnit.HOURS);
    }

    @Test
    void aTimeOutsideTheCalleesCallingHoursIsRefusedBeforeSendingAndOneInsideIsScheduled() {
        BrowserContext context = browser.chromium().parisContext(browser.app().cloud.apiKey());
        try {
            Page page = context.newPage();
            java.util.List<String> creates = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if (request.method().equals("POST") && request.url().endsWith("/calls")) {
                    creates.add(request.url());
                }
            });
            page.navigate(browser.app().cloud.webUrl().toString());
            Locator form = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Schedule a call"));
            ZonedDateTime soon = ZonedDateTime.now(PARIS).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
            page.getByLabel("Phone number").fill("+14155550701");
            page.getByLabel("Contact name (optional)").fill("Outside Hours");
            fillTime(form, soon);

            Locator hint = page.locator("#calling-hours");
            String window = opens.format(HH_MM) + "-" + opens.plusHours(2).format(HH_MM) + " every day";
            assertThat(hint).containsText("Calls to this number dial " + window + ", in America/Los Angeles.");
            assertThat(hint).containsText("This time is outside them; the next allowed moment is");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
            assertThat(page.locator("#new-when-error")).containsText("Outside the calling hours");
            assertThat(form.getByLabel("Date")).hasAttribute("aria-invalid", "true");
            assertThat(creates).as("no create was sent").isEmpty();
            assertThat(DeployedApp.send("GET", browser.app().api.resolve("/calls"), null, 200).path("items")).isEmpty();

            ZonedDateTime nextOpening = ZonedDateTime.now(LOS_ANGELES).with(opens);
            if (!nextOpening.isAfter(ZonedDateTime.now(LOS_ANGELES))) {
                nextOpening = nextOpening.plusDays(1);
            }
            ZonedDateTime inside = nextOpening.plusMinutes(30).withZoneSameInstant(PARIS);
            fillTime(form, inside);
            assertThat(hint).not().containsText("outside");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Outside Hours")).locator(".badge"))
                    .hasText("Scheduled");
            assertThat(creates).hasSize(1);

            // Moved back outside the window: refused in the dialog, no change sent.
            java.util.List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if (request.method().equals("PATCH")) {
                    changes.add(request.url());
                }
            });
            page.locator("tbody tr", new Page.LocatorOptions().setHasText("Outside Hours")).getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Reschedule the call to Outside Hours (+14155550701)")).click();
            Locator dialog = page.locator("#reschedule-dialog");
            dialog.locator("#move-zone").selectOption("Europe/Paris");
            dialog.locator("#move-date").fill(soon.format(DateTimeFormatter.ISO_LOCAL_DATE));
            dialog.locator("#move-time").fill(soon.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save new time")).click();
            assertThat(dialog.locator("#move-when-error")).containsText("Outside the calling hours");
            assertThat(changes).isEmpty();
        } finally {
            context.close();
        }
    }

    private static void fillTime(Locator form, ZonedDateTime at) {
        form.getByLabel("Date").fill(at.format(DateTimeFormatter.ISO_LOCAL_DATE));
        form.getByLabel("Time, in Paris time").fill(at.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
    }
}
