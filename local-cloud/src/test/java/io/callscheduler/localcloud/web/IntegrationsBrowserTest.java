package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callscheduler.localcloud.testing.BrowserExtension;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.callscheduler.localcloud.testing.Accessibility.assertNoSeriousA11yViolations;

/**
 * The page's "Integrations" view on a local cloud: a person adds a webhook endpoint (the simulator's receiver), sees
 * its signing secret once, rotates it, disables the endpoint and deletes it after a confirmation.
 */
@Execution(ExecutionMode.SAME_THREAD) // one browser, driven from one thread
class IntegrationsBrowserTest {
    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension(Map.of());

    @Test
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
                "Nothing sent yet"}); // the delivery log's route answers an empty log
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
     * The delivery log, "Send a test event" and "Replay", against the delivery routes' agreed answers (served here in
     * the browser: the routes are built beside this view): the last delivery in the list, each delivery's time in the
     * viewer's zone, status code, latency, outcome and attempts, an attempt's answer on demand, and the requests sent.
     */
    @Test
    void anEndpointsDeliveryLogShowsEachAttemptAndReplaysAFailedOne() {
        String id = DeployedApp.send("POST", browser.app().api.resolve("/webhook-endpoints"),
                "{\"url\": \"http://127.0.0.1:9/webhooks\", \"description\": \"log\"}", 201).path("id").asText();
        String deliveries = """
                {"items": [
                  {"id": "msg_failed", "eventType": "call.failed", "state": "failed", "createdAt": "2026-03-01T09:00:00Z",
                   "lastAttemptAt": "2026-03-01T10:00:00Z", "attempts": [
                     {"at": "2026-03-01T09:00:01Z", "status": null, "latencyMs": 15000, "outcome": "timeout", "response": null},
                     {"at": "2026-03-01T10:00:00Z", "status": 500, "latencyMs": 42, "outcome": "http_error", "response": "<h1>oops</h1>"}]},
                  {"id": "msg_ok", "eventType": "call.completed", "state": "delivered", "createdAt": "2026-03-01T08:00:00Z",
                   "lastAttemptAt": "2026-03-01T08:00:01Z", "attempts": [
                     {"at": "2026-03-01T08:00:01Z", "status": 200, "latencyMs": 1234, "outcome": "delivered", "response": "ok"}]}],
                 "nextToken": null}""";
        java.util.List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Page page = browser.parisPage();
        Map<String, String> cors = Map.of("Content-Type", "application/json", "Access-Control-Allow-Origin", "*");
        page.route(Pattern.compile(".*/webhook-endpoints/" + id + "/(deliveries|test).*"), route -> {
            if (route.request().method().equals("OPTIONS")) {
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(204).setHeaders(Map.of(
                        "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*", "Access-Control-Allow-Methods", "GET,POST")));
            } else if (route.request().method().equals("POST")) {
                posted.add(java.net.URI.create(route.request().url()).getPath());
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(202).setHeaders(cors)
                        .setBody("{\"id\": \"msg_new\"}"));
            } else {
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200).setHeaders(cors).setBody(deliveries));
            }
        });
        page.navigate(browser.app().cloud.webUrl().toString() + "#/integrations");
        Locator view = page.locator("integrations-view");
        assertThat(view.locator("tbody tr[data-id='" + id + "'] .endpoint-last-delivery")).hasText("Failed: no more retries, 500");

        view.locator("tbody tr[data-id='" + id + "']").getByRole(AriaRole.LINK).click();
        Locator rows = view.locator("delivery-log tbody tr");
        assertThat(rows).hasCount(2);
        Locator failed = view.locator("delivery-log tbody tr[data-message-id='msg_failed']");
        // In the viewer's zone (the browser is in Paris: UTC+1 in March).
        assertThat(failed.locator("td").nth(0)).containsText("11:00:00");
        assertThat(failed.locator("td").nth(1)).hasText("call.failed");
        assertThat(failed.locator("td").nth(2)).hasText("500");
        assertThat(failed.locator("td").nth(3)).hasText("42 ms");
        assertThat(failed.locator("td").nth(4)).hasText("Failed: no more retries (http_error)");
        assertThat(failed.locator("td").nth(5).locator("summary")).hasText("2 attempts");
        assertThat(rows.nth(1).locator("td").nth(3)).hasText("1.2 s");
        assertThat(rows.nth(1).locator("td").nth(4)).hasText("Delivered");
        assertThat(rows.nth(1).getByRole(AriaRole.BUTTON)).hasCount(0); // nothing to replay

        // The answer, on demand, as text.
        Locator answer = failed.locator("pre.attempt-response");
        assertThat(answer).isHidden();
        failed.getByText("2 attempts").click();
        assertThat(answer).hasText("<h1>oops</h1>");
        assertThat(failed.locator("details li").first()).containsText("No answer, 15.0 s, timeout");
        // A poll that finds a new delivery leaves the answer being read unfolded.
        page.evaluate("async () => { const v = await import('./js/views/integrations/integrations-view.js');"
                + " const s = v.store.state;"
                + " v.store.dispatch({ type: 'deliveries-loaded', id: s.openId, nextToken: null, items: [{ id: 'msg_new',"
                + "   eventType: 'call.scheduled', state: 'pending', createdAt: '2026-03-01T11:00:00Z', attempts: [] }, ...s.deliveries] }); }");
        assertThat(rows).hasCount(3);
        assertThat(view.locator("delivery-log tbody tr[data-message-id='msg_failed'] pre.attempt-response")).isVisible();
        assertNoSeriousA11yViolations(page);

        failed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay the call.failed event msg_failed")).click();
        assertThat(view.locator(".endpoint-action-status")).hasText("The call.failed event is being sent again.");
        view.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send a test event")).click();
        assertThat(view.locator(".endpoint-action-status")).hasText("A test event is on its way; it shows below once sent.");
        org.assertj.core.api.Assertions.assertThat(posted).containsExactly(
                "/webhook-endpoints/" + id + "/deliveries/msg_failed/replay", "/webhook-endpoints/" + id + "/test");
        DeployedApp.send("DELETE", browser.app().api.resolve("/webhook-endpoints/" + id), null, 200);
    }

    /**
     * The view's own reducer, run in the browser: a poll's first page keeps the pages "Show more" added; opening
     * another endpoint drops a secret not yet saved; which failures of the log's read mean "no delivery log".
     */
    @Test
    void thePollKeepsShownPagesASecretStaysWithItsEndpointAndAMissingLogIsNoOutage() {
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
                + " const missing = [{ status: 404 }, { status: 403 }, { status: 0, offline: true }];"
                + " const faults = [{ status: 403, code: 'API_KEY_REQUIRED' }, { status: 0, offline: true, timedOut: true }, { status: 500, offline: true }];"
                + " return { ids: polled.deliveries.map((x) => x.id), next: polled.deliveriesNextToken, staleIgnored: stale === polled,"
                + "   kept, dropped, missing: missing.map(s.noDeliveryLog), faults: faults.map(s.noDeliveryLog) };"
                + "}");
        org.assertj.core.api.Assertions.assertThat(result.get("ids")).asList().containsExactly("m4", "m3", "m2", "m1");
        org.assertj.core.api.Assertions.assertThat(result.get("next")).as("the last page was shown: no more").isNull();
        org.assertj.core.api.Assertions.assertThat(result.get("staleIgnored")).isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("kept")).as("back on the list, the secret is still shown").isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("dropped")).as("another endpoint opened").isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(result.get("missing")).asList().containsOnly(true);
        org.assertj.core.api.Assertions.assertThat(result.get("faults")).asList().containsOnly(false);
    }
}
