package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How late and how exactly due calls are dialed: a burst due in one second, and "call now". */
final class DispatchMeasurements extends Measurement {
    /** Calls the API created per second in the last lateness round, to give the next one enough lead time. */
    private double createRate = 20;

    DispatchMeasurements(LocalCloudClient client, Report report) {
        super(client, report);
    }

    /** N calls due in the same second, created through the API; lateness measured where the dial lands. */
    void lateness(int[] sizes) throws Exception {
        client.configureSimulator("{\"latencyMs\":0,\"ringAfterMs\":1000,\"answerAfterMs\":2000,\"talkMs\":3000}");
        for (int n : sizes) {
            Report.progress("Dispatch lateness: creating " + n + " calls due in the same second");
            // Enough lead time to create them all at the rate the last round achieved, plus a margin.
            Instant due = Instant.now().plusSeconds(4 + (long) Math.ceil(1.1 * n / createRate)).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            long creating = System.nanoTime();
            Load.parallel(n, 16, i -> ids.add(client.createCall(client.nextNumber(), due).path("id").asText()));
            createRate = n / ((System.nanoTime() - creating) / 1e9);
            if (Instant.now().isAfter(due)) {
                throw new IllegalStateException("creating " + n + " calls took past their due time; lead time too short");
            }
            Report.progress(String.format(Locale.ROOT, "  created at %.0f/s, %d ms before they are due; waiting for the dials",
                    createRate, Duration.between(Instant.now(), due).toMillis()));
            Lateness lateness = Lateness.await(client, ids, due, due.plusSeconds(60 + n / 50));
            Stats stats = lateness.stats();
            String label = String.format(Locale.ROOT, "Dispatch lateness, %,d calls due in one second", n);
            report.row(label, lateness.percentiles(), "duplicates " + lateness.duplicates() + ", missed " + lateness.missed()
                            + "; " + Report.writeBound(2L * n, "2 writes a dial"),
                    n == 1000 ? Report.verdict(stats.percentile(99) < 1000 && lateness.exact(), "target p99 < 1 s, 0 duplicates, 0 missed")
                            : Report.verdict(lateness.exact(), "0 duplicates, 0 missed"));
        }
    }

    void callNow(int n) throws Exception {
        Report.progress("Call now: " + n + " calls, from the API's 201 to the dial");
        Map<String, Instant> answeredAt = new HashMap<>();
        for (int i = 0; i < n; i++) {
            JsonNode call = client.createCall(client.nextNumber(), null);
            answeredAt.put(call.path("id").asText(), Instant.now());
            Thread.sleep(50); // spread, as users would, rather than a burst (the burst case is measured above)
        }
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, JsonNode> dials = client.dialsByCall();
        while (Instant.now().isBefore(deadline) && !dials.keySet().containsAll(answeredAt.keySet())) {
            Thread.sleep(500);
            dials = client.dialsByCall();
        }
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : answeredAt.entrySet()) {
            JsonNode dial = dials.get(entry.getKey());
            if (dial != null) {
                latencies.add(Duration.between(entry.getValue(), Instant.parse(dial.path("firstPlacedAt").asText())).toMillis());
            }
        }
        Stats stats = Stats.of(latencies);
        report.row("Call now: 201 to dial", "p50 " + Stats.ms(stats.percentile(50)) + ", p99 " + Stats.ms(stats.percentile(99)),
                "dialed " + latencies.size() + " of " + n, Report.verdict(stats.percentile(99) < 2000 && latencies.size() == n, "target within ~2 s"));
    }
}
