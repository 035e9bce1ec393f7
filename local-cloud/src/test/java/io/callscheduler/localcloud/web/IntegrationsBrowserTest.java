package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.callscheduler.localcloud.testing.Accessibility.assertNoSeriousA11yViolations;

/**
 * The page's "Integrations" view on a local cloud: a person adds a webhook endpoint (the simulator's receiver), sees
 * its signing secret once, rotates it, disables the endpoint and deletes it after a confirmation.
 */
// Side by side with the other classes: it mostly waits for the delivery chain's retries and the page's polls, on a local
// cloud of its own; its tests run one after another (one browser, driven from one thread).
@Execution(ExecutionMode.CONCURRENT)
class IntegrationsBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aPersonAddsAnEndpointSeesItsSecretOnceDisablesAndDeletesIt() {
        String url = browser.app().cloud.callApiUrl().resolve("/webhooks/crm").toString().replace("localhost", "127.0.0.1");
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Integrations")).click();
        assertThat(page).hasURL(Pattern.compile("#/integrations$"));
        Locator view = page.locator("integrations-view");
        assertThat(view.locator(".endpoints-summary")).hasText("No endpoints yet: add one with the form.");

        // Some events, not all: unchecking "All events" lets them be chosen.
        Locator form = view.locator("endpoint-form");
        form.getByLabel("Endpoint URL").fill(url);
        form.getByLabel("All events, including types added later").uncheck();
        form.getByLabel("call.completed A call ends completed").check();
        form.getByLabel("call.failed A call fails").check();
        form.getByLabel("Description (optional)").fill("<b>CRM</b>");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add the endpoint")).click();

        Locator secretNotice = view.locator("secret-notice");
        assertThat(secretNotice).containsText("It will not be shown again.");
        assertThat(secretNotice.locator(".secret-value")).hasText(Pattern.compile("^whsec_[A-Za-z0-9+/=]{40,}$"));
        String secret = secretNotice.locator(".secret-value").textContent();
        Locator row = view.locator("tbody tr");
        assertThat(row).hasCount(1);
        assertThat(row.locator("td")).hasText(new String[] {url, "call.completed, call.failed", "<b>CRM</b>", "Enabled",
                "Nothing sent yet"});
        assertNoSeriousA11yViolations(page);
        JsonNode stored = DeployedApp.send("GET", browser.app().api.resolve("/webhook-endpoints"), null, 200).path("items").get(0);
        org.assertj.core.api.Assertions.assertThat(stored.path("url").asText()).isEqualTo(url);
        org.assertj.core.api.Assertions.assertThat(stored.has("secret")).as("no GET shows the secret").isFalse();
        String id = stored.path("id").asText();

        // Once saved, it is gone from the page, and nothing shows it again.
        secretNotice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have saved it")).click();
        assertThat(secretNotice).isHidden();
        page.reload();
        assertThat(row).hasCount(1);
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain(secret);

