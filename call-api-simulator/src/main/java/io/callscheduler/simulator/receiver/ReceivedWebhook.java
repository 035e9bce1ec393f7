package io.callscheduler.simulator.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the receiver got, as it came: nothing is verified, so that a test can check the signature itself (or
 * see a wrong one).
 *
 * @param sequence   1 for the first request since the last reset
 * @param headers    by lower-case name, every value in order
 * @param answeredWith the status the receiver answered (or will answer, after a hang)
 */
public record ReceivedWebhook(long sequence, Instant receivedAt, String method, String path,
                              Map<String, List<String>> headers, String body, int answeredWith) {

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Standard Webhooks' {@code webhook-id}: the same on every retry of one message. */
    public String webhookId() {
        return header("webhook-id");
    }

    ObjectNode toJson(com.fasterxml.jackson.databind.ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("sequence", sequence);
        node.put("receivedAt", receivedAt.toString());
        node.put("method", method);
        node.put("path", path);
        node.put("webhookId", webhookId());
        ObjectNode headerNode = node.putObject("headers");
        headers.forEach((name, values) -> values.forEach(headerNode.putArray(name)::add));
        node.put("body", body);
        node.put("answeredWith", answeredWith);
        return node;
    }
}
