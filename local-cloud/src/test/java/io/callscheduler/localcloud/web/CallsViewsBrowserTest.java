package io.callscheduler.localcloud.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.callscheduler.localcloud.testing.BrowserExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's shell and the calls' views in Chromium on the local cloud: a URL per view (reload, back and forward),
 * a call made now shown at once in the default view with its confirmation, a scheduled call confirmed in its zone,
 * the phone layout (the list first, the form folded), the favicon.
 */
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallsViewsBrowserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final LocatorAssertions.IsVisibleOptions WITHIN_3_S = new LocatorAssertions.IsVisibleOptions().setTimeout(3000);
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());
    private Page page;

    @BeforeEach
    void open() {
        page = browser.parisPage();
    }

    @AfterEach
    void screenshot(TestInfo test) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve("views-" + test.getTestMethod().orElseThrow().getName() + ".png")));
    }

    @Test
    @Order(1)
    void eachViewHasItsAddressAndReloadBackAndForwardKeepIt() {
        browser.app().createNamed("+14155550801", "Later Two", Instant.now().plus(Duration.ofHours(2)));
        browser.app().createNamed("+14155550802", "Later One", Instant.now().plus(Duration.ofHours(1)));
        open("");
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#/calls/now$"));
        assertThat(view("Now and recent")).hasAttribute("aria-current", "page");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Calls").setExact(true)))
                .hasAttribute("aria-current", "page");
        assertThat(page.locator("app-nav .coming")).hasCount(0); // every section is built: none named as coming
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Later One"))).hasCount(0);

        view("Upcoming").click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#/calls/upcoming$"));
        assertThat(page.locator("call-list caption")).hasText("Scheduled calls, soonest first");
        assertThat(page.locator("tbody td[data-label=Contact]")).hasText(new String[] {"Later One", "Later Two"});
        assertThat(view("Upcoming").locator(".count")).hasText("2");

        page.reload();
        assertThat(view("Upcoming")).hasAttribute("aria-current", "page");
        assertThat(page.locator("tbody td[data-label=Contact]")).hasText(new String[] {"Later One", "Later Two"});

        view("History").click();
        assertThat(page.locator("call-list caption")).hasText("Ended calls, latest first");
        assertThat(page.locator(".empty")).hasText("No call has ended yet.");
        page.goBack();
        assertThat(view("Upcoming")).hasAttribute("aria-current", "page");
        assertThat(page.locator("tbody tr")).hasCount(2);
        page.goForward();
        assertThat(view("History")).hasAttribute("aria-current", "page");

        open("#/nowhere");
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#/calls/now$"));
    }

    @Test
    @Order(2)
    void aCallMadeNowAmong120FutureCallsIsInTheDefaultViewWithinThreeSecondsWithItsConfirmation() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        for (int i = 0; i < 120; i++) {
            browser.app().createNamed(String.format("+1415555%04d", 1000 + i), "Tomorrow " + i, tomorrow.plusSeconds(i));
        }
        open("");
        page.getByLabel("Phone number").fill("+14155550803");
        page.getByLabel("Contact name (optional)").fill("Ada Now");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call now")).click();

        Locator notice = page.locator("action-notice");
        assertThat(notice.getByText("Calling Ada Now now.")).isVisible(WITHIN_3_S);
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Ada Now"));
        assertThat(row).isVisible(WITHIN_3_S);
        assertThat(page.locator("tbody tr").first()).containsText("Ada Now"); // pinned at the top, not page 6
        assertThat(view("Now and recent")).hasAttribute("aria-current", "page");

        // The notice stays (polls come and go) until dismissed; its link opens the call.
        assertThat(row.locator(".badge")).containsText("Completed", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(notice.getByText("Calling Ada Now now.")).isVisible();
        notice.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open the call")).click();
        assertThat(page.locator("#details-title")).hasText("Call to Ada Now (+14155550803)");
        page.locator("#details-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#/calls/now$"));
        notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dismiss")).click();
        assertThat(notice.getByText("Calling Ada Now now.")).isHidden();
    }

    @Test
    @Order(3)
    void aScheduledCallIsConfirmedInItsZoneAndShownInUpcomingAtOnce() {
        open("#/calls/history");
        ZonedDateTime at = ZonedDateTime.now(PARIS).plusDays(2).withHour(9).withMinute(30).truncatedTo(ChronoUnit.MINUTES);
        page.getByLabel("Phone number").fill("+14155550804");
        page.getByLabel("Contact name (optional)").fill("Grace Later");
        Locator form = page.locator("#schedule-panel");
        form.getByLabel("Date").fill(at.format(DateTimeFormatter.ISO_LOCAL_DATE));
        form.getByLabel("Time, in Paris time").fill("09:30:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();

        String when = at.format(DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)) + " Paris";
        assertThat(page.locator("action-notice .notice-text")).hasText("Scheduled for " + when + ": the call to Grace Later.");
        assertThat(view("Upcoming")).hasAttribute("aria-current", "page");
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Grace Later"))).isVisible(WITHIN_3_S);
        // Once the first page (25 of the 122 calls due sooner) is in, it is still shown: after them.
        assertThat(page.locator("tbody tr")).hasCount(26);
        Locator pinned = page.locator("tbody tr").last();
        assertThat(pinned).containsText("Grace Later");

        // Never in the list's first page, it is read again by id on each poll: canceled elsewhere, it leaves Upcoming
        // as a listed call would, rather than showing "Scheduled" for ever.
        String id = pinned.getAttribute("data-id");
        io.callscheduler.localcloud.testing.DeployedApp.send("DELETE", browser.app().api.resolve("/calls/" + id), null, 200);
        assertThat(page.locator("tbody tr[data-id='" + id + "']")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(8000));
    }

    @Test
    @Order(4)
    void onAPhoneTheListComesFirstAsCompactCardsAndTheFormWaitsBehindNewCall() {
        page.setViewportSize(390, 844);
        open("#/calls/upcoming");
        Locator firstRow = page.locator("tbody tr").first();
        assertThat(firstRow).isVisible();
        BoundingBox box = firstRow.boundingBox();
        assertThat(box.y).as("the first call is above the fold").isLessThan(844);
        assertThat(box.height).as("a compact card").isLessThan(130);
        assertThat(page.getByLabel("Phone number")).isHidden();
        double pageWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue();
        assertThat(pageWidth).as("no sideways scrolling").isLessThanOrEqualTo(390);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("views-phone-list.png")));

        Locator newCall = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New call"));
        newCall.click();
        assertThat(newCall).hasAttribute("aria-expanded", "true");
        assertThat(page.getByLabel("Phone number")).isVisible();
        assertThat(page.getByLabel("Phone number")).isFocused();
        page.getByLabel("Phone number").fill("+14155550805");
        page.getByLabel("Contact name (optional)").fill("Phone Made");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call now")).click();
        assertThat(page.locator("action-notice")).containsText("Calling Phone Made now.");
        assertThat(page.getByLabel("Phone number")).isHidden(); // folded again, the list in view
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Phone Made"))).isVisible();
    }

    @Test
    void onADesktopTheCallsComeFirstWithTheFormBesideThemAndNoNewCallButton() {
        open("");
        assertThat(page.getByLabel("Phone number")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New call"))).isHidden();
        BoundingBox calls = page.locator("#calls-panel").boundingBox();
        BoundingBox form = page.locator("#schedule-panel").boundingBox();
        assertThat(form.x).as("the form to the right of the calls").isGreaterThanOrEqualTo(calls.x + calls.width);
        assertThat(form.y).as("side by side").isEqualTo(calls.y);
        assertThat(calls.width).as("the calls take most of the width").isGreaterThan(2 * form.width);
        // Read (and tabbed through) in the same order: the calls first.
        assertThat(page.evaluate("document.querySelector('#calls-panel').compareDocumentPosition(document.querySelector('#schedule-panel'))"))
                .isEqualTo(4); // DOCUMENT_POSITION_FOLLOWING
    }

    /** The page's own reducer, run in the browser with moments it is given: a pin to Now lasts as long as Now lists an ended call. */
    @Test
    void aCallPinnedToNowLeavesItAnHourAfterItEndedAndAnUnfinishedPollKeepsLoadMore() {
        open("");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.evaluate("async () => {"
                + " const s = await import('./js/views/calls/state.js');"
                + " const now = Date.now();"
                + " const ended = (minutesAgo) => ({ id: 'c' + minutesAgo, status: 'COMPLETED', endedAt: new Date(now - minutesAgo * 60000).toISOString() });"
                + " let state = { ...s.initialState, view: 'now', pinned: [{ call: ended(61), view: 'now' }, { call: ended(59), view: 'now' }] };"
                + " state = s.reduce(state, { type: 'pinned-read', calls: [], gone: [], nowMs: now });"
                + " const pins = state.pinned.map((p) => p.call.id);"
                + " const polled = s.reduce({ ...s.initialState, nextToken: null }, { type: 'refreshed', items: [], requested: 25,"
                + "   nextToken: 'more', query: 0 });"
                + " return { pins, nextToken: polled.nextToken };"
                + "}");
        assertThat(result.get("pins")).asList().containsExactly("c59");
        assertThat(result.get("nextToken")).isEqualTo("more");
    }

    @Test
    void thePageHasAnSvgFavicon() throws Exception {
        open("");
        String href = page.locator("link[rel=icon]").evaluate("link => link.href").toString();
        HttpResponse<String> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg");
    }

    private void open(String hash) {
        page.navigate(browser.app().cloud.webUrl().toString() + hash);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Calls"))).isVisible();
    }

    private Locator view(String name) {
        return page.locator("nav.views").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
    }
}
