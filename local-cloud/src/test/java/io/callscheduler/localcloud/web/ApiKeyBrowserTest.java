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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.callscheduler.localcloud.testing.Accessibility.assertNoSeriousA11yViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page against an API that requires a key (the default), in a real browser: config.js carries none, so
 * the page asks for it when the API answers 403, refuses a wrong one, keeps the right one across reloads,
 * sends it as x-api-key, says so in the list (never "Loading…" forever) when the user declined to give it, and
 * forgets it, after asking, together with the calls it showed.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class ApiKeyBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());


    @Test
    void thePageAsksForTheKeyRefusesAWrongOneKeepsTheRightOneAndForgetsItAfterAsking() {
        browser.app().createNamed("+14155550801", "Behind The Key", Instant.now().plusSeconds(3600));
        BrowserContext context = browser.chromium().parisContext(null);
        try {
            Page page = context.newPage();
            List<String> sentKeys = new CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if (request.url().startsWith(browser.app().api.toString()) && !request.method().equals("OPTIONS")) {
                    sentKeys.add(String.valueOf(request.headers().get("x-api-key")));
                }
            });
            page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/upcoming"); // where its scheduled call is
            assertThat(page.content()).doesNotContain(browser.app().cloud.apiKey());
            Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("API key"));
            assertThat(dialog).isVisible();
            assertThat(dialog).containsText("The API needs a key");
            // Spoken to the person who runs the tool, not to its developer.
            assertThat(dialog.locator(".hint")).hasText("Ask whoever runs Call Scheduler for the key; on a laptop it is in .local-cloud/api-key");

            // Not now: the page does not ask again by itself; the list says why it is empty and how to go on.
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Not now")).click();
            assertThat(dialog).isHidden();
            Locator calls = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Calls"));
            Locator keyNeeded = calls.getByText("The API needs its key.");
            assertThat(keyNeeded).isVisible();
            assertThat(calls.getByText("Loading…")).isHidden();
            assertThat(calls.getByRole(AriaRole.TABLE)).isHidden();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter the API key"))).isVisible();
            calls.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enter the key")).click();

            dialog.getByLabel("API key").fill("not-the-key");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
            assertThat(dialog.locator("#api-key-error")).hasText("The API refused that key. Check it and enter it again.");
            assertThat(storedKey(page)).isNull();

            dialog.getByLabel("API key").fill(browser.app().cloud.apiKey());
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
            assertThat(dialog).isHidden();
            Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Behind The Key"));
            assertThat(row.locator(".badge")).hasText("Scheduled");
            assertThat(keyNeeded).isHidden();
            assertThat(storedKey(page)).isEqualTo(browser.app().cloud.apiKey());
            assertThat(sentKeys).contains("null", "not-the-key", browser.app().cloud.apiKey());

            page.reload();
            assertThat(row.locator(".badge")).hasText("Scheduled");
            assertThat(dialog).isHidden();

            // Forgetting is a quiet control that asks first; keeping the key changes nothing.
            Locator forget = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Forget the API key"));
            assertThat(forget).hasClass("quiet");
            forget.click();
            Locator confirm = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Forget the key on this browser?"));
            assertThat(confirm).containsText("You will need it again to see calls.");
            assertNoSeriousA11yViolations(page);
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep the key")).click();
            assertThat(confirm).isHidden();
            assertThat(storedKey(page)).isEqualTo(browser.app().cloud.apiKey());
            assertThat(row).isVisible();

            // Forgotten: the calls it showed go with it, and the way back is offered.
            forget.click();
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Forget the key")).click();
            assertThat(storedKey(page)).isNull();
            assertThat(row).hasCount(0);
            assertThat(keyNeeded).isVisible();
            assertThat(page.locator(".filters .count").first()).isEmpty();
            assertThat(dialog).isHidden();
            Locator enter = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter the API key"));
            assertThat(enter).isVisible();
            assertThat(enter).isFocused();
            assertNoSeriousA11yViolations(page);

            enter.click();
            dialog.getByLabel("API key").fill(browser.app().cloud.apiKey());
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
            assertThat(row.locator(".badge")).hasText("Scheduled");
            assertThat(keyNeeded).isHidden();
        } finally {
            context.close();
        }
    }

    @Test
    void withoutAKeyThePageStopsPollingAndResumesOnceOneIsGiven() {
        BrowserContext context = browser.chromium().parisContext(null);
        try {
            Page page = context.newPage();
            page.clock().install(); // the page's timers run only when this test moves its clock on
            List<String> apiRequests = new CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if (request.url().startsWith(browser.app().api.toString()) && !request.method().equals("OPTIONS")) {
                    apiRequests.add(request.url());
                }
            });
            page.navigate(browser.app().cloud.webUrl().toString());
            Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("API key"));
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Not now")).click();
            Locator calls = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Calls"));
            assertThat(calls.getByText("The API needs its key.")).isVisible();

            // A minute without a key: not one request (each would be refused), where it polled every 3 s.
            int refused = apiRequests.size();
            page.clock().runFor(60_000);
            page.evaluate("1"); // every request event the page sent before this has reached the test
            assertThat(apiRequests).hasSize(refused);

            calls.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enter the key")).click();
            dialog.getByLabel("API key").fill(browser.app().cloud.apiKey());
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
            assertThat(calls.getByText("The API needs its key.")).isHidden();
            assertThat(calls.getByText("Loading…")).isHidden(); // the first page is in
            long loaded = apiRequests.stream().filter(url -> url.contains("/calls?")).count();
            page.clock().runFor(3_500);
            await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> {
                page.evaluate("1");
                return apiRequests.stream().filter(url -> url.contains("/calls?")).count() > loaded; // polling again
            });
        } finally {
            context.close();
        }
    }

    private static String storedKey(Page page) {
        return (String) page.evaluate("localStorage.getItem('call-scheduler.api-key')");
    }
}
