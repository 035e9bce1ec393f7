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
import java.util.Map;
import java.util.Set;

/**
 * Opaque page tokens: base64url of the DynamoDB LastEvaluatedKey plus the filter it belongs to, so that a
 * token cannot be replayed against another filter or forged into an arbitrary key.
 */
final class PageTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_LENGTH = 2048;

    private PageTokens() {
    }

    static String encode(String filter, Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("f", filter);
        ObjectNode key = node.putObject("k");
        lastEvaluatedKey.forEach((name, value) -> key.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @param expectedKeys the attribute names of the index's key, which the token must hold and only those */
    static Map<String, AttributeValue> decode(String token, String filter, Set<String> expectedKeys) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidPageTokenException("too long");
        }
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        if (node == null || !node.path("f").isTextual() || !node.path("k").isObject()) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        if (!filter.equals(node.get("f").asText())) {
            throw new InvalidPageTokenException("it belongs to another status filter");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        node.get("k").fields().forEachRemaining(e -> {
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
