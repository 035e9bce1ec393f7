package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The issue's import row: a generated 10,000-row contacts file (national and E.164 numbers, names, a time-zone column,
 * some bad rows) posted to a new campaign, first as a dry run, then imported, each twice (two campaigns) to show the
 * spread (the verdict is on the second: the first after the cloud's start also pays for warming its code up); the
 * campaign's counts must equal the accepted rows. Beside it, the same run's write floor: as many contact-shaped items
 * written straight to the same DynamoDB Local as the import writes them, and BatchWriteItem's cost per item there.
 */
final class CampaignImportMeasurement {
    static final int ROWS = 10_000;
    private static final Duration TARGET = Duration.ofSeconds(10);
    private static final String TABLE = "call-scheduler-CallsTable";
    private final Report report;

    CampaignImportMeasurement(Report report) {
        this.report = report;
    }

    void importContacts() throws Exception {
        Report.progress("Campaign import: a " + String.format(Locale.ROOT, "%,d", ROWS) + "-row contacts file, dry run then import, twice");
        try (CloudProcess cloud = CloudProcess.start(Files.createTempDirectory("benchmark-import"))) {
            LocalCloudClient client = new LocalCloudClient(cloud);
            byte[] file = contactsFile(ROWS);
            List<Long> dryRuns = new ArrayList<>();
            List<Long> imports = new ArrayList<>();
            JsonNode answer = null;
            for (int round = 0; round < 2; round++) {
                String campaign = client.send("POST", cloud.api.resolve("/campaigns"),
                        "{\"name\":\"Import benchmark " + round + "\"}", 201).path("id").asText();
                URI contacts = cloud.api.resolve("/campaigns/" + campaign + "/contacts?defaultRegion=US");
                long start = System.nanoTime();
                JsonNode dryRun = post(client, URI.create(contacts + "&dryRun=true"), file, 200);
                dryRuns.add((System.nanoTime() - start) / 1_000_000);
                start = System.nanoTime();
                answer = post(client, contacts, file, 201);
                imports.add((System.nanoTime() - start) / 1_000_000);
                Report.progress(String.format(Locale.ROOT, "  round %d: dry run %d ms, import %d ms", round + 1,
                        dryRuns.get(round), imports.get(round)));
                JsonNode progress = client.send("GET", cloud.api.resolve("/campaigns/" + campaign), null, 200).path("progress");
                int accepted = answer.path("accepted").asInt();
                if (dryRun.path("accepted").asInt() != accepted || answer.path("imported").asInt() != accepted
                        || progress.path("total").asLong() != accepted || progress.path("counts").path("pending").asLong() != accepted) {
                    throw new IllegalStateException("the campaign's counts differ from the accepted rows: answer " + answer.path("accepted")
                            + " accepted, " + answer.path("imported") + " imported; campaign " + progress);
                }
            }
            int accepted = answer.path("accepted").asInt();
            long[] raw = rawWrites(client, accepted);
            long warm = imports.get(1);
            report.row(String.format(Locale.ROOT, "Campaign import: %,d-row CSV validated and stored (POST /campaigns/{id}/contacts)", ROWS),
                    String.format(Locale.ROOT, "import %s (%,.0f rows/s; the first after start, cold: %s); dry run %s (cold: %s)",
                            Stats.ms(warm), ROWS * 1000.0 / warm, Stats.ms(imports.get(0)), Stats.ms(dryRuns.get(1)), Stats.ms(dryRuns.get(0))),
                    String.format(Locale.ROOT, "accepted %,d, rejected %,d; campaign counts = accepted; the same %,d contact items"
                            + " written straight to DynamoDB Local in transactions of 99: %s; BatchWriteItem: %.1f ms an item",
                            accepted, answer.path("rejected").asInt(), accepted, Stats.ms(raw[0]), raw[1] / (double) raw[2]),
                    Report.verdict(warm <= TARGET.toMillis(), "≤ 10 s"));
        }
    }

    /**
     * Rows with a number each, one in 20 bad (not a number, a duplicate of an earlier row, or an unknown zone): half the
     * good numbers written nationally, half in E.164, a third with the callee's zone given.
     */
    static byte[] contactsFile(int rows) {
        StringBuilder csv = new StringBuilder("phoneNumber,contactName,calleeTimeZone,notes\n");
        for (int i = 0; i < rows; i++) {
            long subscriber = 2_000_000 + i;
            String national = "(415) " + (subscriber / 10_000) + "-" + String.format(Locale.ROOT, "%04d", subscriber % 10_000);
            String number = i % 2 == 0 ? national : "+1415" + subscriber;
            String zone = i % 3 == 0 ? "America/Los_Angeles" : "";
            switch (i % 20) {
                case 7 -> number = "not a number " + i;
                case 13 -> number = "+1415" + (subscriber - 1); // the row before's number
                case 17 -> zone = "Mars/Olympus";
                default -> { }
            }
            csv.append(number).append(",\"Guest ").append(i).append(", Esq.\",").append(zone).append(",Row ").append(i).append('\n');
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode post(LocalCloudClient client, URI uri, byte[] file, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(file));
        if (client.cloud.apiKey != null) {
            request.header("x-api-key", client.cloud.apiKey);
        }
        HttpResponse<String> response = client.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return LocalCloudClient.JSON.readTree(response.body());
    }

    /**
     * The write floor, straight to DynamoDB Local: as many contact-sized items as were accepted, in conditional
     * TransactWriteItems of 99 plus a counter update, one after another as the import writes them; and, for the
     * record, BatchWriteItem (25 a request, unconditional) per item over a tenth as many.
     */
    private static long[] rawWrites(LocalCloudClient client, int items) {
        String run = UUID.randomUUID().toString();
        long start = System.nanoTime();
        for (int from = 0; from < items; from += 99) {
            List<TransactWriteItem> writes = new ArrayList<>();
            for (int i = from; i < Math.min(items, from + 99); i++) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(contactLike(run, i))
                        .conditionExpression("attribute_not_exists(id)").build()).build());
            }
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(TABLE)
                    .key(Map.of("id", AttributeValue.fromS("bench-import#" + run))).updateExpression("ADD #c :k")
                    .expressionAttributeNames(Map.of("#c", "contacts"))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromN(Integer.toString(writes.size())))).build()).build());
            client.dynamoDb.transactWriteItems(r -> r.transactItems(writes));
        }
        long transactions = (System.nanoTime() - start) / 1_000_000;
        String batchRun = UUID.randomUUID().toString();
        int batched = items / 10;
        start = System.nanoTime();
        for (int from = 0; from < batched; from += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = from; i < Math.min(batched, from + 25); i++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(contactLike(batchRun, i)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> sent = pending;
                BatchWriteItemResponse response = client.dynamoDb.batchWriteItem(b -> b.requestItems(sent));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        long batchWrites = (System.nanoTime() - start) / 1_000_000;
        return new long[]{transactions, batchWrites, batched};
    }

    /** An item shaped like a campaign's contact (in the byCollection index), outside the application's key space. */
    private static Map<String, AttributeValue> contactLike(String run, int i) {
        return Map.of("id", AttributeValue.fromS("bench-import#" + run + "#" + i),
                "phoneNumber", AttributeValue.fromS("+1415" + (2_000_000 + i)),
                "columns", AttributeValue.fromM(Map.of("contactName", AttributeValue.fromS("Guest " + i + ", Esq."),
                        "notes", AttributeValue.fromS("Row " + i))),
                "sequence", AttributeValue.fromN(Integer.toString(i)), "state", AttributeValue.fromS("PENDING"),
                "collection", AttributeValue.fromS("bench-import#" + run),
                "collectionOrder", AttributeValue.fromS(String.format(Locale.ROOT, "PENDING#%012d", i)));
    }
}
