package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading API Gateway requests strictly: every refusal names the field and the reason. */
final class ApiRequests {
    /**
     * Strict JSON: a field given twice (which one would win?) and anything after the object are refused, not read as
     * whatever the parser kept.
     */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT_JSON = CallJson.MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withFeatures(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Larger bodies are refused with 413 before parsing. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Pattern CALL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ApiRequests() {
    }

    /**
     * The body as a JSON object whose members are all strings (or null) and all in {@code allowed}.
     *
     * @return member name to value; absent and null members are absent from the map
     */
    static Map<String, String> stringFields(APIGatewayProxyRequestEvent event, Set<String> allowed) {
        return stringFields(event, allowed, Set.of());
    }

    /** {@link #stringFields(APIGatewayProxyRequestEvent, Set)}, where the members in {@code numbers} may be JSON numbers too. */
    static Map<String, String> stringFields(APIGatewayProxyRequestEvent event, Set<String> allowed, Set<String> numbers) {
        JsonNode node = jsonObject(event);
        Map<String, String> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            if (!allowed.contains(name) && !allowed.contains(name + ".*")) {
                throw new ApiException(400, "UNKNOWN_FIELD", name, "unknown field '" + name + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)).replace(".*", ""));
            }
            JsonNode value = member.getValue();
            if (value.isNull()) {
                continue;
            }
            if (allowed.contains(name + ".*")) {
                flatten(name, value, fields);
                continue;
            }
            if (numbers.contains(name) && value.isNumber()) {
                fields.put(name, value.asText());
                continue;
            }
            if (!value.isTextual()) {
                throw new ApiException(400, "INVALID_TYPE", name, name + (numbers.contains(name)
                        ? " must be a number" : " must be a string"));
            }
            fields.put(name, value.asText());
        }
        return fields;
    }

    /** The body as a JSON object, read strictly: 400/413 naming the problem otherwise. */
    static JsonNode jsonObject(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "MALFORMED_BODY", null, "the body is marked base64 but is not");
            }
        }
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "MISSING_BODY", null, "a JSON object body is required");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ApiException(413, "BODY_TOO_LARGE", null, "the body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "MALFORMED_JSON", null, "the body must be a JSON object");
        }
        return node;
    }

    /**
     * An object member (allowed as {@code name.*}), flattened to {@code name.member} → text: strings and numbers
     * as written, an array of strings joined with commas.
     */
    private static void flatten(String name, JsonNode value, Map<String, String> fields) {
        if (!value.isObject()) {
            throw new ApiException(400, "INVALID_TYPE", name, name + " must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = name + "." + member.getKey();
            JsonNode v = member.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                java.util.List<String> items = new java.util.ArrayList<>();
                v.forEach(item -> {
                    if (!item.isTextual()) {
                        throw new ApiException(400, "INVALID_TYPE", field, field + " must be a list of strings");
                    }
                    items.add(item.asText());
                });
                fields.put(field, String.join(",", items));
            } else if (v.isTextual() || v.isNumber()) {
                fields.put(field, v.asText());
            } else {
                throw new ApiException(400, "INVALID_TYPE", field, field + " must be a string, a number or a list");
            }
        }
    }

    /** The {id} path parameter; an id that cannot exist is a 404 like any unknown id. */
    static String callId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        String id = path == null ? null : path.get("id");
        if (id == null || !CALL_ID.matcher(id).matches()) {
            throw new ApiException(404, "NOT_FOUND", "id", "no call with id '" + abbreviate(id) + "'");
        }
        return id;
    }

    /** The {id} path parameter of a campaign; an id that cannot exist is a 404 like any unknown id. */
    /** Whether the text has an id's shape (a UUID): anything else names no call or campaign. */
    static boolean isId(String text) {
        return text != null && CALL_ID.matcher(text).matches();
    }

    static String campaignId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        String id = path == null ? null : path.get("id");
        if (id == null || !CALL_ID.matcher(id).matches()) {
            throw new ApiException(404, "NOT_FOUND", "id", "no campaign with id '" + abbreviate(id) + "'");
        }
        return id;
    }

    /** A request header, whatever its case; null when absent. */
    static String header(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static String query(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? null : query.get(name);
    }

    /** Refuses query parameters other than {@code allowed}. */
    static void onlyQueryParameters(APIGatewayProxyRequestEvent event, Set<String> allowed) {
        Map<String, String> query = event.getQueryStringParameters();
        if (query == null) {
            return;
        }
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw new ApiException(400, "UNKNOWN_PARAMETER", name, "unknown query parameter '" + name
                        + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    static String abbreviate(String id) {
        if (id == null) {
            return "";
        }
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }

    /** Names the problem: a field given twice, content after the object, or what the parser says. */
    private static ApiException malformed(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        java.util.regex.Matcher duplicate = problem == null ? null
                : java.util.regex.Pattern.compile("^Duplicate field '(.*)'").matcher(problem);
        if (duplicate != null && duplicate.find()) {
            String name = duplicate.group(1);
            return new ApiException(400, "DUPLICATE_FIELD", name, "the field '" + name + "' is given twice; give it once");
        }
        if (problem != null && problem.startsWith("Trailing token")) {
            return new ApiException(400, "TRAILING_CONTENT", null, "the body has content after its JSON object; send the object alone");
        }
        return new ApiException(400, "MALFORMED_JSON", null, "the body is not valid JSON: " + problem);
    }
}
