package io.callscheduler.localcloud.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's server sends what CloudFront's SecurityHeadersPolicy sends on AWS (but HSTS, meaningless over
 * http) and a Content-Security-Policy that the page, used in a real browser, never breaks; and the policy
 * does block what it should (inline code, requests to other origins).
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class PageSecurityBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndAPolicyNamingTheApi() {
        URI web = browser.app().cloud.webUrl();
        String api = "http://localhost:" + browser.app().cloud.apiUrl().getPort();
        for (String path : List.of("/", "/js/app.js", "/styles.css", "/config.js", "/missing.html")) {
            HttpResponse<String> response = RunningCloud.exchange("GET", web.resolve(path), null);
            var headers = response.headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
            assertThat(headers.firstValue("X-XSS-Protection")).as(path).hasValue("1; mode=block");
            assertThat(headers.firstValue("Strict-Transport-Security")).as(path + ": ignored over http").isEmpty();
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValue("default-src 'self'; connect-src 'self' "
                    + api + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'");
        }
        URI numeric = URI.create("http://127.0.0.1:" + web.getPort() + "/");
        assertThat(RunningCloud.exchange("GET", numeric, null).headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the API under the host name the page was loaded from, as config.js names it")
                .contains("connect-src 'self' http://127.0.0.1:" + browser.app().cloud.apiUrl().getPort() + ";");
    }

    @Test
    void thePageWorksWithinItsPolicyAndThePolicyBlocksTheRest() {
        try (BrowserContext context = browser.chromium().parisContext(browser.app().cloud.apiKey())) {
            Page page = context.newPage();
            page.navigate(browser.app().cloud.webUrl().toString());
            page.getByLabel("Phone number").fill("+14155550661");
            page.getByLabel("Contact name (optional)").fill("Policy Keeper");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call now")).click();
            Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("Policy Keeper"));
            assertThat(row.locator(".badge")).containsText("Completed",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Details of the call to Policy Keeper (+14155550661)")).click();
            assertThat(page.locator("#details-dialog .timeline li").last()).containsText("Completed");
            page.keyboard().press("Escape");

            assertThat(browser.chromium().takeCspViolations()).as("the page's own scripts, styles and requests").isEmpty();

            // The policy holds: injected inline code does not run, nor does a request leave for another origin.
            Object inlineRan = page.evaluate("() => { const s = document.createElement('script');"
                    + " s.textContent = 'window.inlineRan = true'; document.head.append(s); return window.inlineRan === true; }");
            Object elsewhere = page.evaluate("() => fetch('http://127.0.0.1:9/steal').then(() => 'sent', () => 'blocked')");
            assertThat(inlineRan).isEqualTo(false);
            assertThat(elsewhere).isEqualTo("blocked");
            // Playwright delivers the page's console events only while a call into it is under way: each check
            // makes one, so that events that arrived late (a busy machine) are seen.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .untilAsserted(() -> {
                        page.evaluate("() => 0");
                        assertThat(String.join("\n", peekViolations()))
                                .contains("script-src-elem blocked inline").contains("http://127.0.0.1:9/steal");
                    });
        }
        browser.chromium().takeCspViolations(); // provoked here, not the page's: the context is closed, none comes later
    }

    private final List<String> seen = new java.util.ArrayList<>();

    /** Collects the violations so far (kept here, so the wait above can look more than once). */
    private List<String> peekViolations() {
        seen.addAll(browser.chromium().takeCspViolations());
        return seen;
    }
}
