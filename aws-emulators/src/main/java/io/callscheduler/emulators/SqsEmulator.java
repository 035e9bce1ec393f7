package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callscheduler.emulators.usage.AwsUsage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * SQS, emulated in the JSON protocol that the current SDKs and the AWS CLI speak: CreateQueue (with attributes),
 * GetQueueUrl, ListQueues, Get/SetQueueAttributes, SendMessage (with DelaySeconds), ReceiveMessage (visibility
 * timeout, long polling), ChangeMessageVisibility, DeleteMessage and PurgeQueue. Standard queues only, near
 * first-in first-out. A queue's {@code VisibilityTimeout}, {@code DelaySeconds} and {@code RedrivePolicy} apply:
 * a message received {@code maxReceiveCount} times and still not deleted moves to the dead-letter queue on its
 * next receive, as SQS moves it. Messages persist as one JSON file each when a directory is given, with their
 * delay, visibility and receive count, so a restart neither delivers a delayed message early nor resets its
 * count. Also a {@link DeadLetterSink} for the Scheduler, and {@link #receive}/{@link #delete} in process for
 * the SQS event source mapping.
 */
public final class SqsEmulator implements AwsService, DeadLetterSink {
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** A file in a queue's folder that holds its attributes (not {@code .json}: those are messages). */
    private static final String ATTRIBUTES_FILE = "queue-attributes";
    /** How often a long poll looks again for messages whose delay or visibility timeout ran out (sends wake it at once). */
    private static final long RELOOK_MILLIS = 50;

    private static final class Message {
        final ObjectNode stored;
        long invisibleUntil;
        int receiveCount;

        Message(ObjectNode stored) {
            this.stored = stored;
            this.invisibleUntil = stored.path("VisibleAfter").asLong(0);
            this.receiveCount = stored.path("ReceiveCount").asInt(0);
        }

        String id() {
            return stored.get("MessageId").asText();
        }
    }

    private static final class Queue {
        /** In the order sent; guarded by the emulator's monitor. */
        final Map<String, Message> messages = new LinkedHashMap<>();
        volatile SqsQueueAttributes attributes = SqsQueueAttributes.DEFAULTS;
    }

    /** A message as one receive hands it out. */
    public record Received(String messageId, String receiptHandle, String body, String md5OfBody,
                           Map<String, String> attributes, JsonNode messageAttributes, String md5OfMessageAttributes) {
    }

    private final String region;
    private final String account;
    private final String baseUrl;
    private final Path directory;
    private final Clock clock;
    private volatile AwsUsage usage = new AwsUsage();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final SqsWireProtocol protocol = new SqsWireProtocol(this);
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> refusals = new ConcurrentHashMap<>();

    /**
     * @param baseUrl   how queue URLs begin, e.g. {@code http://localhost:4566}
     * @param directory where queues and messages persist, or null
     * @param clock     what delays and visibility timeouts are measured by (long polls wait in real time)
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
    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    /**
     * Creates the queue if it does not exist, and gives it these attributes (VisibilityTimeout, DelaySeconds,
     * RedrivePolicy as SQS's JSON string, ...), as a template deployed again would.
     */
    public synchronized String createQueue(String name, Map<String, String> attributes) {
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw new AwsError(400, "InvalidParameterValue", "Queue name must be 1-80 of [A-Za-z0-9_-]");
        }
        SqsQueueAttributes checked = new SqsQueueAttributes(attributes);
        if (queues.putIfAbsent(name, new Queue()) == null && directory != null) {
            try {
                Files.createDirectories(directory.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!attributes.isEmpty()) {
            setAttributes(name, queues.get(name).attributes.with(checked.values()));
        }
        return queueUrl(name);
    }

    /** Messages waiting in a queue (visible or not). */
    public synchronized int size(String name) {
        Queue queue = queues.get(name);
        return queue == null ? 0 : queue.messages.size();
    }

    /**
     * A fault for tests: the next {@code count} messages sent to the queue by SendMessage or SendMessageBatch are
     * refused as SQS refuses them when it fails inside (a 500 InternalError; in a batch, that entry alone fails).
     */
    public void refuseNextSends(String name, int count) {
        refusals.computeIfAbsent(existing(name), n -> new java.util.concurrent.atomic.AtomicInteger()).set(count);
    }

    /** Whether this send is one of those refused by {@link #refuseNextSends}, counting it off. */
    boolean refusesNextSend(String name) {
        var left = refusals.get(name);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** Counts every request, and every message a service sends it (a dead letter), into {@code usage}. */
    public SqsEmulator meteredBy(AwsUsage usage) {
        this.usage = usage;
        return this;
    }

    /** The queue's name from its ARN. */
    public static String nameOfArn(String queueArn) {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    @Override
    public void send(String queueArn, String body, Map<String, String> attributes) {
        usage.request("sqs", "SendMessage");
        String name = nameOfArn(queueArn);
        if (!queues.containsKey(name)) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist: " + queueArn);
        }
        ObjectNode messageAttributes = HttpJson.MAPPER.createObjectNode();
        attributes.forEach((k, v) -> messageAttributes.putObject(k).put("DataType", "String").put("StringValue", v));
        enqueue(name, body, messageAttributes, null);
    }


    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String operation = HttpJson.jsonOperation(exchange, "AmazonSQS");
        usage.request("sqs", operation);
        protocol.handle(exchange, operation);
    }

    /** Every queue's name, sorted. */
    List<String> queueNames() {
        return new ArrayList<>(new TreeMap<>(queues).keySet());
    }

    /** What GetQueueAttributes answers: the queue's attributes with SQS's defaults, its ARN and its counts. */
    synchronized Map<String, String> attributes(String name) {
        Queue queue = queues.get(existing(name));
        long now = clock.millis();
        long visible = queue.messages.values().stream().filter(m -> m.invisibleUntil <= now).count();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("VisibilityTimeout", "30");
        attributes.put("DelaySeconds", "0");
        attributes.put("MessageRetentionPeriod", "1209600");
        attributes.putAll(queue.attributes.values());
        attributes.put("QueueArn", queueArn(name));
        attributes.put("ApproximateNumberOfMessages", Long.toString(visible));
        attributes.put("ApproximateNumberOfMessagesNotVisible", Long.toString(queue.messages.size() - visible));
        return attributes;
    }

    /** SetQueueAttributes: these change, the others stay. */
    void setAttributes(String name, Map<String, String> changes) {
        setAttributes(existing(name), queues.get(name).attributes.with(changes));
    }

    private void setAttributes(String name, SqsQueueAttributes attributes) {
        queues.get(name).attributes = attributes;
        if (directory != null) {
            writeAtomically(directory.resolve(name).resolve(ATTRIBUTES_FILE),
                    HttpJson.MAPPER.valueToTree(attributes.values()).toString());
        }
    }

    /**
     * @param delaySeconds the message's own delay, or null for the queue's {@code DelaySeconds}
     * @return its message id
     */
    String enqueue(String name, String body, ObjectNode messageAttributes, Integer delaySeconds) {
        ObjectNode stored = HttpJson.MAPPER.createObjectNode();
        stored.put("MessageId", UUID.randomUUID().toString());
        stored.put("Body", body);
        stored.set("MessageAttributes", messageAttributes);
        return add(name, stored, delaySeconds).get("MessageId").asText();
    }

    private synchronized ObjectNode add(String name, ObjectNode stored, Integer delaySeconds) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist.");
        }
        long now = clock.millis();
        int delay = delaySeconds != null ? delaySeconds : queue.attributes.delaySeconds();
        if (!stored.has("SentTimestamp")) {
            stored.put("SentTimestamp", Long.toString(now));
        }
        stored.put("VisibleAfter", now + delay * 1000L);
        stored.put("ReceiveCount", 0);
        Message message = new Message(stored);
        queue.messages.put(message.id(), message);
        persist(name, stored);
        notifyAll(); // wakes long polls at once
        return stored;
    }

    /**
     * Receives up to {@code max} visible messages, waiting up to {@code waitMillis} for the first; each becomes
     * invisible for {@code visibilitySeconds} (null: the queue's VisibilityTimeout). A message already received
     * the queue's {@code maxReceiveCount} times moves to its dead-letter queue instead.
     */
    public List<Received> receive(String name, int max, Integer visibilitySeconds, long waitMillis) {
        long waitUntil = System.nanoTime() + waitMillis * 1_000_000;
        List<Received> taken = new ArrayList<>();
        synchronized (this) {
            Queue queue = queues.get(existing(name));
            long visibilityMillis = (visibilitySeconds != null ? visibilitySeconds : queue.attributes.visibilityTimeoutSeconds()) * 1000L;
            while (true) {
                long now = clock.millis();
                SqsQueueAttributes.Redrive redrive = queue.attributes.redrive();
                for (Message message : new ArrayList<>(queue.messages.values())) {
                    if (taken.size() == max) {
                        break;
                    }
                    if (message.invisibleUntil > now) {
                        continue;
                    }
                    if (redrive != null && message.receiveCount >= redrive.maxReceiveCount() && moveToDeadLetters(name, message, redrive)) {
                        continue;
                    }
                    message.invisibleUntil = now + visibilityMillis;
                    message.receiveCount++;
                    message.stored.put("VisibleAfter", message.invisibleUntil).put("ReceiveCount", message.receiveCount);
                    if (!message.stored.has("FirstReceiveTimestamp")) {
                        message.stored.put("FirstReceiveTimestamp", Long.toString(now));
                    }
                    persist(name, message.stored);
                    taken.add(received(name, message));
                }
                long remaining = (waitUntil - System.nanoTime()) / 1_000_000;
                if (!taken.isEmpty() || remaining <= 0) {
                    return taken;
                }
                try {
                    wait(Math.min(remaining, RELOOK_MILLIS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return taken;
                }
            }
        }
    }

    /** Moves a message to the redrive target, keeping its id, body, attributes and sent time; false if there is no such queue. */
    private boolean moveToDeadLetters(String name, Message message, SqsQueueAttributes.Redrive redrive) {
        String target = nameOfArn(redrive.deadLetterTargetArn());
        if (!queues.containsKey(target)) {
            return false; // SQS keeps delivering when its dead-letter queue is gone
        }
        remove(name, message.id());
        ObjectNode moved = message.stored.deepCopy();
        moved.remove(List.of("VisibleAfter", "ReceiveCount", "FirstReceiveTimestamp"));
        add(target, moved, 0);
        return true;
    }

    private Received received(String name, Message message) {
        String body = message.stored.get("Body").asText();
        Map<String, String> system = new LinkedHashMap<>();
        system.put("SenderId", account);
        system.put("SentTimestamp", message.stored.get("SentTimestamp").asText());
        system.put("ApproximateReceiveCount", Integer.toString(message.receiveCount));
        system.put("ApproximateFirstReceiveTimestamp", message.stored.get("FirstReceiveTimestamp").asText());
        JsonNode attributes = message.stored.path("MessageAttributes");
        return new Received(message.id(), name + "/" + message.id(), body, SqsChecksums.md5Hex(body.getBytes(StandardCharsets.UTF_8)),
                system, attributes, attributes.size() > 0 ? SqsChecksums.md5OfAttributes(attributes) : null);
    }

    /** Makes a received message visible again after {@code visibilitySeconds} (0: at once). */
    public synchronized void changeVisibility(String name, String receiptHandle, int visibilitySeconds) {
        if (visibilitySeconds < 0 || visibilitySeconds > 43_200) {
            throw new AwsError(400, "InvalidParameterValue", "VisibilityTimeout must be 0 to 43200 seconds");
        }
        Message message = queues.get(existing(name)).messages.get(idOf(receiptHandle));
        if (message == null) {
            throw new AwsError(400, "ReceiptHandleIsInvalid", "The receipt handle \"" + receiptHandle + "\" is not valid.");
        }
        message.invisibleUntil = clock.millis() + visibilitySeconds * 1000L;
        message.stored.put("VisibleAfter", message.invisibleUntil);
        persist(name, message.stored);
        notifyAll();
    }

    /** Deletes a received message; a handle of a message already gone is ignored, as SQS does. */
    public synchronized void delete(String name, String receiptHandle) {
        existing(name);
        remove(name, idOf(receiptHandle));
    }

    private static String idOf(String receiptHandle) {
        return receiptHandle.substring(receiptHandle.indexOf('/') + 1);
    }

    private void remove(String name, String id) {
        if (queues.get(name).messages.remove(id) != null && directory != null) {
            try {
                Files.deleteIfExists(directory.resolve(name).resolve(id + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    synchronized void purge(String name) {
        for (String id : new ArrayList<>(queues.get(existing(name)).messages.keySet())) {
            remove(name, id);
        }
    }

    String existing(String name) {
        if (!queues.containsKey(name)) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist.");
        }
        return name;
    }

    private void persist(String queue, ObjectNode stored) {
        if (directory != null) {
            writeAtomically(directory.resolve(queue).resolve(stored.get("MessageId").asText() + ".json"), stored.toString());
        }
    }

    /** Written aside and moved into place, so that a kill mid-write leaves the old file or the new one, never half. */
    private static void writeAtomically(Path file, String content) {
        try {
            Path aside = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(aside, content);
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load() {
        try {
            Files.createDirectories(directory);
            try (var dirs = Files.list(directory)) {
                for (Path queueDir : dirs.filter(Files::isDirectory).toList()) {
                    Queue queue = new Queue();
                    List<Message> messages = new ArrayList<>();
                    try (var files = Files.list(queueDir)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                            messages.add(new Message((ObjectNode) HttpJson.MAPPER.readTree(file.toFile())));
                        }
                    }
                    messages.sort(Comparator.comparingLong(m -> m.stored.path("SentTimestamp").asLong()));
                    messages.forEach(m -> queue.messages.put(m.id(), m));
                    Path attributes = queueDir.resolve(ATTRIBUTES_FILE);
                    if (Files.exists(attributes)) {
                        queue.attributes = new SqsQueueAttributes(SqsWireProtocol.stringMap(HttpJson.MAPPER.readTree(attributes.toFile())));
                    }
                    queues.put(queueDir.getFileName().toString(), queue);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read queues from " + directory, e);
        }
    }
}
