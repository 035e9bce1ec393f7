package io.callscheduler.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Each function started in a fresh JVM as the Lambda runtime does (with {@code AWS_LAMBDA_FUNCTION_NAME}, so
 * that it logs and publishes metrics through Powertools as on AWS), beside the same function without
 * Powertools (its jars, Log4j's and the metric library's left off the classpath: what Powertools costs) and a
 * bare JVM doing one GetItem. "SnapStart-like" models what the local cloud can of a SnapStart restore: the
 * same JVM initialized and primed by the SnapStart hooks, timed from then to the first answer; the snapshot
 * restore itself and AWS's restore latency are not modelled (no CRaC/Firecracker here).
 */
final class ColdStartMeasurements extends Measurement {

    ColdStartMeasurements(LocalCloudClient client, Report report) {
        super(client, report);
    }

    void coldStarts(int runs) throws Exception {
        client.drainActiveCalls(); // so status sync's cold start is the start, not a backlog
        Map<String, String> env = functionEnvironment();
        String classpath = expandedClasspath();
        String withoutPowertools = java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(entry -> !POWERTOOLS_JARS.matcher(Path.of(entry).getFileName().toString()).lookingAt())
                // benchmark.jar's manifest would bring them back: its classes instead
                .map(entry -> entry.endsWith("benchmark.jar") ? Path.of(entry).toAbsolutePath().getParent().resolve("classes").toString() : entry)
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        String get = apiEvent("GET", "/calls/{id}", "/calls/" + UUID.randomUUID(), null);
        Map<String, String> handlers = new java.util.LinkedHashMap<>();
        handlers.put("bare-getitem", null);
        handlers.put("io.callscheduler.entrypoints.CreateCallHandler", apiEvent("POST", "/calls", "/calls",
                "{\"phoneNumber\":\"+14155559999\",\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(60)) + "\"}"));
        // With calling hours, a create infers the callee's zones with libphonenumber: its cost to the cold start.
        handlers.put("io.callscheduler.entrypoints.CreateCallHandler" + WITH_CALLING_HOURS, apiEvent("POST", "/calls", "/calls",
                "{\"phoneNumber\":\"+12125559999\",\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(60)) + "\"}"));
        handlers.put("io.callscheduler.entrypoints.CallingHoursHandler" + WITH_CALLING_HOURS, apiEvent("GET", "/calling-hours",
                "/calling-hours?phoneNumber=+12125559999", null));
        // Issue 23: a series' create parses and expands its rule with lib-recur, then writes it and its first call.
        handlers.put("io.callscheduler.entrypoints.CreateSeriesHandler", apiEvent("POST", "/series", "/series",
                "{\"phoneNumber\":\"+14155559998\",\"timeZone\":\"America/New_York\",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO,WE,FR;"
                        + "BYHOUR=9;BYMINUTE=30\",\"startAt\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(60) + "T00:00\"}"));
        handlers.put("io.callscheduler.entrypoints.ListCallsHandler", apiEvent("GET", "/calls", "/calls", null));
        handlers.put("io.callscheduler.entrypoints.GetCallHandler", get);
        handlers.put("io.callscheduler.entrypoints.CountCallsHandler", apiEvent("GET", "/calls/counts", "/calls/counts", null));
        handlers.put("io.callscheduler.entrypoints.CancelCallHandler", apiEvent("DELETE", "/calls/{id}", "/calls/" + UUID.randomUUID(), null));
        handlers.put("io.callscheduler.entrypoints.RescheduleCallHandler", apiEvent("PATCH", "/calls/{id}", "/calls/" + UUID.randomUUID(),
                "{\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(61)) + "\"}"));
        handlers.put("io.callscheduler.entrypoints.DispatchHandler", "{\"callId\":\"" + UUID.randomUUID() + "\",\"scheduledFor\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"source\":\"scheduler\"}");
        handlers.put("io.callscheduler.entrypoints.StatusSyncHandler", "{}");
        handlers.put("io.callscheduler.entrypoints.TwilioStatusWebhookHandler", twilioCallback(env));
        // The same with its credentials read from Secrets Manager, as on AWS: the cost of one more SDK client and call.
        handlers.put("io.callscheduler.entrypoints.TwilioStatusWebhookHandler" + WITH_SECRET, twilioCallback(env));
        // Issue 22's functions: the OpenAPI document (jackson-dataformat-yaml reads it), an endpoints list, the
        // stream's fan-out given one real call's INSERT, and a delivery of a message to an endpoint that is gone.
        Map<String, Map<String, String>> ownEnv = new HashMap<>();
        handlers.put("io.callscheduler.entrypoints.OpenApiHandler", apiEvent("GET", "/openapi.json", "/openapi.json", null));
        handlers.put("io.callscheduler.entrypoints.ListWebhookEndpointsHandler",
                apiEvent("GET", "/webhook-endpoints", "/webhook-endpoints", null));
        handlers.put("io.callscheduler.entrypoints.EventFanOutHandler", callInsertRecord(env.get("TABLE_NAME")));
        ownEnv.put("io.callscheduler.entrypoints.EventFanOutHandler", functionEnvironment("call-scheduler-event-fan-out"));
        handlers.put("io.callscheduler.entrypoints.WebhookDeliveryHandler", deliveryToGoneEndpoint());
        ownEnv.put("io.callscheduler.entrypoints.WebhookDeliveryHandler", functionEnvironment("call-scheduler-webhook-delivery"));
        Map<String, String> hoursEnv = new HashMap<>(env);
        hoursEnv.put("CALLING_HOURS", "00:00-23:59"); // nearly any time, but the zones must be known
        hoursEnv.put("CALLING_DAYS", "");
        Map<String, String> secretEnv = new HashMap<>(env);
        secretEnv.put("PROVIDER_SECRET_ARN", createProviderSecret(env));
        // Rounds over all handlers rather than all runs of one handler, after one uncounted round: the first JVMs
        // to read the jars pay for the page cache, which would otherwise fall on whichever handler came first.
        Map<String, List<Long>> times = new java.util.LinkedHashMap<>();
        Map<String, List<Long>> timesWithout = new java.util.LinkedHashMap<>();
        Map<String, List<Long>> timesRestoreLike = new java.util.LinkedHashMap<>();
        for (int round = 0; round <= runs; round++) {
            Report.progress("Cold starts: " + (round == 0 ? "a warm-up round (not counted)" : "round " + round + " of " + runs)
                    + ", " + handlers.size() + " fresh JVMs");
            for (Map.Entry<String, String> handler : handlers.entrySet()) {
                boolean withSecret = handler.getKey().endsWith(WITH_SECRET);
                boolean withHours = handler.getKey().endsWith(WITH_CALLING_HOURS);
                Map<String, String> handlerEnv = new HashMap<>(withSecret ? secretEnv : withHours ? hoursEnv
                        : ownEnv.getOrDefault(handler.getKey(), env));
                String className = handler.getKey().replace(WITH_SECRET, "").replace(WITH_CALLING_HOURS, "");
                long without = handler.getValue() == null ? 0 : coldStart(withoutPowertools, handlerEnv, className, handler.getValue());
                handlerEnv.put("AWS_LAMBDA_FUNCTION_NAME", "call-scheduler-cold-start"); // as Lambda sets it
                long millis = coldStart(classpath, handlerEnv, className, handler.getValue());
                long restoreLike = 0;
                if (handler.getValue() != null) {
                    Map<String, String> primedEnv = new HashMap<>(handlerEnv);
                    primedEnv.put(ColdStart.RESTORE_LIKE, "true");
                    restoreLike = coldStart(classpath, primedEnv, className, handler.getValue());
                }
                if (round > 0) {
                    timesRestoreLike.computeIfAbsent(handler.getKey(), k -> new ArrayList<>()).add(restoreLike);
                    times.computeIfAbsent(handler.getKey(), k -> new ArrayList<>()).add(millis);
                    timesWithout.computeIfAbsent(handler.getKey(), k -> new ArrayList<>()).add(without);
                }
            }
        }
        double bare = 0;
        for (Map.Entry<String, String> handler : handlers.entrySet()) {
            double median = Stats.of(times.get(handler.getKey())).percentile(50);
            if (handler.getValue() == null) {
                bare = median;
                report.row("Cold start: bare JVM + SDK client + one GetItem", Stats.ms(median), "", "the reference");
            } else {
                String name = handler.getKey().substring(handler.getKey().lastIndexOf('.') + 1)
                        .replace(WITH_SECRET, " (credentials from Secrets Manager)")
                        .replace(WITH_CALLING_HOURS, " (calling hours: libphonenumber)");
                double without = Stats.of(timesWithout.get(handler.getKey())).percentile(50);
                double added = (median - without) / without;
                double restoreLike = Stats.of(timesRestoreLike.get(handler.getKey())).percentile(50);
                report.row("Cold start: " + name, Stats.ms(median) + String.format(Locale.ROOT, " (×%.1f bare)", median / bare),
                        "without Powertools: " + Stats.ms(without) + String.format(Locale.ROOT, " (%+.0f%%)", added * 100)
                                + "; SnapStart-like (primed JVM, first invocation): " + Stats.ms(restoreLike),
                        Report.verdict(added <= 0.15, "Powertools adds ≤ 15%"));
            }
        }
        long jarBytes = Files.size(Repository.ROOT.resolve("functions/target/functions-1.0.0-SNAPSHOT.jar"));
        long depsBytes = 0;
        for (String entry : deployableDependencies()) {
            depsBytes += Files.size(Path.of(entry));
        }
        report.row("Deployable size (functions jar + runtime dependencies)", Report.mb((jarBytes + depsBytes) / 1024),
                "functions jar alone: " + String.format(Locale.ROOT, "%.0f KB", jarBytes / 1024.0), "");
    }

