package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Call API outage around the moment calls are due, with the template's default retry settings (backoff
 * 1 min, dial deadline 15 min): every dial is answered 503 from 30 s before the calls are due until 60 s
 * after; then how long until every call was placed, and whether any failed or was placed twice.
 */
final class OutageMeasurement extends Measurement {
    OutageMeasurement(LocalCloudClient client, Report report) {
        super(client, report);
    }

    void outage(int calls, Duration before, Duration after) throws Exception {
        Report.progress("Provider outage: 503 to every dial for " + before.plus(after).toSeconds() + " s around "
                + calls + " due calls (default retry settings)");
        client.configureSimulator("{\"serverErrorRate\":1.0,\"ringAfterMs\":500,\"answerAfterMs\":500,\"talkMs\":1000}");
        Instant due = Instant.now().plus(before);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            ids.add(client.createCall(client.nextNumber(), due).path("id").asText());
        }
        Thread.sleep(Duration.between(Instant.now(), due.plus(after)).toMillis()); // the outage itself
        client.configureSimulator("{\"serverErrorRate\":0}");
        Instant ended = Instant.now();
        Instant giveUp = ended.plus(Duration.ofMinutes(16));
        Map<String, JsonNode> dials = client.dialsByCall();
        while (Instant.now().isBefore(giveUp) && !ids.stream().allMatch(id -> dials.containsKey(id))) {
            Thread.sleep(1000); // polling the simulator's counter
            dials.putAll(client.dialsByCall());
        }
        Instant lastPlaced = ids.stream().map(dials::get).filter(d -> d != null)
                .map(d -> Instant.parse(d.path("firstPlacedAt").asText())).max(Instant::compareTo).orElse(ended);
        long placed = ids.stream().filter(dials::containsKey).count();
        long duplicates = ids.stream().map(dials::get).filter(d -> d != null).mapToLong(d -> Math.max(0, d.path("placed").asLong() - 1)).sum();
        long failed = ids.stream().filter(id -> client.send("GET", client.cloud.api.resolve("/calls/" + id), null, 200)
                .path("status").asText().equals("FAILED")).count();
        report.row("Provider down " + before.plus(after).toSeconds() + " s around " + calls + " due calls",
                placed + " of " + calls + " placed, the last " + Stats.ms(Duration.between(ended, lastPlaced).toMillis())
                        + " after the outage ended",
                "duplicates " + duplicates + ", FAILED " + failed + "; backoff 1 min, then as long as the call has been trying",
                Report.verdict(placed == calls && duplicates == 0 && failed == 0, "all placed once, none failed"));
        client.configureSimulator("{\"ringAfterMs\":1000,\"answerAfterMs\":2000,\"talkMs\":3000}");
    }
}
