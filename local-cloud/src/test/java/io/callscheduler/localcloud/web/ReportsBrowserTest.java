package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.reports.EndedCall;
import io.callscheduler.reports.Outcome;
import io.callscheduler.reports.dynamodb.DynamoDbOutcomeAggregates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.callscheduler.localcloud.testing.Accessibility.assertNoSeriousA11yViolations;

/**
 * The page's Reports view on a local cloud, against a KNOWN data set: eleven ended calls in early March 2026, counted
 * into the report buckets by the aggregating function's own code ({@link DynamoDbOutcomeAggregates#count}, what
 * CallEndingsFunction runs for each call the stream shows ending; OutcomeReportsEndToEndTest proves that chain).
 * Writing them directly gives calls that ended on chosen past days, in chosen zones, with every outcome, in
 * milliseconds. The browser's clock is fixed at {@link #NOW} (its timers run), so the default range is known too.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class ReportsBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());
    /** The page's "now": Sunday 8 March 2026, 11:00 in Paris. The default range is then 7 February to 8 March. */
    private static final Instant NOW = Instant.parse("2026-03-08T10:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London"); // UTC+0 in early March: callee hours are UTC hours
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York"); // UTC-5 until 8 March 2026
    private static DynamoDbClient dynamoDb;
    private static DynamoDbOutcomeAggregates aggregates;
    private static String dentist;
    private static String flu;

    @BeforeAll
    static void countTheKnownCalls() {
        dynamoDb = DynamoDbClient.builder().endpointOverride(browser.app().cloud.dynamoDbUrl()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        aggregates = new DynamoDbOutcomeAggregates(dynamoDb, browser.app().cloud.template().tables().keySet().iterator().next());
        dentist = campaign("Dentist reminders");
        flu = campaign("Flu shots");
        // Mon 2 March, London: two answered and a busy (redialed once) at 09:xx for the dentist, a no answer at 14:xx.
        ended("a1", "2026-03-02T09:05:00Z", Outcome.COMPLETED, dentist, LONDON, 30, 4L, null, 1);
        ended("a2", "2026-03-02T09:40:00Z", Outcome.COMPLETED, dentist, LONDON, 90, 6L, null, 1);
        ended("a3", "2026-03-02T09:50:00Z", Outcome.BUSY, dentist, LONDON, null, null, null, 2);
        ended("a4", "2026-03-02T14:20:00Z", Outcome.NO_ANSWER, null, LONDON, null, null, null, 1);
        // Tue 3 March: the flu campaign's answered and failed at 09:xx London, a call canceled before it dialed at 10:xx;
        // two dentist calls in New York at 09:10 there (14:10 UTC, 15:10 in Paris), one with answering-machine detection.
        ended("b1", "2026-03-03T09:15:00Z", Outcome.COMPLETED, flu, LONDON, 200, 8L, null, 1);
        ended("b2", "2026-03-03T09:30:00Z", Outcome.FAILED, flu, LONDON, null, null, null, 1);
        ended("b3", "2026-03-03T10:00:00Z", Outcome.CANCELED, null, LONDON, null, null, null, 0);
        ended("b4", "2026-03-03T14:10:00Z", Outcome.COMPLETED, dentist, NEW_YORK, 45, 5L, false, 1);
        ended("b5", "2026-03-03T14:12:00Z", Outcome.NO_ANSWER, dentist, NEW_YORK, null, null, null, 3);
        // Wed 4 March, 16:xx London: the dentist's call a machine answered, and a busy one.
        ended("c1", "2026-03-04T16:00:00Z", Outcome.COMPLETED, dentist, LONDON, 20, 3L, true, 1);
        ended("c2", "2026-03-04T16:30:00Z", Outcome.BUSY, null, LONDON, null, null, null, 1);
        aggregates.advanceAsOf(Instant.now()); // a known asOf, after every write of this class (it only moves forward)
    }

    @AfterAll
    static void closeDynamoDb() {
        dynamoDb.close();
    }

    private static String campaign(String name) {
        return DeployedApp.send("POST", browser.app().api.resolve("/campaigns"), "{\"name\": \"" + name
                + "\", \"message\": \"Hello {{contactName}}\"}", 201).path("id").asText();
    }

    private static void ended(String id, String at, Outcome outcome, String campaignId, ZoneId callee, Integer talk,
                              Long ring, Boolean machine, int attempts) {
        org.assertj.core.api.Assertions.assertThat(aggregates.count(new EndedCall("report-page-" + id, Instant.parse(at), outcome,
                campaignId, null, callee, talk, ring, machine, attempts))).isTrue();
    }

    private static Page open(String route) {
        Page page = browser.parisPage();
        page.clock().setFixedTime(NOW.toEpochMilli());
        page.navigate(browser.app().cloud.webUrl() + route);
        return page;
    }

    private static Locator view(Page page) {
        return page.locator("reports-view");
    }

    private static Locator hour(Page page, int hour) {
        return view(page).locator("svg.rate-bars g.bar[data-hour='" + hour + "']");
    }

    private static Locator segments(Page page, String day) {
        return view(page).locator("svg.stacked-bars g.bar[data-day='" + day + "'] rect.segment");
    }

    private static Locator figure(Page page, String id) {
        return view(page).locator("dd[data-figure='" + id + "']");
    }

    @Test
    void theDefaultRangeShowsTheKnownCallsAsChartsTablesAndKeyFigures() {
        Page page = open("");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports")).click();
        assertThat(page).hasURL(Pattern.compile("#/reports$"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports"))).hasAttribute("aria-current", "page");
        Locator view = view(page);
        // The last 30 days in the viewer's zone, today the last; hours and days in each callee's own time.
        assertThat(view.getByLabel("First day")).hasValue("2026-02-07");
        assertThat(view.getByLabel("Last day")).hasValue("2026-03-08");
        assertThat(view.getByLabel("Hours and days in")).hasValue("callee");
        assertThat(view.locator(".report-status")).hasText(
                "11 calls ended between 7 Feb 2026 and 8 Mar 2026; hours and days in each callee's local time.");
        // How current: the API's asOf in words, in Paris (the page's zone), its day named as it is not the page's today.
        String asOf = DeployedApp.send("GET", browser.app().api.resolve("/reports/outcomes"), null, 200).path("asOf").asText();
        Instant counted = Instant.parse(asOf);
        assertThat(view.locator(".report-as-of")).hasText("Counted up to "
                + DateTimeFormatter.ofPattern("HH:mm 'on' EEE d MMM", Locale.UK).withZone(ZoneId.of("Europe/Paris")).format(counted) + ".");

        // Key figures.
        assertThat(figure(page, "calls")).hasText("11");
        assertThat(figure(page, "attempts")).hasText("13 (2 calls redialed)");
        assertThat(figure(page, "answer-rate")).hasText("50% (5 of 10 not canceled)");
        assertThat(figure(page, "talk-time")).hasText("median 45 s, 90th percentile 4 min");
        assertThat(figure(page, "ring-time")).hasText("median 6 s");
        assertThat(figure(page, "machine")).hasText("1 of 2 calls checked (50%)");

        // Answer rate by hour of day (callee's time): 24 bars; 09:00 has 4 of 7, 10:00 only a canceled call (no rate,
        // a dash, not 0%), 14:00 0 of 1, 16:00 1 of 2; each bar's height is its rate of the plot's height.
        Locator bars = view.locator("svg.rate-bars g.bar");
        assertThat(bars).hasCount(24);
        assertThat(hour(page, 9)).hasAttribute("data-value", "0.5714");
        assertThat(hour(page, 10)).hasAttribute("data-value", "none");
        assertThat(hour(page, 14)).hasAttribute("data-value", "0");
        assertThat(hour(page, 16)).hasAttribute("data-value", "0.5");
        assertThat(hour(page, 3)).hasAttribute("data-value", "none");
        double plot = Double.parseDouble(view.locator("svg.rate-bars").getAttribute("data-plot-height"));
        org.assertj.core.api.Assertions.assertThat(Double.parseDouble(hour(page, 9).locator("rect").getAttribute("height")))
                .isCloseTo(0.5714 * plot, org.assertj.core.data.Offset.offset(0.05));
        org.assertj.core.api.Assertions.assertThat(Double.parseDouble(hour(page, 16).locator("rect").getAttribute("height")))
                .isCloseTo(0.5 * plot, org.assertj.core.data.Offset.offset(0.05));
        Locator hourChart = view.locator("#report-hourly svg[role=img]");
        assertThat(hourChart).hasAttribute("aria-label", "Answer rate by hour of day, in each callee's local time: "
                + "highest 57.1% at 09:00, lowest 0% at 14:00; 21 hours with no call to rate.");
        assertThat(view.locator("#report-hourly figcaption")).containsText("Answer rate by hour of day");
        Locator hourRows = view.locator("#report-hourly table tbody tr");
        assertThat(hourRows).hasCount(24);
        assertThat(hourRows.nth(9).locator("th, td")).hasText(new String[] {"09:00", "7", "4", "7", "57.1%"});
        assertThat(hourRows.nth(10).locator("th, td")).hasText(new String[] {"10:00", "1", "0", "0", "–"});
        assertThat(hourRows.nth(16).locator("th, td")).hasText(new String[] {"16:00", "2", "1", "2", "50%"});

        // Outcomes per day: a bar for each of the 30 days, the known days' segments stacked bottom up in outcome order,
        // each count the same height per call.
        assertThat(view.locator("svg.stacked-bars g.bar")).hasCount(30);
        assertSegments(page, "2026-03-02", "answered=2", "busy=1", "noAnswer=1");
        assertSegments(page, "2026-03-03", "answered=2", "noAnswer=1", "failed=1", "canceled=1");
        assertSegments(page, "2026-03-04", "answered=1", "busy=1");
        assertThat(segments(page, "2026-03-01")).hasCount(0);
        double two = Double.parseDouble(segments(page, "2026-03-02").nth(0).getAttribute("height"));
        double one = Double.parseDouble(segments(page, "2026-03-02").nth(1).getAttribute("height"));
        org.assertj.core.api.Assertions.assertThat(two).isCloseTo(2 * one, org.assertj.core.data.Offset.offset(0.05));
        assertThat(view.locator(".chart-legend li")).hasText(new String[] {"Answered", "Busy", "No answer", "Failed", "Canceled"});
        assertThat(view.locator("#report-daily svg[role=img]")).hasAttribute("aria-label", "Outcomes per day, Sat 7 Feb to Sun 8 Mar: "
                + "11 calls (5 answered, 2 busy, 2 no answer, 1 failed, 1 canceled); the most on Tue 3 Mar, 5.");
        Locator dayRows = view.locator("#report-daily table tbody tr");
        assertThat(dayRows).hasCount(3);
        assertThat(dayRows.nth(0).locator("th, td")).hasText(new String[] {"Mon 2 Mar", "4", "2", "1", "1", "0", "0"});
        assertThat(dayRows.nth(1).locator("th, td")).hasText(new String[] {"Tue 3 Mar", "5", "2", "0", "1", "1", "1"});
        assertThat(dayRows.nth(2).locator("th, td")).hasText(new String[] {"Wed 4 Mar", "2", "1", "1", "0", "0", "0"});

        // The numbers are in the DOM (read by screen readers) and shown on screen on request.
        Locator numbers = view.locator("#report-daily-numbers");
        org.assertj.core.api.Assertions.assertThat(numbers.boundingBox().width).as("visually hidden").isLessThanOrEqualTo(1);
        view.locator("#report-daily").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show the numbers")).click();
        org.assertj.core.api.Assertions.assertThat(numbers.boundingBox().width).as("shown").isGreaterThan(100);
        assertNoSeriousA11yViolations(page);
    }

    private static void assertSegments(Page page, String day, String... outcomeCounts) {
        Locator found = segments(page, day);
        assertThat(found).hasCount(outcomeCounts.length);
        for (int i = 0; i < outcomeCounts.length; i++) {
            String[] pair = outcomeCounts[i].split("=");
            assertThat(found.nth(i)).hasAttribute("data-outcome", pair[0]);
            assertThat(found.nth(i)).hasAttribute("data-count", pair[1]);
        }
    }

    @Test
    void theCampaignFilterAndTheZoneChangeTheNumbersAndTheAddressKeepsThem() {
        Page page = open("#/reports");
        Locator view = view(page);
        assertThat(figure(page, "calls")).hasText("11");
        assertThat(view.getByLabel("Campaign").locator("option")).hasCount(3);
        assertThat(view.getByLabel("Campaign").locator("option").first()).hasText("All calls");

        // The dentist's six calls: 4 answered; at 09:00 (callee's time) 3 of 5.
        view.getByLabel("Campaign").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Dentist reminders"));
        assertThat(page).hasURL(Pattern.compile("#/reports\\?from=2026-02-07&to=2026-03-08&campaign=" + dentist + "$"));
        assertThat(figure(page, "calls")).hasText("6");
        assertThat(figure(page, "answer-rate")).hasText("66.7% (4 of 6 not canceled)");
        assertThat(hour(page, 9)).hasAttribute("data-value", "0.6");
        assertThat(hour(page, 14)).hasAttribute("data-value", "none");
        assertSegments(page, "2026-03-03", "answered=1", "noAnswer=1");
        assertThat(view.locator(".report-status")).containsText("in Dentist reminders");

        // In Paris time: London's 09:xx is 10:00 there (2 of 3), New York's 09:10 is 15:10 (1 of 2), 16:00 is 17:00.
        view.getByLabel("Hours and days in").selectOption("display");
        assertThat(view.getByLabel("Hours and days in").locator("option:checked")).hasText("Paris time (as times are shown)");
        assertThat(hour(page, 10)).hasAttribute("data-value", "0.6667");
        assertThat(hour(page, 15)).hasAttribute("data-value", "0.5");
        assertThat(hour(page, 17)).hasAttribute("data-value", "1");
        assertThat(hour(page, 9)).hasAttribute("data-value", "none");

        // Reload: the same question from the address.
        page.reload();
        assertThat(view.getByLabel("Campaign")).hasValue(dentist);
        assertThat(view.getByLabel("Hours and days in")).hasValue("display");
        assertThat(hour(page, 10)).hasAttribute("data-value", "0.6667");

        // A range without calls says so in words, and shows no empty charts; a reversed range is refused before asking.
        view.getByLabel("First day").fill("2026-01-01");
        view.getByLabel("Last day").fill("2026-01-05");
        assertThat(view.locator(".report-status")).hasText("No calls ended between 1 Jan 2026 and 5 Jan 2026 in Dentist reminders.");
        assertThat(view.locator(".report-results")).isHidden();
        view.getByLabel("First day").fill("2026-01-09");
        assertThat(view.locator("#report-range-error")).hasText("The first day must not be after the last day.");
    }

    @Test
    void eachChartDownloadsTheApisCsvOfItsQuestion() throws Exception {
        Page page = open("#/reports?from=2026-03-02&to=2026-03-04&campaign=" + flu);
        Locator daily = view(page).locator("#report-daily");
        assertThat(figure(page, "calls")).hasText("2");
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(request -> asked.add(request.url()));
        Download download = page.waitForDownload(() -> daily.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Download CSV")).click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("outcomes-by-day-2026-03-02-to-2026-03-04.csv");
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(csv.lines().findFirst().orElseThrow()).startsWith("\"day\",\"calls\",\"answered\",\"busy\"");
        org.assertj.core.api.Assertions.assertThat(csv).contains("\"2026-03-03\",\"2\",\"1\",\"0\",\"0\",\"1\",\"0\"", "\"total\",\"2\",\"1\"");
        org.assertj.core.api.Assertions.assertThat(asked).anySatisfy(url -> org.assertj.core.api.Assertions.assertThat(url)
                .contains("/reports/outcomes?", "format=csv", "groupBy=day", "campaignId=" + flu,
                        "from=2026-03-02T00%3A00%3A00%2B01%3A00", "to=2026-03-05T00%3A00%3A00%2B01%3A00"));

        Download hourly = page.waitForDownload(() -> view(page).locator("#report-hourly").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Download CSV")).click());
        String hours = Files.readString(hourly.path(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(hours.lines()).hasSize(26); // header, 24 hours, total
        org.assertj.core.api.Assertions.assertThat(hours).contains("\"9\",\"2\",\"1\"");
    }

    /** The view's own reducer and wording, run in the browser: durations, rates, asOf, the default range, stale answers. */
    @Test
    void theWordingAndTheReducerHoldTheirRules() {
        Page page = open("#/reports");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.evaluate("async () => {"
                + " const s = await import('./js/views/reports/state.js');"
                + " let state = s.reduce(s.initialState, { type: 'report-requested', seq: 1 });"
                + " state = s.reduce(state, { type: 'report-requested', seq: 2 });"
                + " const stale = s.reduce(state, { type: 'report-loaded', seq: 1, hourly: {}, daily: {} }) === state;"
                + " const at = Date.parse('2026-03-29T12:00:00Z');"
                + " return { stale,"
                + "   durations: [5, 60, 90, 3600, 3900, null].map(s.durationText),"
                + "   rates: [0, 0.5, 0.5714, 1, null].map(s.percentText),"
                + "   today: s.asOfText('2026-03-29T10:05:00Z', 'Europe/Paris', at),"
                + "   yesterday: s.asOfText('2026-03-28T22:59:00Z', 'Europe/Paris', at),"
                + "   none: s.asOfText(null, 'Europe/Paris', at),"
                + "   range: s.defaultRange(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Paris'),"
                + "   query: s.reportQuery({ from: '2026-03-29', to: '2026-03-29', campaignId: null, zone: 'display' }, 'Europe/Paris'),"
                + "   days: s.dayRows({ groups: [{ key: '2026-02-28', calls: 1, busy: 1 }] }, { from: '2026-03-01', to: '2026-03-02' })"
                + "     .map((r) => r.day + ':' + r.calls),"
                + "   problems: [{ from: '2026-03-02', to: '2026-03-01' }, { from: '2025-01-01', to: '2026-01-02' }, { from: null, to: '2026-01-01' }]"
                + "     .map(s.rangeProblem) };"
                + "}");
        org.assertj.core.api.Assertions.assertThat(result.get("stale")).as("an answer to an older question is dropped").isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("durations")).asList()
                .containsExactly("5 s", "1 min", "1 min 30 s", "1 h", "1 h 5 min", "none");
        org.assertj.core.api.Assertions.assertThat(result.get("rates")).asList().containsExactly("0%", "50%", "57.1%", "100%", "no calls");
        // 29 March 2026: Paris moves to summer time (UTC+2) at 01:00 UTC.
        org.assertj.core.api.Assertions.assertThat(result.get("today")).isEqualTo("Counted up to 12:05.");
        org.assertj.core.api.Assertions.assertThat(result.get("yesterday")).isEqualTo("Counted up to 23:59 on Sat 28 Mar.");
        org.assertj.core.api.Assertions.assertThat(result.get("none")).asString().startsWith("Nothing counted yet");
        // 22:30 UTC on the 29th is already the 30th in Paris.
        org.assertj.core.api.Assertions.assertThat(result.get("range")).isEqualTo(Map.of("from", "2026-03-01", "to", "2026-03-30"));
        org.assertj.core.api.Assertions.assertThat(result.get("query")).isEqualTo(Map.of(
                "from", "2026-03-29T00:00:00+01:00", "to", "2026-03-30T00:00:00+02:00", "zone", "Europe/Paris"));
        org.assertj.core.api.Assertions.assertThat(result.get("days")).asList()
                .containsExactly("2026-02-28:1", "2026-03-01:0", "2026-03-02:0");
        org.assertj.core.api.Assertions.assertThat(result.get("problems")).asList().containsExactly(
                "The first day must not be after the last day.", "A report covers at most 366 days; choose a shorter range.",
                "Choose the first and the last day.");
    }

    /**
     * docs/reports.png: the view over four weeks of December 2025 with a realistic data set (938 calls of two campaigns,
     * answer rates higher in the morning and evening, fewer calls at weekends, some redials and machine answers), seeded so
     * that it is the same each time. Opt-in (it counts the calls one by one, about 35 s): -Dreports.screenshot=true.
     */
    @Test
    @EnabledIfSystemProperty(named = "reports.screenshot", matches = "true")
    void readmeScreenshot() {
        Random random = new Random(23);
        ZoneId[] zones = {LONDON, ZoneId.of("Europe/Paris"), NEW_YORK, ZoneId.of("America/Chicago")};
        for (int i = 0; i < 1200; i++) {
            int day = random.nextInt(28);
            Instant dayStart = Instant.parse("2025-12-01T00:00:00Z").plusSeconds(86_400L * day);
            boolean weekend = java.time.LocalDate.of(2025, 12, 1).plusDays(day).getDayOfWeek().getValue() >= 6;
            if (weekend && random.nextInt(3) > 0) {
                continue;
            }
            ZoneId zone = zones[random.nextInt(zones.length)];
            int localHour = 8 + random.nextInt(12);
            Instant at = dayStart.atZone(zone).withHour(localHour).withMinute(random.nextInt(60)).toInstant();
            double answerChance = localHour < 10 || localHour >= 17 ? 0.68 : localHour == 13 ? 0.5 : 0.38;
            double roll = random.nextDouble();
            Outcome outcome = roll < answerChance ? Outcome.COMPLETED : roll < answerChance + 0.12 ? Outcome.BUSY
                    : roll < 0.93 ? Outcome.NO_ANSWER : roll < 0.97 ? Outcome.FAILED : Outcome.CANCELED;
            boolean answered = outcome == Outcome.COMPLETED;
            ended("shot-" + i, at.toString(), outcome, random.nextBoolean() ? dentist : flu, zone,
                    answered ? 20 + random.nextInt(300) : null, answered ? 3L + random.nextInt(15) : null,
                    answered ? random.nextInt(10) == 0 : null,
                    outcome == Outcome.CANCELED ? 0 : !answered && random.nextInt(3) == 0 ? 2 : 1);
        }
        Page page = browser.parisPage(); // the real clock: asOf reads as today's
        page.navigate(browser.app().cloud.webUrl() + "#/reports?from=2025-12-01&to=2025-12-28");
        page.setViewportSize(1200, 900);
        assertThat(figure(page, "calls")).not().hasText("0");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "screenshots", "readme-reports.png")));
    }
}
