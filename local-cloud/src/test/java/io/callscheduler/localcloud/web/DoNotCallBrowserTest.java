package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The do-not-call list on one local cloud with the template's defaults (a 2 s claim lead): the race end to
 * end (a number put on the list after its call was claimed, a second or so before its moment, is never requested
 * from the simulator), and the page's "Do not call" view: add, search and remove, from the keyboard.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class DoNotCallBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    @Test
    void aNumberAddedAfterItsCallWasClaimedIsNeverDialed() {
        String number = "+14155550961";
        Instant moment = Instant.now().plusSeconds(5);
        String id = browser.app().create(number, moment).path("id").asText();
        // Claimed 2 s before its moment (DialClaimLeadSeconds): the check at the claim is past.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> browser.app().status(id).equals("DIALING"));

        DeployedApp.send("PUT", browser.app().api.resolve("/suppressions/%2B14155550961"),
                "{\"reason\": \"asked at the last second\"}", 200);
        Instant added = Instant.now();

        org.assertj.core.api.Assertions.assertThat(added).as("added before the moment's last read").isBefore(moment.minusMillis(200));
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.app().status(id).equals("CANCELED"));
        JsonNode call = browser.app().get(id);
        org.assertj.core.api.Assertions.assertThat(call.path("lastError").asText())
                .startsWith("suppressed: " + number + " is on the do-not-call list (asked at the last second");
        JsonNode dial = browser.app().dials(id);
        org.assertj.core.api.Assertions.assertThat(dial.path("requests").asInt()).as("provider requests").isZero();
        org.assertj.core.api.Assertions.assertThat(dial.path("placed").asInt()).isZero();
    }

    @Test
    void aPersonAddsSearchesAndRemovesNumbers() {
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Do not call")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#/do-not-call$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Do not call"))).isVisible();
        assertThat(page.locator("do-not-call-view .dnc-summary")).hasText("No numbers are on the list.");

        add(page, "+1 (415) 555-0971", "Asked by email");
        add(page, "+44 20 7946 0972", "<b>wrong</b> number");
        Locator rows = page.locator("do-not-call-view tbody tr");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0).locator("td").first()).hasText("+14155550971");
        assertThat(rows.nth(1).locator("td").nth(1)).hasText("<b>wrong</b> number"); // as text, never markup

        // Search from the keyboard: by reason, then by digits as typed.
        Locator search = page.locator("do-not-call-view").getByLabel("Search by number or reason");
        search.fill("EMAIL");
        search.press("Enter");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText("+14155550971");
        search.fill("20 7946");
        search.press("Enter");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText("+442079460972");

        // Remove, after a confirmation; "Keep it" keeps it.
        Locator remove = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove +442079460972 from the list"));
        remove.click();
        Locator dialog = page.locator("#dnc-remove-dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("calls to it will be allowed again");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it")).click();
        assertThat(remove).isFocused();
        remove.press("Enter");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove").setExact(true)).click();
        assertThat(page.locator("do-not-call-view .dnc-summary")).hasText("No number on the list matches \"20 7946\".");
        JsonNode left = DeployedApp.send("GET", browser.app().api.resolve("/suppressions"), null, 200).path("items");
        org.assertj.core.api.Assertions.assertThat(left).extracting(e -> e.path("phoneNumber").asText())
                .doesNotContain("+442079460972").contains("+14155550971");
    }

    /** "Import a CSV": the dry run's report first (a bad row and its reason), then the import lists the numbers. */
    @Test
    void aPersonImportsAFileAfterSeeingItsRejectedRow() {
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString() + "#/do-not-call");
        Locator view = page.locator("do-not-call-view");
        view.getByLabel("Country of numbers written without +").selectOption("US");
        view.getByLabel("CSV file of numbers").setInputFiles(new FilePayload("dnc.csv", "text/csv",
                "phoneNumber,reason\n(415) 555-0981,<i>letter</i>\nnot a number,typo\n+1 415 555 0982,\n"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(view.locator(".upload-status")).hasText("dnc.csv: 3 rows: 2 can be imported, 1 rejected.");
        Locator rejects = view.locator("table.rejects tbody tr");
        assertThat(rejects).hasCount(1);
        assertThat(rejects.first().locator("td")).hasText(new String[] {"3", "phoneNumber",
                "Not a phone number that can be read (write it with + and the country code, or choose the country above)."});
        org.assertj.core.api.Assertions.assertThat(DeployedApp.send("GET", browser.app().api.resolve("/suppressions?q=555098"),
                null, 200).path("items")).as("a dry run writes nothing").isEmpty();

        view.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import 2 numbers")).click();
        assertThat(view.locator(".upload-status")).hasText("dnc.csv: 3 rows: 2 imported, 1 rejected.");
        // Listed among any numbers other tests left.
        Locator first = view.locator("table.dnc-list tbody tr[data-number='+14155550981'] td");
        assertThat(first.nth(1)).hasText("<i>letter</i>"); // as text, never markup
        assertThat(view.locator("table.dnc-list tbody tr[data-number='+14155550982'] td").nth(1)).hasText("imported");

        // The list as the other tests of this class expect to find it.
        DeployedApp.send("DELETE", browser.app().api.resolve("/suppressions/%2B14155550981"), null, 200);
        DeployedApp.send("DELETE", browser.app().api.resolve("/suppressions/%2B14155550982"), null, 200);
    }

    private static void add(Page page, String number, String reason) {
        page.locator("do-not-call-view").getByLabel("Number not to call").fill(number);
        Locator reasonField = page.locator("do-not-call-view").getByLabel("Reason", new Locator.GetByLabelOptions().setExact(true));
        reasonField.fill(reason);
        reasonField.press("Enter");
        assertThat(page.locator("do-not-call-view").getByLabel("Number not to call")).isEmpty();
    }
}