    /** The functions' runtime dependencies: the benchmark's lib/ minus its own addition and the functions jar. */
    private static List<String> deployableDependencies() throws IOException {
        try (var jars = Files.list(Repository.ROOT.resolve("benchmark/target/lib"))) {
            return jars.map(Path::toString).filter(p -> p.endsWith(".jar"))
                    .filter(p -> !Path.of(p).getFileName().toString().startsWith("functions-")
                            && !Path.of(p).getFileName().toString().startsWith("aws-lambda-java-serialization"))
                    .toList();
        }
    }

    private long coldStart(String classpath, Map<String, String> env, String what, String event) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, ColdStart.class.getName(), what));
        if (event != null) {
            command.add(event);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("RESTORED")) { // restore-like: the time from here (see ColdStart.RESTORE_LIKE)
                    start = System.nanoTime();
                } else if (line.equals("RESPONSE")) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    process.waitFor(30, TimeUnit.SECONDS);
                    return millis;
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("cold start of " + what + " gave no response:\n" + seen);
        }
    }

    /** The environment the template gives the functions, as the local cloud's Lambda reports it. */
    private Map<String, String> functionEnvironment() {
        return functionEnvironment("call-scheduler-get-call");
    }

    private Map<String, String> functionEnvironment(String functionName) {
        return new HashMap<>(client.lambda.getFunction(r -> r.functionName(functionName))
                .configuration().environment().variables());
    }

    /** A stream batch of one record: a call the benchmark created, as its INSERT reaches the fan-out. */
    private String callInsertRecord(String table) {
        String id = client.createCall(client.nextNumber(), Instant.now().plus(Duration.ofDays(60))).path("id").asText();
        Map<String, AttributeValue> call = client.dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(id)))).item();
        ObjectNode dynamodb = JSON.createObjectNode();
        dynamodb.putObject("Keys").set("id", attributeJson(call.get("id")));
        ObjectNode image = dynamodb.putObject("NewImage");
        call.forEach((name, value) -> image.set(name, attributeJson(value)));
        dynamodb.put("SequenceNumber", "100000000000000000001").put("SizeBytes", 512)
                .put("StreamViewType", "NEW_AND_OLD_IMAGES").put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        ObjectNode record = JSON.createObjectNode().put("eventID", "cold-start").put("eventName", "INSERT")
                .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", "us-east-1");
        record.set("dynamodb", dynamodb);
        record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/cold-start");
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    /** DynamoDB's attribute-value JSON, as a stream record carries an image. */
    private static ObjectNode attributeJson(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.s() != null) {
            node.put("S", value.s());
        } else if (value.n() != null) {
            node.put("N", value.n());
        } else if (value.bool() != null) {
            node.put("BOOL", value.bool());
        } else if (Boolean.TRUE.equals(value.nul())) {
            node.put("NULL", true);
        } else if (value.hasSs()) {
            value.ss().forEach(node.putArray("SS")::add);
        } else if (value.hasNs()) {
            value.ns().forEach(node.putArray("NS")::add);
        } else if (value.hasL()) {
            var list = node.putArray("L");
            value.l().forEach(v -> list.add(attributeJson(v)));
        } else if (value.hasM()) {
            ObjectNode map = node.putObject("M");
            value.m().forEach((k, v) -> map.set(k, attributeJson(v)));
        }
        return node;
    }

    /** An SQS batch of one delivery message to an endpoint that does not exist: read, logged as skipped, acknowledged. */
    private static String deliveryToGoneEndpoint() {
        String body = io.callscheduler.events.delivery.DeliveryMessageJson.write(io.callscheduler.events.delivery.DeliveryMessage
                .first(UUID.randomUUID().toString(), "msg_coldstart", "call.scheduled", "{}", Instant.now()));
        ObjectNode record = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString()).put("receiptHandle", "cold-start")
                .put("body", body).put("eventSource", "aws:sqs").put("awsRegion", "us-east-1")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:cold-start");
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    /**
     * This JVM's classpath with the jars benchmark.jar's manifest names spelled out, so that some can be left
     * off for the reference cold start.
     */
    private static String expandedClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                    java.util.jar.Manifest manifest = jar.getManifest();
                    String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (listed != null) {
                        Path base = Path.of(entry).toAbsolutePath().getParent();
                        for (String relative : listed.trim().split("\\s+")) {
                            entries.add(base.resolve(relative).toString());
                        }
                    }
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static final String WITH_SECRET = "+secret";
    /** The jars Powertools brings for logs and metrics: left off for the reference cold start. */
    private static final java.util.regex.Pattern POWERTOOLS_JARS =
            java.util.regex.Pattern.compile("powertools-|log4j-|aws-embedded-metrics-");
    private static final String WITH_CALLING_HOURS = "+calling-hours";

    /** A secret with the Twilio credentials the functions' environment names, on the local endpoint. */
    private static String createProviderSecret(Map<String, String> env) {
        try (var secrets = new io.callscheduler.config.AwsClients(env).secretsManager()) {
            String value = JSON.createObjectNode().put("accountSid", env.getOrDefault("TWILIO_ACCOUNT_SID", ""))
                    .put("authToken", env.getOrDefault("TWILIO_AUTH_TOKEN", "")).toString();
            return secrets.createSecret(r -> r.name("benchmark-cold-start-" + UUID.randomUUID()).secretString(value)).arn();
        }
    }

    /** A status callback signed as Twilio signs it, so the cold start includes the check and the GetItem. */
    private static String twilioCallback(Map<String, String> env) throws IOException {
        String path = "/webhooks/twilio/status";
        String callId = UUID.randomUUID().toString();
        Map<String, String> form = Map.of("CallSid", "CA" + "0".repeat(32), "CallStatus", "ringing", "SequenceNumber", "1");
        String url = "http://localhost:3000" + path + "?callId=" + callId;
        ObjectNode event = JSON.readValue(apiEvent("POST", path, path,
                "CallSid=" + form.get("CallSid") + "&CallStatus=ringing&SequenceNumber=1"), ObjectNode.class);
        event.putObject("headers").put("Content-Type", "application/x-www-form-urlencoded").put("Host", "localhost:3000")
                .put("X-Forwarded-Proto", "http").put("X-Twilio-Signature",
                        io.callscheduler.webhooks.TwilioSignatures.sign(env.getOrDefault("TWILIO_AUTH_TOKEN", ""), url, form));
        event.putObject("queryStringParameters").put("callId", callId);
        return event.toString();
    }

    private static String apiEvent(String method, String resource, String path, String body) {
        ObjectNode event = JSON.createObjectNode();
        if (path.contains("?")) { // one query parameter, name=value, for GET /calling-hours
            String[] query = path.substring(path.indexOf('?') + 1).split("=", 2);
            event.putObject("queryStringParameters").put(query[0], query[1]);
            path = path.substring(0, path.indexOf('?'));
        }
        event.put("httpMethod", method).put("resource", resource).put("path", path);
        event.putObject("headers").put("Content-Type", "application/json");
        if (resource.contains("{id}")) {
            event.putObject("pathParameters").put("id", path.substring(path.lastIndexOf('/') + 1));
        }
        event.putObject("requestContext").put("stage", "Prod").put("requestId", "cold").put("path", path);
        if (body != null) {
            event.put("body", body);
        }
        return event.toString();
    }
}
