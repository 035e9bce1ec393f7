package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each call's one status line for calls really in that state on the local cloud (one line, MaxConcurrentCalls=1;
 * the simulator made busy; redials may be 3 s apart), the details dialog following the call live, and "Call again".
 */
// Side by side with the other classes: it mostly waits for its one line, the busy simulator and the redials, on a local
// cloud of its own; its tests run one after another (one browser, driven from one thread).
@Execution(ExecutionMode.CONCURRENT)
class StatusLinesBrowserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final LocatorAssertions.HasTextOptions LONG = new LocatorAssertions.HasTextOptions().setTimeout(60_000);
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of("MaxConcurrentCalls", "1",
            "RedialAfterMinutesFloor", "0.05")); // a redial 3 s on, so that a call can use all its attempts quickly
    private Page page;

    @BeforeEach
    void open() {
        page = browser.parisPage();
    }

    @AfterEach
    void resetSimulator() {
        browser.app().configureSimulator("{\"ringAfterMs\":300,\"answerAfterMs\":600,\"talkMs\":2000,\"busyShare\":0,\"noAnswerShare\":0,\"failedShare\":0}");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aCallHeldForTheOneLineSaysSoAndItsOpenDetailsFollowItToCompleted() {
        // Longer than a dispatch waits for a line (20 s), so that the second call parks until one is free.
        browser.app().configureSimulator("{\"ringAfterMs\":300,\"answerAfterMs\":600,\"talkMs\":45000,\"busyShare\":0,\"noAnswerShare\":0,\"failedShare\":0}");
        String onTheLine = browser.app().createNamed("+14155550901", "Long Talker", null).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.app().status(onTheLine).equals("IN_PROGRESS"));
        String held = browser.app().createNamed("+14155550902", "Line Waiter", null).path("id").asText();
        await().atMost(Duration.ofSeconds(45)).until(() -> "LINE".equals(browser.app().get(held).path("waitingFor").asText()));
        browser.app().configureSimulator("{\"talkMs\": 2000}"); // the waiting call, once dialed, is short

        show("now");
        assertThat(rowOf("Long Talker").locator(".badge")).hasText(Pattern.compile("^On the phone( \\(\\d+ min\\))?$"));
        assertThat(rowOf("Line Waiter").locator(".badge")).hasText("Waiting for a free line");

        rowOf("Line Waiter").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details of the call to Line Waiter (+14155550902)")).click();
        Locator status = page.locator("#details-dialog dt:text-is('Status') + dd");
        assertThat(status).hasText("Waiting for a free line");
        Locator dialog = page.locator("#details-dialog");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Line Waiter (+14155550902)"))).isVisible();

        // Left open: once the line is free (in at most a minute) the call is dialed and ends; the dialog follows.
        assertThat(status).hasText(Pattern.compile("^Completed \\(\\d+ s\\)$"), new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(dialog).isVisible();
        assertThat(dialog.locator(".timeline li").last().locator(".badge")).hasText("Completed");
        assertThat(dialog.locator(".timeline")).containsText("Waiting for a free line");
        assertThat(dialog.locator(".timeline")).containsText("Dialing");
        assertThat(String.join(" | ", dialog.locator(".timeline li > .badge").allTextContents()))
                .doesNotContain("callback", "scheduler", "sim-", "provider").contains("Ringing", "Answered");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the call to Line Waiter (+14155550902)"))).hasCount(0);
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Call again: Line Waiter (+14155550902)"))).isVisible();
        // The raw detail is one click away, not in the main line.
        Locator raw = dialog.locator(".timeline li details.raw").first();
        assertThat(raw.locator("code")).isHidden();
        raw.locator("summary").click();
        assertThat(raw.locator("code")).isVisible();
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void busyCallsSayWhetherTheyAreCalledAgainAndCallAgainMakesANewCallWithTheSameDetails() {
        browser.app().configureSimulator("{\"ringAfterMs\":200,\"answerAfterMs\":400,\"talkMs\":1000,\"busyShare\":1.0,\"noAnswerShare\":0,\"failedShare\":0}");
        String redialed = DeployedApp.send("POST", browser.app().api.resolve("/calls"), "{\"phoneNumber\": \"+14155550903\", "
                + "\"contactName\": \"Busy Redialed\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 3, \"afterMinutes\": 10}}", 201).path("id").asText();
        String once = DeployedApp.send("POST", browser.app().api.resolve("/calls"), "{\"phoneNumber\": \"+14155550904\", "
                + "\"contactName\": \"Busy Once\", \"notes\": \"About the parcel\", \"message\": \"Your parcel is here\"}", 201).path("id").asText();
        // Redialed once, 3 s later (the shortest wait a policy takes): busy both times, its attempts used up.
        String twice = DeployedApp.send("POST", browser.app().api.resolve("/calls"), "{\"phoneNumber\": \"+14155550905\", "
                + "\"contactName\": \"Busy Twice\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 2, \"afterMinutes\": 0.05}}", 201).path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.app().get(redialed).path("dialRound").asInt() == 2
                && browser.app().status(once).equals("BUSY") && browser.app().status(twice).equals("BUSY"));
        browser.app().configureSimulator("{\"busyShare\": 0}");

        show("upcoming");
        String redialAt = ZonedDateTime.ofInstant(Instant.parse(browser.app().get(redialed).path("nextAttemptAt").asText()), PARIS).format(HH_MM);
        assertThat(rowOf("Busy Redialed").locator(".badge")).hasText("Busy, calling again at " + redialAt + " (2 of 3)");

        show("history");
        assertThat(rowOf("Busy Twice").locator(".badge")).hasText("Busy, all 2 attempts used");
        assertThat(rowOf("Busy Twice").locator("td[data-label=Attempt]")).hasText("2 of 2");
        Locator row = rowOf("Busy Once");
        assertThat(row.locator(".badge")).hasText("Busy, not retried");
        assertThat(row.locator("td[data-label=Attempt]")).hasText("—"); // provider requests are not attempts
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Call again: Busy Once (+14155550904)")).click();

        assertThat(page.locator("action-notice .notice-text")).hasText("Calling Busy Once now.");
        assertThat(page.locator("nav.views a[aria-current=page]")).hasAttribute("data-view", "now");
        Locator again = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Busy Once")).first();
        assertThat(again.locator(".badge")).hasText(Pattern.compile("^Completed \\(\\d+ s\\)$"), LONG);
        JsonNode calls = DeployedApp.send("GET", browser.app().api.resolve("/calls?q=busy+once"), null, 200).path("items");
        assertThat(calls).hasSize(2);
        JsonNode newCall = calls.get(0).path("id").asText().equals(once) ? calls.get(1) : calls.get(0);
        assertThat(newCall.path("phoneNumber").asText()).isEqualTo("+14155550904");
        assertThat(newCall.path("notes").asText()).isEqualTo("About the parcel");
        assertThat(newCall.path("message").asText()).isEqualTo("Your parcel is here");
        assertThat(browser.app().placed(newCall.path("id").asText())).isEqualTo(1);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void onThePhoneCountsFromWhenTheCallWasAnsweredNotFromItsLastCallback() {
        show("now");
        Instant now = Instant.now();
        String call = "{status: 'IN_PROGRESS', answeredAt: '" + now.minus(Duration.ofMinutes(3)).minusSeconds(5)
                + "', updatedAt: '" + now.minusSeconds(10) + "'}";
        Object line = page.evaluate("async () => (await import('./js/views/calls/status-line.js')).statusLine(" + call
                + ", Date.parse('" + now + "'))");
        assertThat(line).isEqualTo("On the phone (3 min)");
    }

    private void show(String view) {
        page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/" + view);
        assertThat(page.locator("nav.views a[aria-current=page]")).hasAttribute("data-view", view);
    }

    private Locator rowOf(String contactName) {
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText(contactName));
        assertThat(row).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
        return row;
    }
}
