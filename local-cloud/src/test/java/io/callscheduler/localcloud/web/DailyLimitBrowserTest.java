package io.callscheduler.localcloud.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A call the number's daily cap really stopped (MaxCallsPerNumberPerDay=1): the callee is busy, the call would redial
 * 3 s later, and the cap refuses that redial; History says so without "today", which would be wrong on later days.
 */
class DailyLimitBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of("MaxCallsPerNumberPerDay", "1",
            "RedialAfterMinutesFloor", "0.05"));

    @Test
    void aRedialTheDailyLimitRefusedSaysSoInHistory() {
        // The cap counts per UTC day: a redial on the next day would be counted there, and dialed.
        LocalTime utc = LocalTime.now(ZoneOffset.UTC);
        assumeTrue(utc.isAfter(LocalTime.of(0, 1)) && utc.isBefore(LocalTime.of(23, 59)), "not within a minute of midnight UTC");
        browser.app().configureSimulator("{\"busyShare\": 1.0}");
        String id;
        try {
            id = DeployedApp.send("POST", browser.app().api.resolve("/calls"), "{\"phoneNumber\": \"+14155550931\", "
                    + "\"contactName\": \"Capped Callee\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 3, \"afterMinutes\": 0.05}}",
                    201).path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.app().status(id).equals("FAILED"));
        } finally {
            browser.app().configureSimulator("{\"busyShare\": 0}");
        }
        org.assertj.core.api.Assertions.assertThat(browser.app().placed(id)).as("rings").isEqualTo(1);

        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/history");
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Capped Callee"));
        assertThat(row.locator(".badge")).hasText("Not redialed: this number reached its daily limit of 1 call",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
    }
}
