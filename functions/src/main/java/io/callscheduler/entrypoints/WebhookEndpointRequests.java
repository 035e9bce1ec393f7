package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the webhook-endpoint routes read from a request: every refusal names the field. */
final class WebhookEndpointRequests {
    private static final Set<String> CREATE_FIELDS = Set.of("url", "events", "description");
    private static final Set<String> EDIT_FIELDS = Set.of("url", "events", "description", "disabled");

    private WebhookEndpointRequests() {
    }

    /** The {id} path parameter; an id that cannot exist is a 404 like any unknown id. */
    static String endpointId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        String id = path == null ? null : path.get("id");
        if (!ApiRequests.isId(id)) {
            throw new ApiException(404, "NOT_FOUND", "id", "no webhook endpoint with id '" + ApiRequests.abbreviate(id) + "'");
        }
        return id;
    }

    /** A create's body: {@code url}, optional {@code events} (null: every type) and {@code description}. */
    static WebhookEndpoints.Edit create(APIGatewayProxyRequestEvent event) {
        return read(event, CREATE_FIELDS);
    }

    /** An edit's body: the members given change, {@code "description": null} removes the description. */
    static WebhookEndpoints.Edit edit(APIGatewayProxyRequestEvent event) {
        WebhookEndpoints.Edit edit = read(event, EDIT_FIELDS);
        if (edit.url() == null && edit.events() == null && edit.description() == null && !edit.clearDescription()
                && edit.disabled() == null) {
            throw new ApiException(400, "MISSING_FIELD", null, "give at least one of: " + String.join(", ", new TreeSet<>(EDIT_FIELDS)));
        }
        return edit;
    }

    private static WebhookEndpoints.Edit read(APIGatewayProxyRequestEvent event, Set<String> allowed) {
        JsonNode body = ApiRequests.jsonObject(event);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiException(400, "UNKNOWN_FIELD", name, "unknown field '" + name + "'; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        JsonNode url = body.get("url");
        if (url != null && !url.isTextual()) {
            throw new ApiException(400, url.isNull() ? "MISSING_FIELD" : "INVALID_TYPE", "url", url.isNull()
                    ? "url cannot be removed; give a new one, or delete the endpoint" : "url must be a string");
        }
        JsonNode description = body.get("description");
        if (description != null && !description.isTextual() && !description.isNull()) {
            throw new ApiException(400, "INVALID_TYPE", "description", "description must be a string (or null to remove it)");
        }
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isBoolean()) {
            throw new ApiException(400, "INVALID_TYPE", "disabled", "disabled must be true or false");
        }
        return new WebhookEndpoints.Edit(url == null ? null : url.asText(), events(body.get("events")),
                description == null || description.isNull() ? null : description.asText(),
                description != null && description.isNull(), disabled == null ? null : disabled.asBoolean());
    }

    private static List<String> events(JsonNode events) {
        if (events == null) {
            return null;
        }
        if (!events.isArray()) {
            throw new ApiException(400, "INVALID_TYPE", "events", "events must be a list of event types, such as "
                    + "[\"call.completed\", \"call.failed\"], or [\"*\"] for all");
        }
        List<String> types = new ArrayList<>();
        for (JsonNode type : events) {
            if (!type.isTextual()) {
                throw new ApiException(400, "INVALID_TYPE", "events", "events must be a list of strings");
            }
            types.add(type.asText());
        }
        return types;
    }
}
