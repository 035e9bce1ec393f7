package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callscheduler.emulators.usage.AwsUsage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * SQS, emulated in the JSON protocol that the current SDKs and the AWS CLI speak, for what a dead-letter
 * queue needs: CreateQueue, GetQueueUrl, ListQueues, GetQueueAttributes, SendMessage, ReceiveMessage (with
 * visibility timeout and long polling), DeleteMessage and PurgeQueue. Standard queues only. Messages
 * persist as one JSON file each when a directory is given. Also a {@link DeadLetterSink} for the Scheduler.
 */
public final class SqsEmulator implements AwsService, DeadLetterSink {
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private static final class Message {
        final ObjectNode stored;
        volatile long invisibleUntil;
        volatile int receiveCount;

        Message(ObjectNode stored) {
            this.stored = stored;
        }
    }

    private final String region;
    private final String account;
    private final String baseUrl;
    private final Path directory;
    private final Clock clock;
    private volatile AwsUsage usage = new AwsUsage();
    private final Map<String, Map<String, Message>> queues = new ConcurrentHashMap<>();

    /**
     * @param baseUrl   how queue URLs begin, e.g. {@code http://localhost:4566}
     * @param directory where queues and messages persist, or null
     */
    public SqsEmulator(String region, String account, String baseUrl, Path directory, Clock clock) {
        this.region = region;
        this.account = account;
        this.baseUrl = baseUrl;
        this.directory = directory;
        this.clock = clock;
        if (directory != null) {
            load();
        }
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    public String queueUrl(String name) {
        return baseUrl + "/" + account + "/" + name;
    }

    public String queueArn(String name) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    /** Creates the queue if it does not exist. */
    public synchronized String createQueue(String name) {
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw new AwsError(400, "InvalidParameterValue", "Queue name must be 1-80 of [A-Za-z0-9_-]");
        }
        if (queues.putIfAbsent(name, new ConcurrentHashMap<>()) == null && directory != null) {
            try {
                Files.createDirectories(directory.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return queueUrl(name);
    }

    /** Messages waiting in a queue (visible or not). */
    public int size(String name) {
        Map<String, Message> queue = queues.get(name);
        return queue == null ? 0 : queue.size();
    }

    /** Counts every request, and every message a service sends it (a dead letter), into {@code usage}. */
    public SqsEmulator meteredBy(AwsUsage usage) {
        this.usage = usage;
        return this;
    }

    @Override
    public void send(String queueArn, String body, Map<String, String> attributes) {
        usage.request("sqs", "SendMessage");
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        if (!queues.containsKey(name)) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist: " + queueArn);
        }
        ObjectNode messageAttributes = HttpJson.MAPPER.createObjectNode();
        attributes.forEach((k, v) -> messageAttributes.putObject(k).put("DataType", "String").put("StringValue", v));
        enqueue(name, body, messageAttributes);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String operation = HttpJson.jsonOperation(exchange, "AmazonSQS");
        usage.request("sqs", operation);
        JsonNode request = HttpJson.readBody(exchange);
        ObjectNode response = switch (operation) {
            case "CreateQueue" -> HttpJson.MAPPER.createObjectNode().put("QueueUrl", createQueue(text(request, "QueueName")));
            case "GetQueueUrl" -> HttpJson.MAPPER.createObjectNode().put("QueueUrl", queueUrl(existing(text(request, "QueueName"))));
            case "ListQueues" -> listQueues(request);
            case "GetQueueAttributes" -> attributes(nameOf(request));
            case "SendMessage" -> sendMessage(request);
            case "ReceiveMessage" -> receive(request);
            case "DeleteMessage" -> delete(request);
            case "PurgeQueue" -> purge(request);
            default -> throw new AwsError(400, "InvalidAction", operation + " is not emulated");
        };
        HttpJson.send(exchange, 200, response.toString().getBytes(StandardCharsets.UTF_8), "application/x-amz-json-1.0");
    }

    private ObjectNode listQueues(JsonNode request) {
        String prefix = request.path("QueueNamePrefix").asText("");
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode urls = response.putArray("QueueUrls");
        new TreeMap<>(queues).keySet().stream().filter(n -> n.startsWith(prefix)).forEach(n -> urls.add(queueUrl(n)));
        return response;
    }

    private ObjectNode attributes(String name) {
        Map<String, Message> queue = queues.get(name);
        long now = clock.millis();
        long visible = queue.values().stream().filter(m -> m.invisibleUntil <= now).count();
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ObjectNode attributes = response.putObject("Attributes");
        attributes.put("QueueArn", queueArn(name));
        attributes.put("ApproximateNumberOfMessages", Long.toString(visible));
        attributes.put("ApproximateNumberOfMessagesNotVisible", Long.toString(queue.size() - visible));
        attributes.put("VisibilityTimeout", "30");
        attributes.put("MessageRetentionPeriod", "1209600");
        return response;
    }

    private ObjectNode sendMessage(JsonNode request) {
        String name = nameOf(request);
        String body = text(request, "MessageBody");
        JsonNode attributes = request.path("MessageAttributes");
        ObjectNode stored = enqueue(name, body, attributes.isObject() ? (ObjectNode) attributes : HttpJson.MAPPER.createObjectNode());
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        response.put("MessageId", stored.get("MessageId").asText());
        response.put("MD5OfMessageBody", md5Hex(body.getBytes(StandardCharsets.UTF_8)));
        if (attributes.isObject() && attributes.size() > 0) {
            response.put("MD5OfMessageAttributes", md5OfAttributes(attributes));
        }
        return response;
    }

    private ObjectNode enqueue(String name, String body, ObjectNode messageAttributes) {
        Map<String, Message> queue = queues.get(name);
        if (queue == null) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist.");
        }
        ObjectNode stored = HttpJson.MAPPER.createObjectNode();
        stored.put("MessageId", UUID.randomUUID().toString());
        stored.put("Body", body);
        stored.put("SentTimestamp", Long.toString(clock.millis()));
        stored.set("MessageAttributes", messageAttributes);
        Message message = new Message(stored);
        queue.put(stored.get("MessageId").asText(), message);
        persist(name, stored);
        return stored;
    }

    private ObjectNode receive(JsonNode request) {
        String name = nameOf(request);
        int max = request.path("MaxNumberOfMessages").asInt(1);
        if (max < 1 || max > 10) {
            throw new AwsError(400, "InvalidParameterValue", "MaxNumberOfMessages must be 1 to 10");
        }
        long visibilityMillis = request.path("VisibilityTimeout").asLong(30) * 1000;
        long waitUntil = clock.millis() + Math.min(request.path("WaitTimeSeconds").asLong(0), 20) * 1000;
        List<Message> taken = new ArrayList<>();
        while (true) {
            synchronized (this) {
                long now = clock.millis();
                for (Message message : queues.get(name).values()) {
                    if (taken.size() == max) {
                        break;
                    }
                    if (message.invisibleUntil <= now) {
                        message.invisibleUntil = now + visibilityMillis;
                        message.receiveCount++;
                        taken.add(message);
                    }
                }
            }
            if (!taken.isEmpty() || clock.millis() >= waitUntil) {
                break;
            }
            try {
                Thread.sleep(100); // long polling: look again until WaitTimeSeconds is up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode messages = response.putArray("Messages");
        for (Message message : taken) {
            ObjectNode out = messages.addObject();
            String id = message.stored.get("MessageId").asText();
            String body = message.stored.get("Body").asText();
            out.put("MessageId", id);
            out.put("ReceiptHandle", name + "/" + id);
            out.put("Body", body);
            out.put("MD5OfBody", md5Hex(body.getBytes(StandardCharsets.UTF_8)));
            ObjectNode system = out.putObject("Attributes");
            system.put("SentTimestamp", message.stored.get("SentTimestamp").asText());
            system.put("ApproximateReceiveCount", Integer.toString(message.receiveCount));
            JsonNode attributes = message.stored.path("MessageAttributes");
            if (attributes.size() > 0) {
                out.set("MessageAttributes", attributes);
                out.put("MD5OfMessageAttributes", md5OfAttributes(attributes));
            }
        }
        return response;
    }

    private ObjectNode delete(JsonNode request) {
        String name = nameOf(request);
        String handle = text(request, "ReceiptHandle");
        String id = handle.substring(handle.indexOf('/') + 1);
        if (queues.get(name).remove(id) != null && directory != null) {
            try {
                Files.deleteIfExists(directory.resolve(name).resolve(id + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HttpJson.MAPPER.createObjectNode();
    }

    private ObjectNode purge(JsonNode request) {
        String name = nameOf(request);
        for (String id : new ArrayList<>(queues.get(name).keySet())) {
            delete(HttpJson.MAPPER.createObjectNode().put("QueueUrl", queueUrl(name)).put("ReceiptHandle", name + "/" + id));
        }
        return HttpJson.MAPPER.createObjectNode();
    }

    private String nameOf(JsonNode request) {
        String url = text(request, "QueueUrl");
        return existing(url.substring(url.lastIndexOf('/') + 1));
    }

    private String existing(String name) {
        if (!queues.containsKey(name)) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist.");
        }
        return name;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw new AwsError(400, "MissingParameter", "The request must contain the parameter " + field + ".");
        }
        return value.asText();
    }

    private void persist(String queue, ObjectNode stored) {
        if (directory == null) {
            return;
        }
        try {
            Files.writeString(directory.resolve(queue).resolve(stored.get("MessageId").asText() + ".json"), stored.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load() {
        try {
            Files.createDirectories(directory);
            try (var dirs = Files.list(directory)) {
                for (Path queueDir : dirs.filter(Files::isDirectory).toList()) {
                    Map<String, Message> queue = new ConcurrentHashMap<>();
                    try (var files = Files.list(queueDir)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                            ObjectNode stored = (ObjectNode) HttpJson.MAPPER.readTree(file.toFile());
                            queue.put(stored.get("MessageId").asText(), new Message(stored));
                        }
                    }
                    queues.put(queueDir.getFileName().toString(), queue);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read queues from " + directory, e);
        }
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SQS's digest of message attributes: each, sorted by name, as length-prefixed name, type and value. */
    static String md5OfAttributes(JsonNode attributes) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        attributes.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, JsonNode> attribute : sorted.entrySet()) {
            String type = attribute.getValue().path("DataType").asText("String");
            writeLengthPrefixed(out, attribute.getKey().getBytes(StandardCharsets.UTF_8));
            writeLengthPrefixed(out, type.getBytes(StandardCharsets.UTF_8));
            if (type.startsWith("Binary")) {
                out.write(2);
                writeLengthPrefixed(out, java.util.Base64.getDecoder().decode(attribute.getValue().path("BinaryValue").asText()));
            } else {
                out.write(1);
                writeLengthPrefixed(out, attribute.getValue().path("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return md5Hex(out.toByteArray());
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
