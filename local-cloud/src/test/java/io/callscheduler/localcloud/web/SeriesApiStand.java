package io.callscheduler.localcloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.series.Occurrence;
import io.callscheduler.series.SeriesRule;
import io.callscheduler.series.SeriesRuleFields;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The /series routes of the API contract (issue 23), answered in the browser by Playwright for a local cloud whose
 * API does not have them yet: the rule is parsed and expanded by the functions' own {@link SeriesRule} (so a preview
 * and a refusal are the API's own: its codes, fields and occurrences); series are kept in memory. Installed only when
 * the API answers GET /series with 404 or 403 (no such route): against an API with the routes, the page talks to it.
 */
final class SeriesApiStand {
    private static final Map<String, String> CORS = Map.of("Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Headers", "*", "Access-Control-Allow-Methods", "GET,POST,PATCH,DELETE,OPTIONS",
            "Content-Type", "application/json");
    private final Clock clock;
    private final Map<String, ObjectNode> series = new LinkedHashMap<>();

    private SeriesApiStand(Clock clock) {
        this.clock = clock;
    }

    /** Whether the API has the series routes itself. */
    static boolean apiHasSeries(DeployedApp app) {
        return DeployedApp.exchange("GET", app.api.resolve("/series"), null).statusCode() == 200;
    }

    /** Answers the page's /series requests unless the API has the routes; returns the stand, or null when not needed. */
    static SeriesApiStand installUnlessServed(DeployedApp app, Page page) {
        if (apiHasSeries(app)) {
            return null;
        }
        SeriesApiStand stand = new SeriesApiStand(Clock.systemUTC());
        String base = app.api.toString().replaceAll("/$", "");
        page.route(url -> url.startsWith(base + "/series"), route -> stand.answer(route, base));
        return stand;
    }

    /** The status of a series as the stand keeps it. */
    String status(String id) {
        return series.get(id).path("status").asText();
    }

    private void answer(Route route, String base) {
        String method = route.request().method();
        String path = route.request().url().substring(base.length()).replaceAll("\\?.*", "");
        if (method.equals("OPTIONS")) {
            route.fulfill(new Route.FulfillOptions().setStatus(204).setHeaders(CORS));
            return;
        }
        try {
            String[] parts = path.split("/"); // "", "series", id, action
            JsonNode body = route.request().postData() == null ? null : DeployedApp.JSON.readTree(route.request().postData());
            if (path.equals("/series/preview") && method.equals("POST")) {
                reply(route, 200, DeployedApp.JSON.createObjectNode().set("nextOccurrences", next(body)));
            } else if (path.equals("/series") && method.equals("POST")) {
                ObjectNode created = ((ObjectNode) body.deepCopy()).put("id", UUID.randomUUID().toString()).put("status", "ACTIVE")
                        .put("createdAt", clock.instant().toString()).put("updatedAt", clock.instant().toString());
                created.set("nextOccurrences", next(body));
                created.set("exceptions", DeployedApp.JSON.createArrayNode());
                series.put(created.path("id").asText(), created);
                reply(route, 201, created);
            } else if (path.equals("/series") && method.equals("GET")) {
                ObjectNode page = DeployedApp.JSON.createObjectNode().putNull("nextToken");
                page.putArray("items").addAll(new ArrayList<>(series.values()));
                reply(route, 200, page);
            } else if (!series.containsKey(parts[2])) {
                error(route, 404, new ValidationException(null, "NOT_FOUND", "no such series"));
            } else if (parts.length == 4 && parts[3].equals("calls")) {
                reply(route, 200, DeployedApp.JSON.createObjectNode().putNull("nextToken").set("items", DeployedApp.JSON.createArrayNode()));
            } else if (parts.length == 4 && method.equals("POST")) {
                reply(route, 200, series.get(parts[2]).put("status", parts[3].equals("pause") ? "PAUSED" : "ACTIVE"));
            } else if (method.equals("DELETE")) {
                series.get(parts[2]).put("status", "DELETED");
                route.fulfill(new Route.FulfillOptions().setStatus(204).setHeaders(CORS));
            } else if (method.equals("PATCH") && body.hasNonNull("from")) {
                // "This and following": a new series from that occurrence on, continuing this one.
                ObjectNode split = series.get(parts[2]).deepCopy().setAll((ObjectNode) body);
                split.remove("from");
                split.put("id", UUID.randomUUID().toString()).put("continues", parts[2]);
                if (!body.hasNonNull("startAt")) {
                    split.put("startAt", body.path("from").asText());
                }
                split.set("nextOccurrences", next(split));
                series.get(parts[2]).put("continuedBy", split.path("id").asText());
                series.put(split.path("id").asText(), split);
                reply(route, 200, split);
            } else if (method.equals("PATCH")) {
                ObjectNode changed = series.get(parts[2]).deepCopy().setAll((ObjectNode) body);
                changed.set("nextOccurrences", next(changed)); // refused (400) before anything changes
                series.put(parts[2], changed);
                reply(route, 200, changed);
            } else {
                reply(route, 200, series.get(parts[2]));
            }
        } catch (ValidationException e) {
            error(route, 400, e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ArrayNode next(JsonNode body) {
        List<String> exdates = new ArrayList<>();
        body.path("exdates").forEach(date -> exdates.add(date.asText()));
        SeriesRule rule = SeriesRule.parse(new SeriesRuleFields(text(body, "timeZone"), text(body, "rrule"), text(body, "startAt"),
                text(body, "until"), body.hasNonNull("count") ? body.path("count").asInt() : null, exdates));
        ArrayNode occurrences = DeployedApp.JSON.createArrayNode();
        for (Occurrence o : rule.next(clock.instant(), 10).occurrences()) {
            occurrences.addObject().put("occurrence", o.local().toString()).put("at", o.at().toString())
                    .put("utcOffset", o.offset().equals(ZoneOffset.UTC) ? "Z" : o.offset().getId());
        }
        return occurrences;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.path(field).asText() : null;
    }

    private static void reply(Route route, int status, JsonNode body) {
        route.fulfill(new Route.FulfillOptions().setStatus(status).setHeaders(CORS).setBody(body.toString()));
    }

    private static void error(Route route, int status, ValidationException e) {
        ObjectNode error = DeployedApp.JSON.createObjectNode();
        error.putObject("error").put("code", e.code()).put("field", e.field()).put("message", e.getMessage());
        reply(route, status, error);
    }
}
