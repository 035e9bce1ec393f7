package io.callscheduler.localcloud.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Instant;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Keyboard and screen-reader users: focus comes back to the list after a dialog (to the call's row, or to the row
 * that took its place when the call left the view), and several changes found by one poll are read as one sentence.
 */
@Execution(ExecutionMode.SAME_THREAD) // one Playwright for the class, and Playwright is not thread-safe
class KeyboardAndScreenReaderBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    /** The call id of the row holding keyboard focus, or null when focus is not in the list. */
    private static String focusedRow(Page page) {
        return (String) page.evaluate("() => document.activeElement?.closest('call-list tbody tr')?.dataset.id ?? null");
    }

    @Test
    void focusReturnsToTheListAfterADialogNeverToTheTopOfThePage() {
        Instant now = Instant.now();
        String first = browser.app().createNamed("+14155550931", "Focus One", now.plusSeconds(3600)).path("id").asText();
        String second = browser.app().createNamed("+14155550932", "Focus Two", now.plusSeconds(7200)).path("id").asText();
        BrowserContext context = browser.chromium().parisContext(browser.app().cloud.apiKey());
        try {
            Page page = context.newPage();
            page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/upcoming");
            Locator one = page.locator("tbody tr[data-id='" + first + "']");
            Locator two = page.locator("tbody tr[data-id='" + second + "']");
            assertThat(two).isVisible();

            // A dialog closed without a change: back to the call's own row.
            two.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reschedule the call to Focus Two (+14155550932)")).click();
            page.locator("#reschedule-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
            page.waitForCondition(() -> second.equals(focusedRow(page)));

            // The details open with focus on Close, never on an action that a held Enter would set off.
            two.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Focus Two (+14155550932)")).press("Enter");
            assertThat(page.locator("#details-dialog")).isVisible();
            page.waitForCondition(() -> "Close".equals(page.evaluate("() => document.activeElement?.textContent")));
            page.keyboard().press("Escape");
            page.waitForCondition(() -> second.equals(focusedRow(page)));

            // A call canceled from Upcoming leaves the view: focus goes to the row that takes its place.
            one.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Focus One (+14155550931)")).click();
            page.locator("#cancel-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel call")).click();
            assertThat(one).hasCount(0);
            page.waitForCondition(() -> second.equals(focusedRow(page)));
        } finally {
            context.close();
        }
    }

    @Test
    void severalChangesFoundByOnePollAreReadAsOneSentence() {
        BrowserContext context = browser.chromium().parisContext(browser.app().cloud.apiKey());
        try {
            Page page = context.newPage();
            page.navigate(browser.app().cloud.webUrl().toString());
            page.evaluate("async () => {"
                    + " const live = await import('./js/views/calls/live.js');"
                    + " live.announceChanges(["
                    + "  { id: 'a', contactName: 'Ada', phoneNumber: '+14155550941', status: 'COMPLETED' },"
                    + "  { id: 'b', contactName: 'Grace', phoneNumber: '+14155550942', status: 'BUSY' }]);"
                    + "}");

            assertThat(page.locator("#announcer")).hasText(java.util.regex.Pattern.compile(
                    "^2 calls changed: Ada \\(\\+14155550941\\) is now .+; Grace \\(\\+14155550942\\) is now .+$"));
        } finally {
            context.close();
        }
    }
}
