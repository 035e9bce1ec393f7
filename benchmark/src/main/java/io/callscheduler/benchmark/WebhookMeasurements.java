package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Webhooks out, in a local cloud of its own ({@code --only webhooks}), with the Call API simulator's receiver playing
 * the user's endpoint: (a) how soon after the API's answer to a create its {@code call.scheduled} reaches the receiver
 * (CallsTable's stream → fan-out → SQS → delivery → POST), next to the create's own latency; (b) 1,000 events while
 * the receiver answers 500 for two minutes: each webhook-id must be delivered (a 2xx answer) after it comes back, by
 * the retry schedule (5 s, then 5 min), none lost, duplicates counted. Times are the receiver's arrival clock, the
 * same machine's as the benchmark's.
 */
final class WebhookMeasurements {
    private static final Duration OUTAGE = Duration.ofMinutes(2);
    /** The second retry step (5 min ± 10%) after the first (5 s), and time to drain: when (b) gives up waiting. */
    private static final Duration OUTAGE_LIMIT = Duration.ofMinutes(12);
    /** Subscribers.MAX_AGE (5 s), the age of the fan-out's copy of the endpoints, and a second. */
    private static final Duration FAN_OUT_COPY = Duration.ofSeconds(6);
    private static final String OUTAGE_PATH = "/webhooks/outage";
    private final Report report;

    WebhookMeasurements(Report report) {
        this.report = report;
    }

    void measure(int latencyCalls, int outageEvents) throws Exception {
        Report.progress("Webhooks: change-to-delivery latency over " + latencyCalls + " creates, then " + outageEvents
                + " events through a two-minute receiver outage; about eight minutes (the retry after 5 s, then after 5 min)");
        Path data = Files.createTempDirectory("benchmark-webhooks");
        try (CloudProcess cloud = CloudProcess.start(data)) {
            LocalCloudClient client = new LocalCloudClient(cloud);
            latency(client, latencyCalls);
            outage(client, outageEvents);
        }
    }

    /** Row a: creates one after another, 5 a second, each create's answer to its call.scheduled at the receiver. */
    private void latency(LocalCloudClient client, int calls) throws Exception {
        String endpoint = register(client, "/webhooks/latency");
        resetReceiver(client, "{\"status\": 200}");
        Thread.sleep(FAN_OUT_COPY.toMillis()); // until the fan-out's copy of the endpoints has it
        Instant due = Instant.now().plus(Duration.ofDays(2)); // never dialed while measured
        Map<String, Instant> answeredAt = new HashMap<>();
        List<Double> createMs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            String id = client.createCall(client.nextNumber(), due).path("id").asText();
            createMs.add((System.nanoTime() - started) / 1e6);
            answeredAt.put(id, Instant.now());
            Thread.sleep(200); // the pace: 5 creates a second, so each is measured on its own, not behind a backlog
        }
        await(Duration.ofSeconds(60), () -> arrivals(client).keySet().containsAll(answeredAt.keySet()), "every call.scheduled");
        Map<String, Instant> arrived = arrivals(client);
        List<Long> latencies = new ArrayList<>();
        answeredAt.forEach((id, at) -> latencies.add(Duration.between(at, arrived.get(id)).toMillis()));
        Stats stats = Stats.of(latencies);
        Stats create = Stats.of(createMs);
        report.row(String.format(Locale.ROOT, "Webhooks: change to delivery, %d calls created through the API at 5/s", calls),
                "p50 " + Stats.ms(stats.percentile(50)) + ", p99 " + Stats.ms(stats.percentile(99)) + ", max " + Stats.ms(stats.max()),
                "from the create's answer to call.scheduled's arrival at the receiver (stream → fan-out → SQS → delivery → POST); "
                        + "the create itself: p50 " + Stats.ms(create.percentile(50)) + ", p99 " + Stats.ms(create.percentile(99))
                        + "; machine load average (1 min) " + loadAverage(),
                Report.verdict(stats.percentile(99) < 1000, "p99 < 1 s"));
        client.send("PATCH", client.cloud.api.resolve("/webhook-endpoints/" + endpoint), "{\"disabled\": true}", 200);
    }

    /** Row b: the receiver answers 500 from before the first event until two minutes later, then 200. */
    private void outage(LocalCloudClient client, int events) throws Exception {
        register(client, OUTAGE_PATH);
        resetReceiver(client, "{\"status\": 500}");
        Thread.sleep(FAN_OUT_COPY.toMillis()); // the fan-out knows the new endpoint, and that the first is disabled
        Instant down = Instant.now();
        Instant due = Instant.now().plus(Duration.ofDays(2));
        Set<String> calls = ConcurrentHashMap.newKeySet();
        Load.parallel(events, 4, i -> calls.add(createRetryingThrottled(client, due)));
        Instant created = Instant.now();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), down.plus(OUTAGE)).toMillis())); // the outage's length is an input
        // Down for two minutes and until each event has been refused at least once (on a loaded machine the chain can
        // run behind the creates), so that every one of them meets the outage.
        within(OUTAGE_LIMIT, Duration.ofSeconds(5), () -> refused(client).size() >= events);
        Instant up = Instant.now();
        client.send("PUT", client.cloud.callApi.resolve("/_sim/receiver/config"), "{\"status\": 200}", 200);
        Report.progress("Webhooks: the receiver answers 200 again; the messages come back with their 5-minute retry");
        boolean all = within(OUTAGE_LIMIT, Duration.ofSeconds(10), () -> acknowledged(client).size() >= events);
        Instant end = Instant.now();

        JsonNode received = client.send("GET", client.cloud.callApi.resolve("/_sim/receiver/received?path=" + OUTAGE_PATH), null, 200);
        Map<String, Integer> okById = new HashMap<>();
        Set<String> failedIds = new HashSet<>();
        Set<String> callsSeen = new HashSet<>();
        Instant lastDelivered = null;
        for (JsonNode each : received.path("items")) {
            String id = each.path("webhookId").asText();
            if (each.path("answeredWith").asInt() / 100 == 2) {
                okById.merge(id, 1, Integer::sum);
                Instant at = Instant.parse(each.path("receivedAt").asText());
                lastDelivered = lastDelivered == null || at.isAfter(lastDelivered) ? at : lastDelivered;
                callsSeen.add(callId(each));
            } else {
                failedIds.add(id);
            }
        }
        long duplicates = okById.values().stream().mapToLong(n -> n - 1).sum();
        long unacknowledged = failedIds.stream().filter(id -> !okById.containsKey(id)).count();
        long lost = calls.stream().filter(id -> !callsSeen.contains(id)).count();
        report.row(String.format(Locale.ROOT, "Webhooks: %,d events while the receiver answers 500 for two minutes", events),
                String.format(Locale.ROOT, "%,d of %,d webhook-ids acknowledged (2xx), %d lost, %d delivered again after a 2xx",
                        okById.size(), events, lost, duplicates),
                String.format(Locale.ROOT, "%,d requests in all, %,d ids answered 500 at least once (%d of them never 2xx); created in %s; "
                                + "receiver down %s (two minutes, and until each id was refused once); last delivery %s after it came back (the second retry step is 5 min ± 10%%)%s; machine load average (1 min) %s",
                        received.path("items").size(), failedIds.size(), unacknowledged, Stats.ms(Duration.between(down, created).toMillis()),
                        Stats.ms(Duration.between(down, up).toMillis()),
                        lastDelivered == null ? "–" : Stats.ms(Duration.between(up, lastDelivered).toMillis()),
                        all ? "" : "; stopped waiting after " + Stats.ms(Duration.between(up, end).toMillis()), loadAverage()),
                Report.verdict(okById.size() == events && lost == 0 && unacknowledged == 0, "every webhook-id delivered once it is back, none lost"));
    }

    /** Registers an endpoint at the simulator's receiver for call.scheduled; its id. */
    private static String register(LocalCloudClient client, String path) {
        return client.send("POST", client.cloud.api.resolve("/webhook-endpoints"), "{\"url\": \""
                + client.cloud.callApi.resolve(path) + "\", \"events\": [\"call.scheduled\"]}", 201).path("id").asText();
    }

    private static void resetReceiver(LocalCloudClient client, String knobs) {
        client.send("POST", client.cloud.callApi.resolve("/_sim/receiver/reset"), null, 200);
        client.send("PUT", client.cloud.callApi.resolve("/_sim/receiver/config"), knobs, 200);
    }

    /** A create, again after a second when the API's throttle (ApiThrottleRate) answers 429. */
    private static String createRetryingThrottled(LocalCloudClient client, Instant due) {
        String number = client.nextNumber();
        for (int attempt = 1; ; attempt++) {
            try {
                return client.createCall(number, due).path("id").asText();
            } catch (IllegalStateException e) {
                if (attempt >= 10 || !String.valueOf(e.getMessage()).contains("answered 429")) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Each call's first 2xx arrival at the receiver, by call id. */
    private static Map<String, Instant> arrivals(LocalCloudClient client) {
        Map<String, Instant> arrived = new HashMap<>();
        for (JsonNode each : client.send("GET", client.cloud.callApi.resolve("/_sim/receiver/received"), null, 200).path("items")) {
            if (each.path("answeredWith").asInt() / 100 == 2) {
                arrived.putIfAbsent(callId(each), Instant.parse(each.path("receivedAt").asText()));
            }
        }
        return arrived;
    }

    /** The webhook-ids the receiver answered with a 500 (the outage's answer). */
    private static Set<String> refused(LocalCloudClient client) {
        Set<String> ids = new HashSet<>();
        for (JsonNode each : client.send("GET", client.cloud.callApi.resolve("/_sim/receiver/received?path=" + OUTAGE_PATH), null, 200)
                .path("items")) {
            if (each.path("answeredWith").asInt() == 500) {
                ids.add(each.path("webhookId").asText());
            }
        }
        return ids;
    }

    /** The webhook-ids the receiver answered with a 2xx. */
    private static Set<String> acknowledged(LocalCloudClient client) {
        Set<String> ids = new HashSet<>();
        for (JsonNode each : client.send("GET", client.cloud.callApi.resolve("/_sim/receiver/received?path=" + OUTAGE_PATH), null, 200)
                .path("items")) {
            if (each.path("answeredWith").asInt() / 100 == 2) {
                ids.add(each.path("webhookId").asText());
            }
        }
        return ids;
    }

    private static String callId(JsonNode received) {
        try {
            return LocalCloudClient.JSON.readTree(received.path("body").asText()).path("data").path("id").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        if (!within(limit, Duration.ofSeconds(1), condition)) {
            throw new IllegalStateException("waited " + limit.toSeconds() + " s for " + what);
        }
    }

    /** Whether the condition came to hold within the limit, polled every {@code every} (the receiver's list can be thousands long). */
    private static boolean within(Duration limit, Duration every, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(every.toMillis()); // polling the outcome, not waiting blindly
        }
        return true;
    }
}
