package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesNotFoundException;
import io.callscheduler.series.SeriesRequest;
import io.callscheduler.series.SeriesRuleFields;
import io.callscheduler.series.SeriesService;
import io.callscheduler.series.SeriesStateException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Base of the series routes' handlers (one subclass per route): an unknown series is a 404 naming {@code id}, an
 * action its status forbids a 409 naming {@code status}.
 */
abstract class SeriesApiHandler extends ApiHandler {
    /** The members of a create, a preview or an edit: the recurrence's, the calls' ({@link SeriesRequest#CALL_FIELDS}). */
    private static final Set<String> RULE_FIELDS = Set.of("timeZone", "rrule", "startAt", "until", "count", "exdates");

    final SeriesService series;

    SeriesApiHandler(Services services) {
        this(services.series().service(), services.config().allowedOrigin());
    }

    SeriesApiHandler(SeriesService series, String allowedOrigin) {
        super(allowedOrigin);
        this.series = Objects.requireNonNull(series, "series");
    }

    @Override
    final APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        try {
            return route(event);
        } catch (SeriesNotFoundException e) {
            throw new ApiException(404, "NOT_FOUND", "id", e.getMessage());
        } catch (SeriesStateException e) {
            throw new ApiException(409, "ILLEGAL_TRANSITION", "status", e.getMessage());
        }
    }

    abstract APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event);

    /** The {id} path parameter; an id that cannot exist is a 404 like any unknown id. */
    static String seriesId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        String id = path == null ? null : path.get("id");
        if (!ApiRequests.isId(id)) {
            throw new ApiException(404, "NOT_FOUND", "id", "no series with id '" + ApiRequests.abbreviate(id) + "'");
        }
        return id;
    }

    /** The body of a create, preview or edit ({@code from} only in an edit), read strictly. */
    static SeriesRequest request(APIGatewayProxyRequestEvent event, boolean edit) {
        JsonNode body = ApiRequests.jsonObject(event);
        Set<String> given = new HashSet<>();
        Map<String, String> calls = new HashMap<>();
        Map<String, String> rule = new HashMap<>();
        List<String> exdates = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            given.add(name);
            if (name.equals("redial")) {
                redial(value, calls, given);
            } else if (name.equals("exdates")) {
                exdates = exdates(value);
            } else if (name.equals("count")) {
                if (!value.isNull() && !(value.isIntegralNumber() && value.canConvertToInt())) {
                    throw new ApiException(400, "INVALID_TYPE", "count", "count must be a whole number");
                }
                rule.put(name, value.isNull() ? null : Integer.toString(value.intValue()));
            } else if (RULE_FIELDS.contains(name) || SeriesRequest.CALL_FIELDS.contains(name)
                    || edit && name.equals("from")) {
                if (!value.isNull() && !value.isTextual()) {
                    throw new ApiException(400, "INVALID_TYPE", name, name + " must be a string");
                }
                (RULE_FIELDS.contains(name) || name.equals("from") ? rule : calls).put(name, value.isNull() ? null : value.asText());
            } else {
                throw new ApiException(400, "UNKNOWN_FIELD", name, "unknown field '" + name + "'; a series takes "
                        + "timeZone, rrule, startAt, until, count, exdates" + (edit ? ", from" : "") + " and the fields "
                        + "of a call but scheduledAt (phoneNumber, contactName, notes, callerId, message, voice, "
                        + "language, twimlUrl, calleeTimeZone, redial)");
            }
        }
        calls.values().removeIf(Objects::isNull);
        Integer count = rule.get("count") == null ? null : Integer.valueOf(rule.get("count"));
        return new SeriesRequest(new SeriesRuleFields(rule.get("timeZone"), rule.get("rrule"), rule.get("startAt"),
                rule.get("until"), count, exdates), calls, given, rule.get("from"));
    }

    private static void redial(JsonNode value, Map<String, String> calls, Set<String> given) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw new ApiException(400, "INVALID_TYPE", "redial", "redial must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = "redial." + member.getKey();
            if (!SeriesRequest.CALL_FIELDS.contains(field)) {
                throw new ApiException(400, "UNKNOWN_FIELD", field, "unknown field '" + field
                        + "'; redial takes on, maxAttempts and afterMinutes");
            }
            JsonNode v = member.getValue();
            given.add(field);
            if (v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                calls.put(field, String.join(",", items));
            } else if (v.isTextual() || v.isNumber()) {
                calls.put(field, v.asText());
            } else {
                throw new ApiException(400, "INVALID_TYPE", field, field + " must be a string, a number or a list");
            }
        }
    }

    private static List<String> exdates(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new ApiException(400, "INVALID_TYPE", "exdates", "exdates must be an array of local date-times");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ApiException(400, "INVALID_TYPE", "exdates", "exdates must be an array of strings");
            }
            items.add(item.asText());
        }
        return items;
    }
}