        // Its own page: rotate (the new secret shown once), disable.
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(url)).click();
        assertThat(page).hasURL(Pattern.compile("#/integrations/" + id + "$"));
        Locator detail = view.locator("endpoint-detail");
        assertThat(detail.locator(".endpoint-events")).hasText("Events: call.completed, call.failed.");
        detail.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate the signing secret")).click();
        assertThat(secretNotice.locator("h3")).hasText("The new signing secret");
        assertThat(secretNotice).containsText("The previous secret keeps signing too until");
        assertThat(secretNotice.locator(".secret-value")).not().hasText(secret);
        detail.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
        assertThat(detail.locator(".endpoint-state")).hasText("Disabled: nothing is sent to it until it is enabled again.");
        org.assertj.core.api.Assertions.assertThat(DeployedApp.send("GET", browser.app().api.resolve("/webhook-endpoints/" + id),
                null, 200).path("disabled").asBoolean()).isTrue();
        assertNoSeriousA11yViolations(page);

        // Delete, after a confirmation; "Keep it" keeps it.
        Locator delete = detail.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete the endpoint"));
        delete.click();
        Locator dialog = page.locator("#endpoint-delete-dialog");
        assertThat(dialog).containsText(url + " will receive no more events");
        assertNoSeriousA11yViolations(page);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it")).click();
        assertThat(delete).isFocused();
        delete.click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(page).hasURL(Pattern.compile("#/integrations$"));
        assertThat(view.locator(".endpoints-summary")).hasText("No endpoints yet: add one with the form.");
        assertThat(secretNotice).isHidden();
        DeployedApp.send("GET", browser.app().api.resolve("/webhook-endpoints/" + id), null, 404);
    }

    /**
     * The delivery log against the real chain (test route, delivery queue, delivery function, the simulator's
     * receiver, the deliveries and replay routes): a test event the receiver fails once is retried at the schedule's
     * first step (5 s) and delivered; one it answers 410 is given up and disables the endpoint, which is enabled again
     * and the event replayed. Each attempt's time, status, outcome in words and retry time in the viewer's zone.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aFailedTestEventIsRetriedFiveSecondsLaterAndAGoneOneIsReplayed() {
        URI receiver = browser.app().cloud.callApiUrl();
        String url = receiver.resolve("/webhooks/log").toString().replace("localhost", "127.0.0.1");
        String id = DeployedApp.send("POST", browser.app().api.resolve("/webhook-endpoints"),
                "{\"url\": \"" + url + "\", \"description\": \"log\"}", 201).path("id").asText();
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString() + "#/integrations/" + id);
        Locator view = page.locator("integrations-view");
        assertThat(view.locator(".deliveries-summary")).hasText("Nothing has been sent to this endpoint yet.");

        // The receiver answers 500 once: the first attempt fails, the retry 5 s later is delivered.
        receiverAnswers(receiver, "{\"status\": 500, \"forNextRequests\": 1}");
        sendTestEvent(view);
        Locator rows = view.locator("delivery-log tbody tr");
        Locator retried = rows.first();
        assertThat(retried).hasAttribute("data-state", "delivered", new LocatorAssertions.HasAttributeOptions().setTimeout(CHAIN_MS));
        JsonNode delivery = deliveries(id).get(0);
        JsonNode first = delivery.path("attempts").get(0);
        JsonNode second = delivery.path("attempts").get(1);
        org.assertj.core.api.Assertions.assertThat(first.path("status").asInt()).isEqualTo(500);
        Instant retryAt = Instant.parse(first.path("outcome").asText().replace("retry at ", ""));
        org.assertj.core.api.Assertions.assertThat(Duration.between(Instant.parse(first.path("at").asText()), retryAt))
                .as("the schedule's first step, 5 s give or take its 10% jitter").isBetween(Duration.ofMillis(4400), Duration.ofMillis(5600));
        org.assertj.core.api.Assertions.assertThat(Instant.parse(second.path("at").asText())).isAfterOrEqualTo(retryAt);
        String messageId = delivery.path("id").asText();
        org.assertj.core.api.Assertions.assertThat(received(receiver, messageId)).as("one webhook-id, both attempts").hasSize(2);
        assertThat(retried.locator("td").nth(0)).containsText(parisTime(second.path("at").asText()));
        assertThat(retried.locator("td").nth(1)).hasText("webhook.test");
        assertThat(retried.locator("td").nth(2)).hasText("200");
        assertThat(retried.locator("td").nth(4)).hasText("Delivered");
        assertThat(retried.getByRole(AriaRole.BUTTON)).hasCount(0); // nothing to replay
        retried.getByText("2 attempts").click();
        Locator attempts = retried.locator("details li");
        assertThat(attempts.nth(0).locator("p")).containsText(Pattern.compile("^Attempt 1, .*" + parisTime(first.path("at").asText())
                + ".*: 500, \\d+ ms\\. Will retry at .*" + parisTime(retryAt.toString()) + " CES?T$"));
        assertThat(attempts.nth(0).locator("pre.attempt-response")).containsText("simulated answer 500");
        assertThat(attempts.nth(1).locator("p")).containsText(Pattern.compile("^Attempt 2, .*: 200, \\d+ ms\\. Delivered$"));

        // The receiver answers 410 Gone once: given up at once, and the endpoint disabled. The new delivery comes in
        // on a poll that leaves the answer being read unfolded.
        receiverAnswers(receiver, "{\"status\": 410, \"forNextRequests\": 1}");
        sendTestEvent(view);
        Locator gone = rows.first();
        assertThat(gone).hasAttribute("data-state", "failed", new LocatorAssertions.HasAttributeOptions().setTimeout(CHAIN_MS));
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(1).locator("pre.attempt-response").first()).isVisible();
        assertThat(gone.locator("td").nth(2)).hasText("410");
        assertThat(gone.locator("td").nth(4)).hasText("Gave up: the endpoint answered 410 Gone, so it was disabled");
        Locator detail = view.locator("endpoint-detail");
        assertThat(detail.locator(".endpoint-state")).hasText("Disabled: nothing is sent to it until it is enabled again.",
                new LocatorAssertions.HasTextOptions().setTimeout(CHAIN_MS));
        assertNoSeriousA11yViolations(page);

        // Enabled again, "Replay" sends it anew under its own webhook-id, and the receiver takes it.
        detail.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable")).click();
        assertThat(view.locator(".endpoint-action-status")).hasText("Enabled: events are sent to it again.");
        String goneId = gone.getAttribute("data-message-id");
        gone.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay the webhook.test event " + goneId)).click();
        assertThat(view.locator(".endpoint-action-status")).hasText("The webhook.test event is being sent again.");
        assertThat(gone).hasAttribute("data-state", "delivered", new LocatorAssertions.HasAttributeOptions().setTimeout(CHAIN_MS));
        assertThat(gone.locator("td").nth(4)).hasText("Delivered");
        assertThat(gone.locator("td").nth(5).locator("summary")).hasText("2 attempts");
        org.assertj.core.api.Assertions.assertThat(received(receiver, goneId)).extracting(r -> r.path("answeredWith").asInt())
                .containsExactly(410, 200);
        gone.getByText("2 attempts").click();
        assertThat(gone.locator("details li").nth(1).locator("p"))
                .containsText(Pattern.compile("^Attempt 1 of a replay, .*: 200, \\d+ ms\\. Delivered$"));
        // docs/integrations.png is a copy of this: a delivery log with a retry and a replay, each attempt unfolded.
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "screenshots", "readme-integrations.png")));

        // Back on the list, the endpoint's last delivery in words.
        view.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("All endpoints")).click();
        assertThat(view.locator("tbody tr[data-id='" + id + "'] .endpoint-last-delivery")).hasText("Delivered (200)");
        DeployedApp.send("DELETE", browser.app().api.resolve("/webhook-endpoints/" + id), null, 200);
    }

    /** A whole local-cloud chain step: the delivery function's attempt, a retry's 5 s, and the page's 5 s poll. */
    private static final double CHAIN_MS = 20_000;

    private static void receiverAnswers(URI receiver, String knobs) {
        DeployedApp.send("PUT", receiver.resolve("/_sim/receiver/config"), knobs, 200);
    }

    private static void sendTestEvent(Locator view) {
        view.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send a test event")).click();
        assertThat(view.locator(".endpoint-action-status")).hasText("A test event is on its way; it shows below once sent.");
    }

    private static JsonNode deliveries(String endpointId) {
        return DeployedApp.send("GET", browser.app().api.resolve("/webhook-endpoints/" + endpointId + "/deliveries"), null, 200)
                .path("items");
    }

    private static java.util.List<JsonNode> received(URI receiver, String webhookId) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        DeployedApp.send("GET", receiver.resolve("/_sim/receiver/received?webhookId=" + webhookId), null, 200)
                .path("items").forEach(items::add);
        return items;
    }

    /** "20:41:07": the instant's time of day in Paris, the browser's zone, as the page shows it (en-GB, 24 h). */
    private static String parisTime(String instant) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Europe/Paris")).format(Instant.parse(instant));
    }

    /**
     * The view's own reducer and wording, run in the browser: a poll's first page keeps the pages "Show more" added;
     * opening another endpoint drops a secret not yet saved; only a 404 of the log's read means the endpoint is gone;
     * each outcome the delivery function logs, in words, a retry's time in the viewer's zone.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void thePollKeepsShownPagesASecretStaysWithItsEndpointAndOutcomesReadInWords() {
        Page page = browser.parisPage();
        page.navigate(browser.app().cloud.webUrl().toString() + "#/integrations");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.evaluate("async () => {"
                + " const s = await import('./js/views/integrations/state.js');"
                + " const d = (id) => ({ id: id, eventType: 'call.completed', state: 'delivered', attempts: [] });"
                + " let state = s.reduce(s.initialState, { type: 'opened', id: 'e1' });"
                + " state = s.reduce(state, { type: 'deliveries-loaded', id: 'e1', items: [d('m3'), d('m2')], nextToken: 't1' });"
                + " state = s.reduce(state, { type: 'deliveries-loaded', id: 'e1', items: [d('m1')], nextToken: null, append: true });"
                + " const polled = s.reduce(state, { type: 'deliveries-loaded', id: 'e1', items: [d('m4'), d('m3')], nextToken: 't2' });"
                + " const stale = s.reduce(polled, { type: 'deliveries-loaded', id: 'other', items: [], nextToken: null });"
                + " let secret = s.reduce(state, { type: 'rotated', id: 'e1', secret: 'whsec_x', previousSecretExpiresAt: null });"
                + " const kept = s.reduce(secret, { type: 'closed' }).secret !== null;"
                + " const dropped = s.reduce(s.reduce(secret, { type: 'closed' }), { type: 'opened', id: 'e2' }).secret === null;"
                + " const fail = (error) => s.reduce(polled, { type: 'deliveries-failed', id: 'e1', error: error });"
                + " const gone = fail({ status: 404, code: 'NOT_FOUND' });"
                + " const faults = [{ status: 403, code: 'API_KEY_REQUIRED' }, { status: 403 }, { status: 0, offline: true },"
                + "   { status: 500 }].map((e) => fail(e).deliveryLog === 'shown' && fail(e).deliveriesError === e);"
                + " const a = (n, status, outcome, error) => ({ attempt: n, at: '2026-03-01T09:00:00Z', status: status, latencyMs: 42,"
                + "   response: '', error: error || null, outcome: outcome });"
                + " const retry = a(1, null, 'retry at 2026-03-01T09:00:05.120Z', 'timeout after 15 s');"
                + " const words = [{ state: 'pending', attempts: [] }, { state: 'pending', attempts: [retry] },"
                + "   { state: 'delivered', attempts: [retry, a(2, 200, 'delivered')] },"
                + "   { state: 'failed', attempts: [a(8, 500, 'failed')] },"
                + "   { state: 'failed', attempts: [a(1, 410, 'gone: endpoint disabled')] },"
                + "   { state: 'failed', attempts: [a(3, 503, 'endpoint disabled: failing for 5 days')] },"
                + "   { state: 'pending', attempts: [a(8, 500, 'failed')] },"
                + "   { state: 'skipped', attempts: [] }].map((x) => s.outcomeText(x, 'Europe/Paris'));"
                + " return { ids: polled.deliveries.map((x) => x.id), next: polled.deliveriesNextToken, staleIgnored: stale === polled,"
                + "   kept, dropped, gone: [gone.deliveryLog, gone.deliveriesError, s.endpointGone({ status: 404 })], faults, words,"
                + "   attempt: s.attemptText(retry, 'Europe/Paris'), replayed: s.attemptText(a(1, 200, 'delivered'), 'Europe/Paris', a(8, 500, 'failed')),"
                + "   last: s.lastDeliveryText({ kind: 'delivery', delivery:"
                + "     { state: 'failed', attempts: [a(8, 500, 'failed')] } }, 'Europe/Paris'), lastGone: s.lastDeliveryText({ kind: 'gone' }) };"
                + "}");
        org.assertj.core.api.Assertions.assertThat(result.get("ids")).asList().containsExactly("m4", "m3", "m2", "m1");
        org.assertj.core.api.Assertions.assertThat(result.get("next")).as("the last page was shown: no more").isNull();
        org.assertj.core.api.Assertions.assertThat(result.get("staleIgnored")).isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("kept")).as("back on the list, the secret is still shown").isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("dropped")).as("another endpoint opened").isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("gone")).asList().containsExactly("gone", null, true);
        org.assertj.core.api.Assertions.assertThat(result.get("faults")).as("a refusal or an outage is shown as one, not as a missing log")
                .asList().containsOnly(true);
        // March 1st in Paris is UTC+1, CET: the retry's 09:00:05 UTC reads 10:00:05.
        org.assertj.core.api.Assertions.assertThat(result.get("words")).asList().containsExactly(
                "Waiting to be sent",
                "Will retry at Sun 1 Mar, 10:00:05 CET",
                "Delivered",
                "Gave up after 8 attempts",
                "Gave up: the endpoint answered 410 Gone, so it was disabled",
                "Gave up, and the endpoint was disabled: it failed for 5 days without a success",
                "Being sent again",
                "Skipped: the endpoint was disabled or deleted");
        org.assertj.core.api.Assertions.assertThat(result.get("attempt"))
                .isEqualTo("Attempt 1, Sun 1 Mar, 10:00:00 CET: No answer (timeout after 15 s), 42 ms. Will retry at Sun 1 Mar, 10:00:05 CET");
        org.assertj.core.api.Assertions.assertThat(result.get("replayed"))
                .isEqualTo("Attempt 1 of a replay, Sun 1 Mar, 10:00:00 CET: 200, 42 ms. Delivered");
        org.assertj.core.api.Assertions.assertThat(result.get("last")).isEqualTo("Gave up after 8 attempts (500)");
        org.assertj.core.api.Assertions.assertThat(result.get("lastGone")).isEqualTo("Deleted");
    }
}
