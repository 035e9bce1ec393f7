package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists tell the truth, in Chromium on the local cloud: counts follow the search, "Showing 25 of 31", a search
 * that ignores accents, an empty result that says where the matches are (with a link there), the Now view's count
 * from the API's, and a phone number typed with spaces and dashes cleaned before it is checked and sent.
 * 31 upcoming calls (one "Zoë Müller") and three canceled "Grace Hopper" calls (History, and Now's last hour).
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallListsBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());
    private Page page;

    @BeforeAll
    static void calls() {
        Instant later = Instant.now().plus(Duration.ofHours(3));
        for (int i = 0; i < 30; i++) {
            browser.app().createNamed(String.format("+1415555%04d", 2000 + i), "Bulk " + i, later.plusSeconds(i * 60L));
        }
        browser.app().createNamed("+14155552100", "Zoë Müller", later.plus(Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            JsonNode call = browser.app().createNamed(String.format("+1415555%04d", 2200 + i), "Grace Hopper " + i,
                    later.plus(Duration.ofHours(2)));
            DeployedApp.send("DELETE", browser.app().api.resolve("/calls/" + call.path("id").asText()), null, 200);
        }
    }

    @BeforeEach
    void open() {
        page = browser.parisPage();
    }

    @Test
    @Order(1)
    void aLongListSaysHowManyItShowsOfHowManyAndTheNowCountIsTheApis() {
        page.navigate(browser.app().cloud.webUrl() + "#/calls/upcoming");
        assertThat(page.locator(".showing")).hasText("Showing 25 of 31");
        assertThat(view("Upcoming").locator(".count")).hasText("31");
        assertThat(view("History").locator(".count")).hasText("3");
        String now = DeployedApp.send("GET", browser.app().api.resolve("/calls/counts"), null, 200).path("views").path("now").asText();
        assertThat(view("Now and recent").locator(".count")).hasText(now);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more")).click();
        assertThat(page.locator(".showing")).hasText("Showing all 31");
    }

    @Test
    @Order(2)
    void countsFollowTheSearchAndItIgnoresAccents() {
        page.navigate(browser.app().cloud.webUrl() + "#/calls/upcoming");
        assertThat(view("Upcoming").locator(".count")).hasText("31");
        page.getByLabel("Search").fill("muller");
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody tr")).containsText("Zoë Müller");
        assertThat(view("Upcoming").locator(".count")).hasText("1");
        assertThat(view("History").locator(".count")).hasText("0");
        assertThat(page.locator(".showing")).hasText("Showing all 1");
    }

    @Test
    @Order(3)
    void anEmptyResultSaysWhichViewHoldsTheMatchesAndLinksThere() {
        page.navigate(browser.app().cloud.webUrl() + "#/calls/upcoming");
        page.getByLabel("Search").fill("hopper");
        assertThat(page.locator(".empty")).hasText("No calls in Upcoming match “hopper”; 3 in Now and recent, 3 in History.");
        page.locator(".empty").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("3 in History")).click();
        assertThat(page).hasURL(Pattern.compile("#/calls/history$"));
        assertThat(page.locator("tbody tr")).hasCount(3);
        assertThat(page.getByLabel("Search")).hasValue("hopper");

        // A filter that hides the matches says so too, with the way back to all of them.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Completed"))).click();
        assertThat(page.locator(".empty")).hasText("No completed calls in History match “hopper”; 3 in All.");
        page.locator(".empty").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("3 in All")).click();
        assertThat(page.locator("tbody tr")).hasCount(3);
    }

    @Test
    @Order(4)
    void aNumberTypedWithSpacesAndDashesIsCleanedBeforeItIsCheckedAndSent() {
        page.navigate(browser.app().cloud.webUrl().toString());
        Locator phone = page.getByLabel("Phone number");
        phone.fill("+44 7911 123-456");
        assertThat(phone).not().hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#phoneNumber-error")).isEmpty();
        page.getByLabel("Contact name (optional)").fill("Spaced Number");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Spaced Number"));
        assertThat(row).isVisible();
        assertThat(browser.app().get(row.getAttribute("data-id")).path("phoneNumber").asText()).isEqualTo("+447911123456");
    }

    @Test
    @Order(5)
    void aSearchTheApiStoppedReadingSaysItIsNotDoneAndLoadMoreReadsOnToTheAnswer() {
        // What the API answers when a search used its read budget (1,000 calls) before finding a match: no calls,
        // and a token to read on. Here the first batch answers so; the second, the real answer (none, the end).
        page.route(url -> url.contains("/calls?") && url.contains("q=nobody"), route -> {
            String url = route.request().url();
            if (url.contains("nextToken=")) {
                route.fulfill(new Route.FulfillOptions().setResponse(
                        route.fetch(new Route.FetchOptions().setUrl(url.replaceAll("&nextToken=[^&]*", "")))));
            } else {
                route.fulfill(new Route.FulfillOptions().setResponse(route.fetch())
                        .setBody("{\"items\": [], \"nextToken\": \"more-to-read\"}"));
            }
        });
        page.navigate(browser.app().cloud.webUrl() + "#/calls/upcoming");
        assertThat(page.locator("tbody tr").first()).isVisible();
        page.getByLabel("Search").fill("nobody");
        assertThat(page.locator(".empty")).hasText("No calls in Upcoming match “nobody” among the calls read so far; "
                + "more are still to be read. Use “Load more” to read on, or narrow the search.");
        Locator more = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more"));
        more.click();
        assertThat(page.locator(".empty")).hasText("No calls in Upcoming match “nobody”.");
        assertThat(more).isHidden();

        // The next poll reads the first batch again, which stops at the budget once more: what "Load more" read stays.
        // A poll's list sent after "Load more" (its first batch, no token), then that poll's counts, read after the list's answer is shown.
        page.waitForResponse(answer -> answer.url().contains("q=nobody") && !answer.url().contains("nextToken="), () -> { });
        page.waitForRequest(request -> request.url().contains("/calls/counts"), () -> { });
        assertThat(page.locator(".empty")).hasText("No calls in Upcoming match “nobody”.");
        assertThat(more).isHidden();
    }

    private Locator view(String name) {
        return page.locator("nav.views").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
    }
}
