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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.callscheduler.localcloud.testing.Accessibility.assertNoSeriousA11yViolations;

/**
 * axe-core over every state of today's page a person meets: the list with calls in several states and the
 * form (on a desktop and a phone screen), the form's errors, the details, reschedule and cancel dialogs, the do-not-call
 * view and its remove confirmation, the campaigns' list, form errors and one campaign, the
 * API-key dialog and the state after "Not now" (ApiKeyBrowserTest checks the forget dialog). No violation at impact serious or critical is allowed in any of them.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class AccessibilityBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    @Test
    void theListTheFormAndTheCallDialogsHaveNoSeriousViolations() {
        browser.app().createNamed("+14155550901", "Ada Axe", Instant.now().plusSeconds(3600));
        String done = browser.app().createNamed("+14155550902", "Grace Done", Instant.now()).path("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> browser.app().status(done).equals("COMPLETED"));
        BrowserContext context = browser.chromium().parisContext(browser.app().cloud.apiKey());
        try {
            Page page = context.newPage();
            // Every view: Now and recent (the default), History, then Upcoming for the dialogs.
            page.navigate(browser.app().cloud.webUrl().toString());
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Grace Done")).locator(".badge")).hasAttribute("data-status", "COMPLETED");
            assertNoSeriousA11yViolations(page);
            page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/history");
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Grace Done"))).isVisible();
            assertNoSeriousA11yViolations(page);
            // The do-not-call view, with an entry, and its remove confirmation.
            io.callscheduler.localcloud.testing.DeployedApp.send("PUT", browser.app().api.resolve("/suppressions/%2B14155550903"),
                    "{\"reason\": \"asked not to be called\"}", 200);
            page.navigate(browser.app().cloud.webUrl().toString() + "#/do-not-call");
            Locator entry = page.locator("do-not-call-view tbody tr", new Page.LocatorOptions().setHasText("+14155550903"));
            assertThat(entry).isVisible();
            assertNoSeriousA11yViolations(page);
            entry.getByRole(AriaRole.BUTTON).click();
            assertThat(page.locator("#dnc-remove-dialog")).isVisible();
            assertNoSeriousA11yViolations(page);
            page.locator("#dnc-remove-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it")).click();
            // The campaigns: the list beside the new campaign's form, the form's errors, and one campaign.
            String campaign = io.callscheduler.localcloud.testing.DeployedApp.send("POST", browser.app().api.resolve("/campaigns"),
                    "{\"name\": \"Axe reminders\", \"message\": \"Hello {{contactName}}\"}", 201).path("id").asText();
            page.navigate(browser.app().cloud.webUrl().toString() + "#/campaigns");
            assertThat(page.locator("campaigns-view tbody tr", new Page.LocatorOptions().setHasText("Axe reminders"))).isVisible();
            assertNoSeriousA11yViolations(page);
            page.locator("campaigns-view").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create campaign")).click();
            assertThat(page.locator("#campaign-name-error")).not().isEmpty();
            assertNoSeriousA11yViolations(page);
            page.navigate(browser.app().cloud.webUrl().toString() + "#/campaigns/" + campaign);
            assertThat(page.locator("campaign-detail .campaign-state-line")).containsText("Draft.");
            assertNoSeriousA11yViolations(page);
            page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/upcoming");
            Locator ada = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Ada Axe"));
            assertThat(ada.locator(".badge")).hasAttribute("data-status", "SCHEDULED");
            assertNoSeriousA11yViolations(page);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
            assertThat(page.locator("#phoneNumber-error")).not().isEmpty();
            assertNoSeriousA11yViolations(page);

            ada.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Ada Axe (+14155550901)")).click();
            Locator details = page.locator("#details-dialog");
            assertThat(details).isVisible();
            assertThat(details.locator("dd").first()).isVisible();
            assertNoSeriousA11yViolations(page);
            details.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

            ada.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reschedule the call to Ada Axe (+14155550901)")).click();
            assertThat(page.locator("#reschedule-dialog")).isVisible();
            assertNoSeriousA11yViolations(page);
            page.locator("#reschedule-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

            ada.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Ada Axe (+14155550901)")).click();
            assertThat(page.locator("#cancel-dialog")).isVisible();
            assertNoSeriousA11yViolations(page);
            page.locator("#cancel-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it")).click();

            // A phone's screen: the rows become cards.
            page.setViewportSize(390, 844);
            assertThat(ada).isVisible();
            assertNoSeriousA11yViolations(page);
        } finally {
            context.close();
        }
    }

    /** The check itself: a page with known faults fails it, and the message says what and where. */
    @Test
    void theCheckFailsNamingTheRuleTheElementAndTheHelp() {
        BrowserContext context = browser.chromium().parisContext();
        try {
            Page page = context.newPage();
            page.setContent("<!doctype html><html lang='en'><head><title>Faults</title></head><body><main>"
                    + "<button id='mute'></button><p id='faint' style='color:#ddd;background:#fff'>Hard to read</p>"
                    + "<label for='x'>Fine</label><input id='x'></main></body></html>");
            assertThatThrownBy(() -> assertNoSeriousA11yViolations(page))
                    .hasMessageContaining("button-name (critical)").hasMessageContaining("#mute")
                    .hasMessageContaining("color-contrast (serious)").hasMessageContaining("#faint")
                    .hasMessageContaining("dequeuniversity.com/rules/axe/")
                    .hasMessageNotContaining("#x");
        } finally {
            context.close();
        }
    }

    @Test
    void theKeyDialogAndTheStateWithoutAKeyHaveNoSeriousViolations() {
        BrowserContext context = browser.chromium().parisContext(null);
        try {
            Page page = context.newPage();
            page.navigate(browser.app().cloud.webUrl().toString());
            Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("API key"));
            assertThat(dialog).isVisible();
            assertNoSeriousA11yViolations(page);

            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Not now")).click();
            assertThat(dialog).isHidden();
            assertNoSeriousA11yViolations(page);
        } finally {
            context.close();
        }
    }
}
