package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** SQS's JSON protocol (what the current SDKs and the AWS CLI speak), answered from a {@link SqsEmulator}'s queues. */
final class SqsWireProtocol {
    private final SqsEmulator sqs;

    SqsWireProtocol(SqsEmulator sqs) {
        this.sqs = sqs;
    }

    void handle(HttpExchange exchange, String operation) throws IOException {
        JsonNode request = HttpJson.readBody(exchange);
        ObjectNode response = switch (operation) {
            case "CreateQueue" -> HttpJson.MAPPER.createObjectNode().put("QueueUrl",
                    sqs.createQueue(text(request, "QueueName"), stringMap(request.path("Attributes"))));
            case "GetQueueUrl" -> HttpJson.MAPPER.createObjectNode().put("QueueUrl", sqs.queueUrl(sqs.existing(text(request, "QueueName"))));
            case "ListQueues" -> listQueues(request);
            case "GetQueueAttributes" -> {
                ObjectNode attributes = HttpJson.MAPPER.createObjectNode();
                attributes.set("Attributes", HttpJson.MAPPER.valueToTree(sqs.attributes(nameOf(request))));
                yield attributes;
            }
            case "SetQueueAttributes" -> {
                sqs.setAttributes(nameOf(request), stringMap(request.path("Attributes")));
                yield HttpJson.MAPPER.createObjectNode();
            }
            case "SendMessage" -> sendMessage(request);
            case "SendMessageBatch" -> sendMessageBatch(request);
            case "ReceiveMessage" -> receiveMessage(request);
            case "ChangeMessageVisibility" -> {
                sqs.changeVisibility(nameOf(request), text(request, "ReceiptHandle"), request.path("VisibilityTimeout").asInt(-1));
                yield HttpJson.MAPPER.createObjectNode();
            }
            case "DeleteMessage" -> {
                sqs.delete(nameOf(request), text(request, "ReceiptHandle"));
                yield HttpJson.MAPPER.createObjectNode();
            }
            case "PurgeQueue" -> {
                sqs.purge(nameOf(request));
                yield HttpJson.MAPPER.createObjectNode();
            }
            default -> throw new AwsError(400, "InvalidAction", operation + " is not emulated");
        };
        HttpJson.send(exchange, 200, response.toString().getBytes(StandardCharsets.UTF_8), "application/x-amz-json-1.0");
    }

    private ObjectNode listQueues(JsonNode request) {
        String prefix = request.path("QueueNamePrefix").asText("");
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode urls = response.putArray("QueueUrls");
        sqs.queueNames().stream().filter(n -> n.startsWith(prefix)).forEach(n -> urls.add(sqs.queueUrl(n)));
        return response;
    }

    private ObjectNode sendMessage(JsonNode request) {
        String name = nameOf(request);
        if (sqs.refusesNextSend(name)) {
            throw new AwsError(500, "InternalError", "We encountered an internal error. Please try again.");
        }
        return send(name, request);
    }

    /** One message of SendMessage, or one entry of SendMessageBatch: its id, body and attribute checksums. */
    private ObjectNode send(String name, JsonNode request) {
        String body = text(request, "MessageBody");
        JsonNode attributes = request.path("MessageAttributes");
        Integer delay = request.hasNonNull("DelaySeconds") ? request.get("DelaySeconds").asInt() : null;
        if (delay != null && (delay < 0 || delay > 900)) {
            throw new AwsError(400, "InvalidParameterValue", "Value " + delay + " for parameter DelaySeconds is invalid: 0 to 900");
        }
        String messageId = sqs.enqueue(name, body, attributes.isObject() ? (ObjectNode) attributes : HttpJson.MAPPER.createObjectNode(), delay);
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        response.put("MessageId", messageId);
        response.put("MD5OfMessageBody", SqsChecksums.md5Hex(body.getBytes(StandardCharsets.UTF_8)));
        if (attributes.isObject() && attributes.size() > 0) {
            response.put("MD5OfMessageAttributes", SqsChecksums.md5OfAttributes(attributes));
        }
        return response;
    }

    /**
     * SendMessageBatch as SQS answers it: 1 to 10 entries with distinct ids, each sent or failed on its own
     * ({@code Successful} and {@code Failed}, by entry id); a refused send ({@link SqsEmulator#refuseNextSends})
     * is a failed entry, not a failed request.
     */
    private ObjectNode sendMessageBatch(JsonNode request) {
        String name = nameOf(request);
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new AwsError(400, "AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
        }
        if (entries.size() > 10) {
            throw new AwsError(400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode entry : entries) {
            if (!ids.add(text(entry, "Id"))) {
                throw new AwsError(400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id " + entry.get("Id").asText() + " repeated.");
            }
        }
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode successful = response.putArray("Successful");
        ArrayNode failed = response.putArray("Failed");
        for (JsonNode entry : entries) {
            String id = entry.get("Id").asText();
            if (sqs.refusesNextSend(name)) {
                failed.addObject().put("Id", id).put("SenderFault", false).put("Code", "InternalError")
                        .put("Message", "We encountered an internal error. Please try again.");
                continue;
            }
            try {
                successful.add(send(name, entry).put("Id", id));
            } catch (AwsError e) {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", e.type()).put("Message", e.getMessage());
            }
        }
        return response;
    }

    private ObjectNode receiveMessage(JsonNode request) {
        String name = nameOf(request);
        int max = request.path("MaxNumberOfMessages").asInt(1);
        if (max < 1 || max > 10) {
            throw new AwsError(400, "InvalidParameterValue", "MaxNumberOfMessages must be 1 to 10");
        }
        Integer visibility = request.hasNonNull("VisibilityTimeout") ? request.get("VisibilityTimeout").asInt() : null;
        long waitMillis = Math.min(request.path("WaitTimeSeconds").asLong(0), 20) * 1000;
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode messages = response.putArray("Messages");
        for (SqsEmulator.Received message : sqs.receive(name, max, visibility, waitMillis)) {
            ObjectNode out = messages.addObject();
            out.put("MessageId", message.messageId());
            out.put("ReceiptHandle", message.receiptHandle());
            out.put("Body", message.body());
            out.put("MD5OfBody", message.md5OfBody());
            ObjectNode system = out.putObject("Attributes");
            message.attributes().forEach(system::put);
            if (message.messageAttributes().size() > 0) {
                out.set("MessageAttributes", message.messageAttributes());
                out.put("MD5OfMessageAttributes", message.md5OfMessageAttributes());
            }
        }
        return response;
    }

    private String nameOf(JsonNode request) {
        String url = text(request, "QueueUrl");
        return sqs.existing(url.substring(url.lastIndexOf('/') + 1));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw new AwsError(400, "MissingParameter", "The request must contain the parameter " + field + ".");
        }
        return value.asText();
    }

    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
