package io.callscheduler.series.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Opaque page tokens of the series' lists: base64url of the byCollection index key where a page stopped. Decoding
 * checks the token belongs to the list it is used with, so it cannot be forged into another partition's key.
 */
final class SeriesPageTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 2048;

    private SeriesPageTokens() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        ObjectNode node = JSON.createObjectNode();
        node.put("i", lastKey.get(CallsTable.ID).s());
        node.put("p", lastKey.get(CallsTable.COLLECTION).s());
        node.put("o", lastKey.get(CallsTable.COLLECTION_ORDER).s());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String token, String partition) {
        JsonNode node;
        try {
            if (token.length() > MAX_LENGTH) {
                throw new InvalidPageTokenException("too long");
            }
            node = JSON.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidPageTokenException("not a token of this list");
        }
        if (node == null || !partition.equals(node.path("p").asText()) || !node.path("i").isTextual()
                || !node.path("o").isTextual() || !isItemKey(partition, node.get("i").asText(), node.get("o").asText())) {
            throw new InvalidPageTokenException("not a token of this list");
        }
        return Map.of(CallsTable.ID, AttributeValue.fromS(node.get("i").asText()),
                CallsTable.COLLECTION, AttributeValue.fromS(partition),
                CallsTable.COLLECTION_ORDER, AttributeValue.fromS(node.get("o").asText()));
    }

    /**
     * Whether id and order could be those of an item of the list, as encode wrote them: DynamoDB refuses an empty
     * key value (a 503 to the caller, not a 400), and a series' own order ends with its id, as an occurrence call's
     * ends with the call's ({@link CallsTable#seriesOrder}, {@link CallsTable#seriesCallOrder}).
     */
    private static boolean isItemKey(String partition, String id, String order) {
        String seriesPrefix = CallsTable.series("");
        String ownId = partition.equals(CallsTable.SERIES_KEY)
                ? (id.startsWith(seriesPrefix) ? id.substring(seriesPrefix.length()) : "") : id;
        return !ownId.isBlank() && order.length() > ownId.length() + 1 && order.endsWith("#" + ownId);
    }
}
