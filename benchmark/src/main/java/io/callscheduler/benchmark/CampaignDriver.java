package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One campaign on a running local cloud, driven through its API as a user would (create, CSV upload, start, pause,
 * resume, progress), and what the provider saw of it: the simulator's dial requests, and its journal of placed calls.
 */
final class CampaignDriver {
    private final LocalCloudClient client;
    final String id;
    final List<String> numbers;

    private CampaignDriver(LocalCloudClient client, String id, List<String> numbers) {
        this.client = client;
        this.id = id;
        this.numbers = numbers;
    }

    /**
     * A campaign of {@code contacts} numbers from {@code firstNumber} on (+1 415, exchanges the default
     * AllowedNumberTypes admit), uploaded as one CSV file. No calling hours of its own: the deployment's, which the
     * benchmark leaves open all day (CallingHours and CallingDays empty, the template's default).
     */
    static CampaignDriver create(LocalCloudClient client, String name, double callsPerSecond, int contacts, long firstNumber) {
        String body = "{\"name\":\"" + name + "\",\"message\":\"Hello {{contactName}}\",\"maxCallsPerSecond\":" + callsPerSecond + "}";
        String id = client.send("POST", client.cloud.api.resolve("/campaigns"), body, 201).path("id").asText();
        List<String> numbers = new ArrayList<>();
        StringBuilder csv = new StringBuilder("phoneNumber,contactName\n");
        for (int i = 0; i < contacts; i++) {
            String number = "+1415" + (firstNumber + i);
            numbers.add(number);
            csv.append(number).append(",Guest ").append(i).append('\n');
        }
        HttpResponse<String> uploaded = post(client, "/campaigns/" + id + "/contacts", "text/csv", csv.toString());
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("the upload answered " + uploaded.statusCode() + ": " + uploaded.body());
        }
        return new CampaignDriver(client, id, List.copyOf(numbers));
    }

    /** The same campaign, on the cloud restarted on its data. */
    static CampaignDriver reattach(LocalCloudClient client, String id, List<String> numbers) {
        return new CampaignDriver(client, id, numbers);
    }

    private static HttpResponse<String> post(LocalCloudClient client, String path, String type, String body) {
        HttpRequest request = HttpRequest.newBuilder(client.cloud.api.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("x-api-key", client.cloud.apiKey).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return client.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /campaigns/{id}/start, pause, resume or stop; returns when its 200 arrived. */
    Instant command(String action) {
        client.send("POST", client.cloud.api.resolve("/campaigns/" + id + "/" + action), null, 200);
        return Instant.now();
    }

    JsonNode campaign() {
        return client.send("GET", client.cloud.api.resolve("/campaigns/" + id), null, 200);
    }

    /** The sum of the progress counts, which must equal the contacts. */
    long countsSum() {
        long sum = 0;
        for (JsonNode count : campaign().path("progress").path("counts")) {
            sum += count.asLong();
        }
        return sum;
    }

    /** When each request to place a call reached the simulator (whatever it answered), oldest first. */
    List<Instant> dialRequests() {
        List<Instant> times = new ArrayList<>();
        client.send("GET", client.cloud.callApi.resolve("/_sim/requests"), null, 200)
                .forEach(line -> times.add(Instant.parse(line.asText().split(" ", 2)[0])));
        times.sort(null);
        return times;
    }

    /** Calls placed so far, as the simulator counts them (across a restart too: its journal is read back). */
    long placedCalls() {
        return client.send("GET", client.cloud.callApi.resolve("/_sim/dials"), null, 200).path("placedCalls").asLong();
    }

    /**
     * How many calls the provider placed to each of the campaign's numbers, from the simulator's journal in the data
     * directory ({@code simulator/calls.jsonl}): written before each placement is answered, so a kill -9 loses none,
     * and keyed by the number dialed, so a second call to a contact counts whatever its call id.
     */
    static Map<String, Integer> placedByNumber(Path dataDir) throws IOException {
        Map<String, Integer> placed = new HashMap<>();
        Path journal = dataDir.resolve("simulator").resolve("calls.jsonl");
        if (!Files.exists(journal)) {
            return placed;
        }
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                placed.merge(LocalCloudClient.JSON.readTree(line).path("to").asText(), 1, Integer::sum);
            } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
                // the last line, cut by the kill -9 while it was written: that placement was never answered
                placed.merge("(torn line)", 1, Integer::sum);
            }
        }
        return placed;
    }
}
