package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;
import io.callscheduler.model.Call;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import software.amazon.awssdk.core.SdkBytes;

import java.util.UUID;

/** One status-sync run over N active calls against a provider with a fixed latency, beside its ideal. */
final class StatusSyncMeasurement extends Measurement {
    private static final int SYNC_CONCURRENCY = 64;
    private static final long PROVIDER_LATENCY_MS = 50;

    StatusSyncMeasurement(LocalCloudClient client, Report report) {
        super(client, report);
    }

    void statusSync(int[] sizes) throws Exception {
        DynamoDbCallStore store = new DynamoDbCallStore(client.dynamoDb, "call-scheduler-CallsTable");
        for (int n : sizes) {
            Report.progress("Status sync: placing " + n + " provider calls and storing them as active calls");
            client.drainActiveCalls();
            client.configureSimulator("{\"latencyMs\":0,\"ringAfterMs\":1000,\"answerAfterMs\":2000,\"talkMs\":3600000}");
            Instant now = Instant.now();
            Load.parallel(n, 32, i -> {
                String id = UUID.randomUUID().toString();
                JsonNode provider = client.send("POST", client.cloud.callApi.resolve("/calls"),
                        "{\"to\":\"+14155558000\",\"metadata\":{\"callId\":\"" + id + "\"}}", 201);
                Call call = Call.newScheduled(id, "+14155558000", "Sync " + i, null, now, "UTC", now)
                        .claim(now, "benchmark").withProvider(provider.path("id").asText(), "queued");
                store.insert(call);
            });
            client.configureSimulator("{\"latencyMs\":" + PROVIDER_LATENCY_MS + "}");
            Report.progress("  syncing " + n + " active calls with the Call API answering in " + PROVIDER_LATENCY_MS + " ms");
            long start = System.nanoTime();
            String outcome = client.lambda.invoke(r -> r.functionName("call-scheduler-status-sync")
                    .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String();
            long millis = (System.nanoTime() - start) / 1_000_000;
            double ideal = n * PROVIDER_LATENCY_MS / (double) SYNC_CONCURRENCY;
            report.row(String.format(Locale.ROOT, "Status sync, %,d active calls all polled (callbacks lost), Call API at %d ms", n, PROVIDER_LATENCY_MS),
                    Stats.ms(millis) + " (" + JSON.readTree(outcome).path("polled").asInt() + " polled)",
                    "ideal N×50 ms/" + SYNC_CONCURRENCY + " = " + Stats.ms(ideal) + "; "
                            + Report.writeBound(JSON.readTree(outcome).path("changed").asLong(), "1 write a change"),
                    String.format(Locale.ROOT, "×%.1f the ideal", millis / ideal)
                            + (n == 10000 ? "; " + Report.verdict(millis < 30_000, "target < 30 s") : ""));
            client.configureSimulator("{\"latencyMs\":0}");
        }
    }
}
