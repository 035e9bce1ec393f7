package io.callscheduler.localcloud.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.callscheduler.localcloud.testing.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call really waiting for its dial slot: pacing at one dial per 100 s (MaxCallsPerSecond=0.01), two calls made
 * now; the first dials, the second waits for its slot, and its line says when, in the viewer's zone.
 */
class PacedCallBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of("MaxCallsPerSecond", "0.01"));

    @Test
    void aCallPacedToALaterDialSlotSaysWhenItDials() {
        browser.app().createNamed("+14155550921", "Paced First", null);
        String paced = browser.app().createNamed("+14155550922", "Paced Second", null).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DIAL_SLOT".equals(browser.app().get(paced).path("waitingFor").asText()));
        String slot = ZonedDateTime.ofInstant(Instant.parse(browser.app().get(paced).path("nextAttemptAt").asText()),
                ZoneId.of("Europe/Paris")).format(DateTimeFormatter.ofPattern("HH:mm"));

        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString() + "#/calls/now");
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Paced Second"));
        assertThat(row.locator(".badge")).hasText("Paced, dials at " + slot, new LocatorAssertions.HasTextOptions().setTimeout(15_000));
    }
}
