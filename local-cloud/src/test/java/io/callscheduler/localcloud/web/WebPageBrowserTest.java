package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.Chromium;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real browser (Debian's headless Chromium, driven by Playwright) against the local
 * cloud, as a user in Paris would use it. Screenshots of the main states go to target/screenshots.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration LONG = Duration.ofSeconds(30);
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());
    private BrowserContext context;
    private Page page;
    private final AtomicInteger dialogsOpenedByPage = new AtomicInteger();


    @BeforeEach
    void open() {
        context = browser.chromium().parisContext(browser.app().cloud.apiKey());
        page = context.newPage();
        page.onDialog(dialog -> {
            dialogsOpenedByPage.incrementAndGet(); // alert(), confirm(): the page itself never opens one
            dialog.dismiss();
        });
        page.navigate(browser.app().cloud.webUrl().toString());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Calls"))).isVisible();
    }

    @AfterEach
    void close(TestInfo test) {
        screenshot(test.getTestMethod().orElseThrow().getName() + "-end");
        context.close();
    }

    @Test
    void scheduleACallSecondsAheadAndWatchItComplete() {
        ZonedDateTime at = ZonedDateTime.now(PARIS).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        page.getByLabel("Phone number").fill("+14155550601");
        page.getByLabel("Contact name (optional)").fill("Ada Browser");
        page.getByLabel("Notes (optional)").fill("About the invoice");
        Locator form = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Schedule a call"));
        assertThat(form.getByLabel("Time zone")).hasValue("Europe/Paris");
        form.getByLabel("Date").fill(at.format(DateTimeFormatter.ISO_LOCAL_DATE));
        form.getByLabel("Time, in Paris time").fill(at.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();

        Locator row = rowOf("Ada Browser");
        assertThat(row.locator(".badge")).hasText("Scheduled");
        assertThat(page.getByLabel("Phone number")).hasValue(""); // the form is ready for the next call
        screenshot("desktop-scheduled");
        JsonNode call = browser.app().get(row.getAttribute("data-id"));
        assertThat(Instant.parse(call.path("scheduledAt").asText())).isEqualTo(at.toInstant());
        assertThat(call.path("timeZone").asText()).isEqualTo("Europe/Paris");

        showView("now"); // once dialed it is happening now, then one of the last hour's outcomes
        row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Ada Browser"));
        assertThat(row).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(LONG.toMillis()));
        assertThat(row.locator(".badge")).containsText("Completed", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(LONG.toMillis()));
        assertThat(page.locator("#announcer")).containsText("is now");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Ada Browser (+14155550601)")).click();
        Locator timeline = page.locator("#details-dialog .timeline li");
        assertThat(timeline.first()).containsText("Scheduled");
        assertThat(timeline.last()).containsText("Completed");
        screenshot("desktop-details");
    }

    @Test
    void thePageWorksWhenOpenedAt127001() {
        page.navigate("http://127.0.0.1:" + browser.app().cloud.webUrl().getPort() + "/");
        page.getByLabel("Phone number").fill("+14155550621");
        page.getByLabel("Contact name (optional)").fill("Numeric Host");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call now")).click();

        assertThat(rowOf("Numeric Host").locator(".badge")).not().hasText("Scheduled");
        assertThat(page.locator("connection-status")).isHidden();
        assertThat(page.locator("#form-error")).isEmpty();
    }

    @Test
    void aDoubleClickWhileTheCreateIsSlowMakesOneCallWithOneIdempotencyKey() {
        List<com.microsoft.playwright.Route> held = new java.util.ArrayList<>();
        List<String> keysSent = new java.util.ArrayList<>();
        page.route("**/calls", route -> {
            if (route.request().method().equals("POST")) {
                keysSent.add(route.request().headers().get("idempotency-key"));
                held.add(route); // answered below, once the page has shown what it does while it waits
            } else {
                route.resume();
            }
        });
        page.getByLabel("Phone number").fill("+14155550622");
        page.getByLabel("Contact name (optional)").fill("Double Click");
        Locator callNow = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call now"));

        callNow.dblclick(new Locator.DblclickOptions().setForce(true));
        callNow.click(new Locator.ClickOptions().setForce(true));

        assertThat(callNow).isDisabled();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call"))).isDisabled();
        assertThat(page.locator("#form-error")).containsText("Still sending");
        assertThat(page.locator("connection-status")).isHidden();
        assertThat(held).hasSize(1);
        held.get(0).resume();

        assertThat(rowOf("Double Click")).hasCount(1);
        assertThat(callNow).isEnabled();
        assertThat(keysSent).singleElement().asString().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(browser.app().send("GET", browser.app().api.resolve("/calls?q=double+click"), null, 200).path("items")).hasSize(1);
    }

    @Test
    void aCallWaitingOutAProviderOutageShowsItsNextAttempt() {
        browser.app().configureSimulator("{\"serverErrorRate\": 1.0}");
        String id;
        try {
            id = createThroughApi("+14155550623", "Outage Waiter", null);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> !browser.app().get(id).path("nextAttemptAt").isNull());
        } finally {
            browser.app().configureSimulator("{\"serverErrorRate\": 0}");
        }
        showView("now"); // its try is under way: it waits for the provider, not for its time
        Locator row = rowOf("Outage Waiter");
        // The reason the call's fields give (waitingFor RETRY), and when, in the viewer's zone.
        String nextAttempt = ZonedDateTime.ofInstant(Instant.parse(browser.app().get(id).path("nextAttemptAt").asText()), PARIS)
                .format(DateTimeFormatter.ofPattern("HH:mm"));
        assertThat(row.locator(".badge")).hasText("Provider unavailable, trying again at " + nextAttempt);
        assertThat(row).not().containsText("503"); // the raw error is for support, in the details
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Outage Waiter (+14155550623)")).click();

        assertThat(page.locator("#details-dialog .facts")).containsText("Next attempt");
        // When, in the zone where calling hours apply to the callee, and why.
        assertThat(page.locator("#details-dialog .facts")).containsText("Provider unavailable, trying again at " + nextAttempt);
        assertThat(page.locator("#details-dialog .facts")).containsText("503"); // the raw error, for support
    }

    @Test
    void aBusyCallWaitingForItsRedialShowsRedialingAndCanBeCanceled() {
        browser.app().configureSimulator("{\"busyShare\": 1.0}");
        String id;
        try {
            String body = "{\"phoneNumber\": \"+14155550624\", \"contactName\": \"Redial Waiter\", "
                    + "\"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 3, \"afterMinutes\": 10}}";
            id = io.callscheduler.localcloud.testing.DeployedApp.send("POST", browser.app().api.resolve("/calls"), body, 201).path("id").asText();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> browser.app().get(id).path("dialRound").asInt() == 2);
        } finally {
            browser.app().configureSimulator("{\"busyShare\": 0}");
        }
        showView("upcoming"); // it waits for its redial
        Locator row = rowOf("Redial Waiter");
        String redialAt = ZonedDateTime.ofInstant(Instant.parse(browser.app().get(id).path("nextAttemptAt").asText()), PARIS)
                .format(DateTimeFormatter.ofPattern("HH:mm"));
        assertThat(row.locator(".badge")).hasText("Busy, calling again at " + redialAt + " (2 of 3)");
        assertThat(row.locator("td[data-label=Attempt]")).hasText("2 of 3");
        assertThat(row).not().containsText("busy on attempt 1"); // the status line says it in words

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Redial Waiter (+14155550624)")).click();
        page.locator("#cancel-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel call")).click();
        showView("history");
        assertThat(rowOf("Redial Waiter").locator(".badge")).hasText("Canceled");
        org.assertj.core.api.Assertions.assertThat(browser.app().placed(id)).isEqualTo(1);
    }

    @Test
    void callNow() {
        page.getByLabel("Phone number").fill("+14155550602");
        page.getByLabel("Contact name (optional)").fill("Now Caller");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call now")).click();

        Locator badge = rowOf("Now Caller").locator(".badge");
        assertThat(badge).not().hasText("Scheduled", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(5000));
        assertThat(badge).containsText("Completed", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(LONG.toMillis()));
        assertThat(browser.app().placed(rowOf("Now Caller").getAttribute("data-id"))).isEqualTo(1);
    }

    @Test
    void cancelAPendingCallAfterConfirming() {
        String id = createThroughApi("+14155550603", "Cancel Me", Instant.now().plus(Duration.ofHours(1)));
        showView("upcoming");
        Locator row = rowOf("Cancel Me");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Cancel Me (+14155550603)")).click();
        Locator dialog = page.locator("#cancel-dialog");
        assertThat(dialog).isVisible();
        screenshot("desktop-cancel-dialog");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel call")).click();

        assertThat(row).hasCount(0); // no longer upcoming: it has ended
        assertThat(page.locator("action-notice")).containsText("Canceled the call to Cancel Me (+14155550603)."); // stays until dismissed
        showView("history");
        row = rowOf("Cancel Me");
        assertThat(row.locator(".badge")).hasText("Canceled");
        assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reschedule the call to Cancel Me (+14155550603)"))).hasCount(0);
        assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Cancel Me (+14155550603)"))).hasCount(0);
        assertThat(browser.app().status(id)).isEqualTo("CANCELED");
    }

    @Test
    void rescheduleAPendingCall() {
        String id = createThroughApi("+14155550604", "Move Me", Instant.now().plus(Duration.ofHours(1)));
        ZonedDateTime newTime = ZonedDateTime.now(PARIS).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        showView("upcoming");

        rowOf("Move Me").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reschedule the call to Move Me (+14155550604)")).click();
        Locator dialog = page.locator("#reschedule-dialog");
        dialog.locator("#move-zone").selectOption("Europe/Paris");
        dialog.locator("#move-date").fill(newTime.format(DateTimeFormatter.ISO_LOCAL_DATE));
        dialog.locator("#move-time").fill(newTime.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save new time")).click();

        assertThat(dialog).isHidden();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                Instant.parse(browser.app().get(id).path("scheduledAt").asText()).equals(newTime.toInstant()));
        assertThat(rowOf("Move Me").locator(".relative")).hasText("in 3 hours");
    }

    @Test
    void filterByStatusWithCountsAndSearchByNameOrNumber() {
        createThroughApi("+14155550605", "Zebra Filter", Instant.now().plus(Duration.ofHours(2)));
        String canceled = createThroughApi("+14155550606", "Yak Filter", Instant.now().plus(Duration.ofHours(2)));
        RunningCloud.send("DELETE", browser.app().api.resolve("/calls/" + canceled), null, 200);
        assertThat(rowOf("Yak Filter").locator(".badge")).hasText("Canceled"); // ended within the hour: now and recent

        showView("history"); // where the counts are of every call the view lists
        page.locator("[data-filter=canceled]").click();
        assertThat(page.locator("[data-filter=canceled]")).hasAttribute("aria-pressed", "true");
        assertThat(rowOf("Yak Filter")).isVisible();
        assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("Zebra Filter"))).hasCount(0);
        assertThat(page.locator("tbody .badge")).not().hasText(new String[0]);
        for (String text : page.locator("tbody .badge").allTextContents()) {
            assertThat(text).isEqualTo("Canceled");
        }
        assertThat(page.locator("[data-filter=canceled] .count")).not().hasText("");
        screenshot("desktop-filtered");

        page.locator("[data-filter=all]").click();
        showView("upcoming");
        page.getByLabel("Search").fill("zebra");
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(rowOf("Zebra Filter")).isVisible();
        showView("history");
        page.getByLabel("Search").fill("+1 415 555 0606");
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(rowOf("Yak Filter")).isVisible();
    }

    /** docs/desktop.png and docs/phone.png are copies of these, taken once the other tests made some history. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void screenshotsForTheReadme() {
        showView("history");
        assertThat(page.locator("[data-filter=completed] .count")).not().hasText(java.util.regex.Pattern.compile("^0?$"));
        showView("now");
        assertThat(page.locator("tbody tr").first()).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("readme-desktop.png")));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("readme-phone.png")));
    }

    @Test
    @Order(Integer.MAX_VALUE) // its 30 calls, hours ahead, fill the first page of "All" for any test after it
    void longListsArePagedOnDemand() {
        for (int i = 0; i < 30; i++) {
            createThroughApi("+1415555070" + (i % 10), "Bulk " + i, Instant.now().plus(Duration.ofHours(5)).plusSeconds(i));
        }
        showView("upcoming");
        page.getByLabel("Search").fill("bulk");
        Locator rows = page.locator("tbody tr");
        assertThat(rows.first()).containsText("Bulk 0"); // the search's answer, soonest first
        assertThat(rows).hasCount(25);
        Locator more = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more"));
        assertThat(more).isVisible();

        more.click();
        assertThat(rows).hasCount(30);
        assertThat(more).isHidden();
        assertThat(rows.last()).containsText("Bulk 29");
    }

    @Test
    void validationErrorsAppearNextToTheirField() {
        Locator phone = page.getByLabel("Phone number");
        phone.fill("12345");
        assertThat(phone).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#phoneNumber-error")).containsText("start with + and the country code");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
        // The API's refusal, in words for people naming the field as the form does; its own message for support.
        assertThat(page.locator("#phoneNumber-error")).containsText("Phone number: type it with + and the country code");
        assertThat(page.locator("#phoneNumber-error")).not().containsText("phoneNumber");
        assertThat(phone).isFocused();
        screenshot("desktop-validation");

        phone.fill("+14155550607");
        ZonedDateTime past = ZonedDateTime.now(PARIS).minusMinutes(10);
        page.locator("#new-date").fill(past.format(DateTimeFormatter.ISO_LOCAL_DATE));
        page.locator("#new-time").fill(past.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
        assertThat(page.locator("#new-when-error")).hasText("Time: this time has passed. Choose a later one, or use \"Call now\".");
        assertThat(page.locator("#new-when-error")).not().containsText("scheduledAt");
        assertThat(page.locator("#phoneNumber-error")).isHidden();
    }

    @Test
    void aMessageAndVoiceAreSentWithTheCallAndAnUnknownCallerIdIsRefusedNextToItsField() {
        String message = "Your table is ready </Say><Dial>+19005550100</Dial>";
        page.getByLabel("Phone number").fill("+14155550612");
        page.getByLabel("Contact name (optional)").fill("Grace Message");
        page.getByText("What the call says, and from which number").click();
        page.getByLabel("Message spoken to the callee (optional)").fill(message);
        page.getByLabel("Voice").selectOption("Polly.Amy");
        page.getByLabel("Language").selectOption("en-GB");
        page.getByLabel("Caller ID (optional)").fill("+14155550999");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
        assertThat(page.locator("#callerId-error")).containsText("Caller ID: this number is not one the calls may show");
        assertThat(page.getByLabel("Caller ID (optional)")).isFocused();

        page.getByLabel("Caller ID (optional)").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();
        Locator row = rowOf("Grace Message");
        JsonNode call = browser.app().get(row.getAttribute("data-id"));
        assertThat(call.path("message").asText()).isEqualTo(message);
        assertThat(call.path("voice").asText()).isEqualTo("Polly.Amy");
        assertThat(call.path("language").asText()).isEqualTo("en-GB");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Grace Message (+14155550612)")).click();
        assertThat(page.locator("#details-dialog dd", new Page.LocatorOptions().setHasText(message))).hasCount(1);
    }

    @Test
    void namesAreShownAsTextAndNeverRun() {
        String hostile = "<img src=x onerror=alert(1)>";
        page.getByLabel("Phone number").fill("+14155550608");
        page.getByLabel("Contact name (optional)").fill(hostile);
        page.getByLabel("Notes (optional)").fill("<script>alert(2)</script>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule call")).click();

        Locator contact = page.locator("tbody td[data-label=Contact]", new Page.LocatorOptions().setHasText(hostile));
        assertThat(contact).hasText(hostile);
        assertThat(page.locator("tbody img")).hasCount(0);
        contact.locator("xpath=..").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to " + hostile + " (+14155550608)")).click();
        assertThat(page.locator("#details-dialog dd", new Page.LocatorOptions().setHasText("<script>alert(2)</script>"))).hasCount(1);
        assertThat(page.locator("#details-dialog img, #details-dialog script")).hasCount(0);
        screenshot("desktop-xss-inert");
        assertThat(dialogsOpenedByPage.get()).isZero();
    }

    @Test
    void liveUpdatesKeepTheRowTheScrollAndAHalfFilledForm() {
        String id = createThroughApi("+14155550609", "Live Update", null);
        Locator row = rowOf("Live Update");
        row.evaluate("tr => tr.dataset.marker = 'same-element'");
        page.getByLabel("Contact name (optional)").fill("half-typed");

        assertThat(row.locator(".badge")).containsText("Completed", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(LONG.toMillis()));
        assertThat(page.locator("tr[data-id='" + id + "']")).hasAttribute("data-marker", "same-element");
        assertThat(page.getByLabel("Contact name (optional)")).hasValue("half-typed");
    }

    @Test
    void whenTheApiIsDownThePageSaysSoAndRecovers() {
        page.route("**/calls**", route -> route.abort());
        Locator banner = page.locator("connection-status");
        assertThat(banner).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat(banner).containsText("cannot be reached");
        screenshot("desktop-api-down");

        page.unrouteAll();
        assertThat(banner).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(LONG.toMillis()));
    }

    @Test
    void theDetailsShowTheCallAtOnceEvenWhileAnotherReadHangsAndSayWhenTheLatestCannotBeRead() {
        String slow = createThroughApi("+14155550621", "Slow Read", Instant.now().plus(Duration.ofMinutes(20)));
        String other = createThroughApi("+14155550622", "Next Read", Instant.now().plus(Duration.ofMinutes(21)));
        showView("upcoming");
        List<com.microsoft.playwright.Route> held = new java.util.ArrayList<>();
        page.route(url -> url.endsWith("/calls/" + slow), held::add); // its read never answers (until released)
        Locator dialog = page.locator("#details-dialog");
        rowOf("Slow Read").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Slow Read (+14155550621)")).click();
        assertThat(dialog.locator("#details-title")).hasText("Call to Slow Read (+14155550621)"); // from the list, at once
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Slow Read (+14155550621)"))).isVisible();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

        // Another call's details, while that read still hangs: read and shown with its timeline.
        rowOf("Next Read").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Next Read (+14155550622)")).click();
        assertThat(dialog.locator(".timeline li").first()).hasText(java.util.regex.Pattern.compile("^Scheduled"));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

        // Its read failing (offline): the call from the list, its actions, and a plain word that it is retrying.
        page.route(url -> url.endsWith("/calls/" + other), com.microsoft.playwright.Route::abort);
        rowOf("Next Read").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Next Read (+14155550622)")).click();
        assertThat(dialog.locator(".read-state")).hasText("Could not load the latest details; retrying. What you see may be out of date.");
        assertThat(dialog.locator("dt:text-is('Status') + dd")).hasText("Scheduled");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reschedule the call to Next Read (+14155550622)"))).isEnabled();
        page.unrouteAll();
        assertThat(dialog.locator(".read-state")).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(10_000));
        assertThat(dialog.locator(".timeline li").first()).hasText(java.util.regex.Pattern.compile("^Scheduled"));
        assertThat(held).as("the slow read was asked for, and held").isNotEmpty(); // the context's close ends it
    }

    @Test
    void aHiddenTabPollsRarelyAndCatchesUpWhenShownAgain() {
        // Count the page's list requests in the page itself; Playwright is driven from this thread only.
        page.addInitScript("window.__lists = 0; const fetchOriginal = window.fetch; window.fetch = (url, options) => {"
                + " if (String(url).includes('/calls?')) window.__lists++; return fetchOriginal(url, options); };");
        page.reload();
        java.util.function.IntSupplier listRequests = () -> ((Number) page.evaluate("window.__lists")).intValue();
        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(10))
                .until(() -> listRequests.getAsInt() >= 2); // visible: the first page, then every 3 s

        page.evaluate("() => { Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                + " document.dispatchEvent(new Event('visibilitychange')); }");
        int whenHidden = listRequests.getAsInt();
        org.awaitility.Awaitility.await().pollInSameThread().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> listRequests.getAsInt() <= whenHidden + 1); // at most one already due; then every 30 s

        int beforeShown = listRequests.getAsInt();
        page.evaluate("() => { Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                + " document.dispatchEvent(new Event('visibilitychange')); }");
        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(2))
                .until(() -> listRequests.getAsInt() > beforeShown);
    }

    @Test
    void liveUpdatesKeepTheScrollPosition() {
        String id = createThroughApi("+14155550611", "Scroll Keeper", null);
        page.setViewportSize(1280, 400);
        Locator row = rowOf("Scroll Keeper");
        // The calls come first (the form beside them is what makes the page taller than this): scrolled a little.
        page.evaluate("window.scrollTo(0, 120)");
        double scrolled = ((Number) page.evaluate("window.scrollY")).doubleValue();
        assertThat(scrolled).as("the page scrolls at this height").isPositive();

        assertThat(row.locator(".badge")).containsText("Completed", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(LONG.toMillis()));
        assertThat(((Number) page.evaluate("window.scrollY")).doubleValue()).isEqualTo(scrolled);
        assertThat(browser.app().status(id)).isEqualTo("COMPLETED");
    }

    @Test
    void usableWithTheKeyboardAlone() {
        page.locator("#phoneNumber").focus();
        page.keyboard().type("+14155550612");
        page.keyboard().press("Tab");
        assertThat(page.locator("#contactName")).isFocused();
        page.keyboard().type("Key Board");
        page.keyboard().press("Enter"); // submits the form: schedules the call

        Locator row = rowOf("Key Board");
        Locator cancel = row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Key Board (+14155550612)"));
        cancel.focus();
        page.keyboard().press("Enter");
        Locator dialog = page.locator("#cancel-dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it"))).isFocused();
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();
        assertThat(row.locator(".badge")).hasText("Scheduled");
    }

    @Test
    void phoneSizedScreenShowsCallsAsCards() {
        createThroughApi("+14155550610", "Phone Screen", Instant.now().plus(Duration.ofHours(4)));
        page.setViewportSize(390, 844);
        showView("upcoming");

        Locator row = rowOf("Phone Screen");
        assertThat(row).isVisible();
        assertThat(page.locator("call-list thead")).hasCSS("position", "absolute");
        assertThat(row).hasCSS("display", "flex"); // a compact card: status, when, who on two lines
        double pageWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).doubleValue();
        assertThat(pageWidth).as("no sideways scrolling").isLessThanOrEqualTo(390);
        screenshot("phone");
    }

    /** Opens one of the calls' views by its address (#/calls/now, #/calls/upcoming, #/calls/history). */
    private void showView(String view) {
        page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/" + view);
        assertThat(page.locator("nav.views a[aria-current=page]")).hasAttribute("data-view", view);
    }

    private Locator rowOf(String contactName) {
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText(contactName));
        assertThat(row).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(15_000));
        return row;
    }

    private static String createThroughApi(String number, String name, Instant at) {
        return browser.app().createNamed(number, name, at).path("id").asText();
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
