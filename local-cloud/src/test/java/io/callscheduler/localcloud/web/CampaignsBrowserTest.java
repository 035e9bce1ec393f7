package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.model.NewContact;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The page's Campaigns view on a local cloud: the navigation to it, a campaign created from the form (a refusal shown
 * next to its field), started, paused and stopped with its state shown, contacts from a CSV checked before they are
 * imported, and the results downloaded as one file. Contacts for the lifecycle come through the store, as in
 * CampaignEndToEndTest, so that test does not depend on the upload.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class CampaignsBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());
    private static DynamoDbClient dynamoDb;
    private static DynamoDbCampaignStore store;

    @BeforeAll
    static void openStore() {
        dynamoDb = DynamoDbClient.builder().endpointOverride(browser.app().cloud.dynamoDbUrl()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        store = new DynamoDbCampaignStore(dynamoDb, browser.app().cloud.template().tables().keySet().iterator().next());
    }

    @AfterAll
    static void closeStore() {
        dynamoDb.close();
    }

    private static String createCampaign(String name, String rate) {
        return DeployedApp.send("POST", browser.app().api.resolve("/campaigns"), "{\"name\": \"" + name
                + "\", \"message\": \"Hello {{contactName}}\", \"maxCallsPerSecond\": " + rate + "}", 201).path("id").asText();
    }

    private static void addContacts(String id, int size, int first) {
        List<NewContact> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(new NewContact("+1415557%04d".formatted(first + i), Map.of("contactName", "Guest " + i)));
        }
        org.assertj.core.api.Assertions.assertThat(store.addContacts(id, list).added()).isEqualTo(size);
    }

    private static String state(String id) {
        return DeployedApp.send("GET", browser.app().api.resolve("/campaigns/" + id), null, 200).path("state").asText();
    }

    private static Page open(String route) {
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl() + route);
        return page;
    }

    private static Locator button(Page page, String name) {
        return page.locator("campaigns-view").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void theNavigationLeadsToCampaignsAndBackToTheCalls() {
        Page page = open("");
        assertThat(page.locator("app-nav .coming")).hasCount(0); // every section is built: none named as coming
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Campaigns")).click();
        assertThat(page).hasURL(Pattern.compile("#/campaigns$"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Campaigns"))).hasAttribute("aria-current", "page");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New campaign"))).isVisible();
        assertThat(page.locator("#calls-panel")).isHidden();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Calls").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile("#/calls/now$"));
        assertThat(page.locator("#calls-panel")).isVisible();
        assertThat(page.locator("campaigns-view")).isHidden();
    }

    @Test
    void aPersonCreatesStartsPausesAndStopsACampaignSeeingItsState() {
        Page page = open("#/campaigns");
        Locator view = page.locator("campaigns-view");
        view.getByLabel("Campaign name").fill("Dentist <b>reminders</b>");
        view.getByLabel("Message spoken to each contact").fill("Hello {{contactName}}, see you tomorrow.");
        view.getByLabel("Calling hours").fill("9 to 5");
        view.getByLabel("Calls per second").fill("0.05"); // one call every 20 s: still running when paused
        button(page, "Create campaign").click();
        // The API's refusal, next to its field, in the page's words; nothing created.
        assertThat(page.locator("#campaign-callingHours-error")).hasText("Calling hours: write the hours like 08:00-20:00 and the days like Mon-Fri.");
        assertThat(view.getByLabel("Calling hours")).isFocused();
        view.getByLabel("Calling hours").fill("");
        button(page, "Create campaign").click();

        assertThat(page).hasURL(Pattern.compile("#/campaigns/[^/]+$"));
        String id = page.url().replaceAll(".*#/campaigns/", "");
        Locator detail = page.locator("campaign-detail");
        assertThat(detail.locator(".campaign-name")).hasText("Dentist <b>reminders</b>"); // as text, never markup
        assertThat(detail.locator(".campaign-state-line")).containsText("Draft.");
        assertThat(detail.locator(".campaign-counts")).hasText("No contacts yet.");

        addContacts(id, 3, 100);
        // Polled while shown: the contacts appear without a reload.
        assertThat(detail.locator(".campaign-counts")).hasText("0 of 3 called: 3 still to call.");
        assertThat(detail.locator("#campaign-progress-text")).hasText("0 of 3 (0%)");

        assertThat(detail.locator(".campaign-eta")).hasText("No finish time yet: it starts when you start it.");
        button(page, "Start").click();
        assertThat(detail.locator(".campaign-state-line")).containsText("Running.");
        assertThat(button(page, "Start")).isHidden();
        // Its pace and ETA in plain words, the ETA in the viewer's zone (Paris here), with what it assumes.
        assertThat(detail.locator(".campaign-eta")).hasText(Pattern.compile("^Finishes around \\d\\d:\\d\\d \\(\\w{3} \\d{1,2} \\w{3}\\)\\.$"));
        assertThat(detail.locator(".campaign-eta-basis")).containsText("0.05 dials a second");
        assertThat(detail.locator(".campaign-dial-rate")).hasText(Pattern.compile("(dials? a minute over|No dials in) the last 5 minutes"));
        button(page, "Pause").click();
        assertThat(detail.locator(".campaign-state-line")).containsText("Paused.");
        assertThat(detail.locator(".campaign-eta")).hasText("No finish time while it is paused: it goes on when you resume it.");
        org.assertj.core.api.Assertions.assertThat(state(id)).isEqualTo("PAUSED");
        button(page, "Resume").click();
        assertThat(detail.locator(".campaign-state-line")).containsText("Running.");

        // Stop asks first, saying what happens to the contacts not called yet; "Keep it going" keeps it.
        button(page, "Stop").click();
        Locator dialog = page.locator("#campaign-stop-dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("not called yet will not be called: they end as canceled");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it going")).click();
        assertThat(button(page, "Stop")).isFocused();
        org.assertj.core.api.Assertions.assertThat(state(id)).isEqualTo("RUNNING");
        button(page, "Stop").click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop the campaign")).click();
        assertThat(detail.locator(".campaign-state-line")).containsText("Stopped.");
        assertThat(button(page, "Resume")).isHidden();

        // The list, newest first, shows it with its state and progress.
        detail.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("All campaigns")).click();
        Locator row = page.locator("campaigns-view tbody tr[data-id='" + id + "']");
        assertThat(row.locator(".campaign-state")).hasText("Stopped");
        assertThat(row.locator("progress")).hasAttribute("max", "3");
        assertThat(page.locator("campaigns-view tbody tr").first()).hasAttribute("data-id", id);

        // "See its calls": the calls list, filtered by the campaign (GET /calls?campaignId=), and back.
        row.getByRole(AriaRole.LINK).click();
        detail.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See its calls")).click();
        assertThat(page).hasURL(Pattern.compile("#/calls/now\\?campaign=" + id + "$"));
        Locator list = page.locator("call-list");
        assertThat(list.locator(".campaign-filter")).containsText("Only the calls of one campaign");
        int made = DeployedApp.send("GET", browser.app().api.resolve("/calls?campaignId=" + id), null, 200).path("items").size();
        org.assertj.core.api.Assertions.assertThat(made).as("calls drawn before the pause and the stop").isPositive();
        assertThat(list.locator("tbody tr")).hasCount(made);
        list.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Back to the campaign")).click();
        assertThat(page).hasURL(Pattern.compile("#/campaigns/" + id + "$"));
    }

    @Test
    void aCsvIsCheckedFirstShowingTheBadRowsWithTheirReasonsThenImported() {
        String id = createCampaign("Dentist reminders", "1");
        Page page = open("#/campaigns/" + id);
        Locator detail = page.locator("campaign-detail");
        assertThat(detail.locator(".campaign-state-line")).containsText("Draft.");
        detail.getByLabel("Country of numbers written without +").selectOption("US");

        // A file refused whole: what is wrong, on which line, and nothing imported.
        detail.getByLabel("CSV file of contacts").setInputFiles(csv("ragged.csv",
                "phoneNumber,contactName\n+14155550181,Ann\n+14155550182,Bob,extra\n"));
        assertThat(detail.locator("contacts-upload .field-error")).hasText(
                "Line 3: the row has more or fewer cells than the header has columns. Nothing was imported.");

        detail.getByLabel("CSV file of contacts").setInputFiles(csv("contacts.csv",
                "phoneNumber,contactName\n(415) 555-0183,Ann Lee\nnot a number,Bob\n+1 415 555 0183,Ann again\n+14155550184,Cy\n"));
        assertThat(detail.locator(".upload-status")).hasText(
                "contacts.csv: 4 rows: 2 can be imported, 2 rejected (1 duplicate).");
        Locator rejects = detail.locator("table.rejects tbody tr");
        assertThat(rejects).hasCount(2);
        assertThat(rejects.nth(0).locator("td")).hasText(new String[] {"3", "phoneNumber",
                "Not a phone number that can be read (write it with + and the country code, or choose the country above)."});
        assertThat(rejects.nth(1).locator("td")).hasText(new String[] {"4", "phoneNumber", "The same number as row 2."});
        org.assertj.core.api.Assertions.assertThat(DeployedApp.send("GET", browser.app().api.resolve("/campaigns/" + id), null, 200)
                .path("progress").path("total").asLong()).as("a dry run imports nothing").isZero();
        // docs/campaign.png is a copy of this: a campaign's CSV checked before it is imported.
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Path.of("target", "screenshots", "readme-campaign.png")));

        button(page, "Import 2 contacts").click();
        assertThat(detail.locator(".upload-status")).hasText("contacts.csv: 4 rows: 2 imported, 2 rejected (1 duplicate).");
        assertThat(detail.locator(".campaign-counts")).hasText("0 of 2 called: 2 still to call.");
    }

    @Test
    void theResultsDownloadAsOneFileWithEveryPage() throws Exception {
        String id = createCampaign("Results", "1");
        addContacts(id, 3, 200);
        Page page = open("#/campaigns/" + id);
        assertThat(page.locator("campaign-detail .campaign-counts")).hasText("0 of 3 called: 3 still to call.");

        Download download = page.waitForDownload(() -> button(page, "Download results").click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("results-results.csv");
        String file = Files.readString(download.path(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(file.lines().filter(line -> line.contains("resultsVersion"))).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(file).contains("'+14155570200", "'+14155570201", "'+14155570202");
        assertThat(page.locator("campaign-detail .campaign-results [role=status]")).hasText("Results saved as results-results.csv.");
    }

    /** The download's joining, in the page itself: pages that repeat the header row make a file with one. */
    @Test
    void pagesOfResultsJoinIntoOneFileWithOneHeader() {
        Page page = open("#/campaigns");
        Object joined = page.evaluate("async () => (await import('./js/views/campaigns/results-download.js')).joinPages(["
                + "'\"resultsVersion\",\"phoneNumber\"\\r\\n\"1\",\"\\'+1\"\\r\\n',"
                + "'\"resultsVersion\",\"phoneNumber\"\\r\\n\"1\",\"\\'+2\"\\r\\n',"
                + "'\"1\",\"\\'+3\"']) ");
        org.assertj.core.api.Assertions.assertThat(joined)
                .isEqualTo("\"resultsVersion\",\"phoneNumber\"\r\n\"1\",\"'+1\"\r\n\"1\",\"'+2\"\r\n\"1\",\"'+3\"");
    }

    private static FilePayload csv(String name, String text) {
        return new FilePayload(name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }
}
