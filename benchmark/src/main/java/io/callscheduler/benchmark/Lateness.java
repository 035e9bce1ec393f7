package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How late a set of calls was dialed, where the dial lands (the simulator's first placement of each call),
 * from a reference moment: their due time, or the moment a restarted cloud was ready.
 */
record Lateness(Stats stats, long duplicates, long missed) {

    /** Waits (polling the simulator's counter each second) until every call is dialed or the deadline passes. */
    static Lateness await(LocalCloudClient client, List<String> ids, Instant from, Instant deadline) throws InterruptedException {
        Map<String, Instant> fromEach = new java.util.HashMap<>();
        ids.forEach(id -> fromEach.put(id, from));
        return await(client, fromEach, deadline);
    }

    /** The same, each call measured from its own moment. */
    static Lateness await(LocalCloudClient client, Map<String, Instant> fromEach, Instant deadline) throws InterruptedException {
        List<String> ids = List.copyOf(fromEach.keySet());
        Map<String, JsonNode> dials = Map.of();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(1000); // polling the simulator's counter, not waiting for an outcome blindly
            dials = client.dialsByCall();
            Map<String, JsonNode> seen = dials;
            if (ids.stream().allMatch(seen::containsKey)) {
                break;
            }
        }
        List<Long> late = new ArrayList<>();
        long duplicates = 0;
        for (String id : ids) {
            JsonNode dial = dials.get(id);
            if (dial != null) {
                late.add(Duration.between(fromEach.get(id), Instant.parse(dial.path("firstPlacedAt").asText())).toMillis());
                duplicates += Math.max(0, dial.path("placed").asLong() - 1);
            }
        }
        return new Lateness(Stats.of(late), duplicates, ids.size() - late.size());
    }

    String percentiles() {
        return "p50 " + Stats.ms(stats.percentile(50)) + ", p95 " + Stats.ms(stats.percentile(95))
                + ", p99 " + Stats.ms(stats.percentile(99)) + ", max " + Stats.ms(stats.max());
    }

    boolean exact() {
        return duplicates == 0 && missed == 0;
    }
}
