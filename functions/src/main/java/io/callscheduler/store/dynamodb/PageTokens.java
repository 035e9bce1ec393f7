package io.callscheduler.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.store.InvalidPageTokenException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opaque page tokens: base64url of where each index partition of a list stopped (an exclusive start key,
 * {@code null} for "from the start", or "done") plus the filter the list belongs to, so that a token cannot
 * be replayed against another filter or forged into an arbitrary key.
 */
final class PageTokens {
    /** A partition that has nothing more to give. */
    static final Map<String, AttributeValue> DONE = Map.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_LENGTH = 4096;

    private PageTokens() {
    }

    /** @param cursors partition name → its resume key, null (from the start) or {@link #DONE}; null token when all are done */
    static String encode(String filter, Map<String, Map<String, AttributeValue>> cursors) {
        if (cursors.values().stream().allMatch(c -> c == DONE)) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("f", filter);
        ObjectNode positions = node.putObject("c");
        cursors.forEach((partition, key) -> {
            if (key == null) {
                positions.putNull(partition);
            } else if (key == DONE) {
                positions.put(partition, "done");
            } else {
                ObjectNode keyNode = positions.putObject(partition);
                key.forEach((name, value) -> keyNode.put(name, value.s()));
            }
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param partitions   the partitions this filter reads, each of which the token must hold, and no other
     * @param expectedKeys the attribute names of the index's key, which every position must hold and only those
     */
    static Map<String, Map<String, AttributeValue>> decode(String token, String filter, Set<String> partitions,
                                                           Set<String> expectedKeys) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidPageTokenException("too long");
        }
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        if (node == null || !node.path("f").isTextual() || !node.path("c").isObject()) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        if (!filter.equals(node.get("f").asText())) {
            throw new InvalidPageTokenException("it belongs to another filter");
        }
        Map<String, Map<String, AttributeValue>> cursors = new LinkedHashMap<>();
        node.get("c").fields().forEachRemaining(position -> cursors.put(position.getKey(), position(position.getValue(), expectedKeys)));
        if (!cursors.keySet().equals(partitions)) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        return cursors;
    }

    private static Map<String, AttributeValue> position(JsonNode value, Set<String> expectedKeys) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual() && value.asText().equals("done")) {
            return DONE;
        }
        if (!value.isObject()) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new InvalidPageTokenException("not a token from this API");
            }
            key.put(e.getKey(), AttributeValue.fromS(e.getValue().asText()));
        });
        if (!key.keySet().equals(expectedKeys)) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        return key;
    }
}
