package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.model.Call;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * {@code ./benchmark.sh [--quick|--full]}: starts the local cloud as a user would ({@code ./local-cloud.sh},
 * its own process), drives it over HTTP and the AWS endpoint only, and prints one table: dispatch lateness,
 * call-now latency, API latency and throughput next to the raw PutItem ceiling of the same DynamoDB Local,
 * status sync next to its ideal, cold starts next to a bare SDK call, and the local cloud's own start time
 * and memory. Every comparison is between figures measured in the same run. The table is also written to
 * BENCHMARKS.md with the machine it ran on.
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = findRoot();
    private static final int SYNC_CONCURRENCY = 64;
    private static final long PROVIDER_LATENCY_MS = 50;

    private final boolean full;
    private final List<String[]> rows = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(64, daemonThreads())).build();
    private CloudProcess cloud;
    /** Built once the cloud is up: DynamoDB Local itself (for the PutItem ceiling) and the Lambda endpoint. */
    private DynamoDbClient dynamoDb;
    private LambdaClient lambda;
    private long peakRssKb;
    /** Raw PutItem/s of the local cloud's DynamoDB Local, measured first. */
    private double putCeiling;
    /** Calls the API created per second in the last lateness round, to give the next one enough lead time. */
    private double createRate = 20;

    private Benchmark(boolean full) {
        this.full = full;
    }

    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        if (!full && !List.of(args).contains("--quick") && args.length > 0) {
            System.err.println("usage: ./benchmark.sh [--quick|--full]   (quick, about two minutes, is the default)");
            System.exit(2);
        }
        try {
            new Benchmark(full).run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        progress("Benchmark (" + (full ? "full" : "quick") + " mode) on " + machine());
        cloud = CloudProcess.start(Files.createTempDirectory("benchmark-cloud"));
        dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.dynamoDb).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        lambda = LambdaClient.builder().endpointOverride(cloud.aws).region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2))).build();
        row("Local cloud: command to ready", String.format(Locale.ROOT, "%.1f s", cloud.readyMillis / 1000.0),
                "its own figure: " + cloud.selfReportedReady, verdict(cloud.readyMillis < 15_000, "target < 15 s"));
        awaitQuiet();
        long idleRss = cloud.rssKb();
        row("Local cloud: resident memory, idle", mb(idleRss), "", "");
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRssKb = Math.max(peakRssKb, cloud.rssKb());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            progress("Raw PutItem ceiling of this DynamoDB Local (16 clients, 3 s), the reference for what follows");
            measure(16, Duration.ofSeconds(2), putItem(dynamoDb)); // warm-up: DynamoDB Local's JIT and caches
            putCeiling = measure(16, Duration.ofSeconds(3), putItem(dynamoDb)).perSecond();
            row("DynamoDB Local (on disk): raw PutItem, 16 clients", String.format(Locale.ROOT, "%.0f/s", putCeiling), "",
                    "the write ceiling every figure shares; \"write-bound\" below uses the best rate of the run");
            lateness(full ? new int[]{100, 1000, 5000} : new int[]{100, 1000});
            row("Local cloud: resident memory, peak under the " + (full ? "5,000" : "1,000") + "-call load", mb(peakRssKb),
                    "idle: " + mb(idleRss), String.format(Locale.ROOT, "×%.1f", peakRssKb / (double) idleRss));
            callNow(full ? 200 : 50);
            api(full ? Duration.ofSeconds(10) : Duration.ofSeconds(2));
            statusSync(full ? new int[]{1000, 10000} : new int[]{1000});
            coldStarts(full ? 3 : 1);
        } finally {
            sampler.interrupt();
            cloud.close();
        }
        String table = table();
        System.out.println();
        System.out.println(table);
        writeReport(table, Duration.ofNanos(System.nanoTime() - started));
    }

    // ---- dispatch lateness ----

    /** N calls due in the same second, created through the API; lateness measured where the dial lands. */
    private void lateness(int[] sizes) throws Exception {
        configureSimulator("{\"latencyMs\":0,\"ringAfterMs\":1000,\"answerAfterMs\":2000,\"talkMs\":3000}");
        for (int n : sizes) {
            progress("Dispatch lateness: creating " + n + " calls due in the same second");
            // Enough lead time to create them all at the rate the last round achieved, plus a margin.
            Instant due = Instant.now().plusSeconds(4 + (long) Math.ceil(1.1 * n / createRate)).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            long creating = System.nanoTime();
            parallel(n, 16, i -> ids.add(createCall("+1415555" + String.format("%04d", i % 10000), due).path("id").asText()));
            createRate = n / ((System.nanoTime() - creating) / 1e9);
            if (Instant.now().isAfter(due)) {
                throw new IllegalStateException("creating " + n + " calls took past their due time; lead time too short");
            }
            progress(String.format(Locale.ROOT, "  created at %.0f/s, %d ms before they are due; waiting for the dials",
                    createRate, Duration.between(Instant.now(), due).toMillis()));
            Instant deadline = due.plusSeconds(60 + n / 50);
            Map<String, JsonNode> dials = Map.of();
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(1000); // polling the simulator's counter, not waiting for an outcome blindly
                dials = dialsByCall();
                long dialed = ids.stream().filter(dials::containsKey).count();
                if (dialed == n) {
                    break;
                }
            }
            List<Long> late = new ArrayList<>();
            long duplicates = 0;
            for (String id : ids) {
                JsonNode dial = dials.get(id);
                if (dial == null) {
                    continue;
                }
                late.add(Duration.between(due, Instant.parse(dial.path("firstPlacedAt").asText())).toMillis());
                duplicates += Math.max(0, dial.path("placed").asLong() - 1);
            }
            Stats stats = Stats.of(late);
            long missed = n - late.size();
            String label = String.format(Locale.ROOT, "Dispatch lateness, %,d calls due in one second", n);
            row(label, "p50 " + Stats.ms(stats.percentile(50)) + ", p95 " + Stats.ms(stats.percentile(95))
                            + ", p99 " + Stats.ms(stats.percentile(99)) + ", max " + Stats.ms(stats.max()),
                    "duplicates " + duplicates + ", missed " + missed + "; " + writeBound(2L * n, "2 writes a dial"),
                    n == 1000 ? verdict(stats.percentile(99) < 1000 && duplicates == 0 && missed == 0, "target p99 < 1 s, 0 duplicates, 0 missed")
                            : verdict(duplicates == 0 && missed == 0, "0 duplicates, 0 missed"));
        }
    }

    // ---- call now ----

    private void callNow(int n) throws Exception {
        progress("Call now: " + n + " calls, from the API's 201 to the dial");
        Map<String, Instant> answeredAt = new HashMap<>();
        for (int i = 0; i < n; i++) {
            JsonNode call = createCall("+1415556" + String.format("%04d", i), null);
            answeredAt.put(call.path("id").asText(), Instant.now());
            Thread.sleep(50); // spread, as users would, rather than a burst (the burst case is measured above)
        }
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, JsonNode> dials = dialsByCall();
        while (Instant.now().isBefore(deadline) && !dials.keySet().containsAll(answeredAt.keySet())) {
            Thread.sleep(500);
            dials = dialsByCall();
        }
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : answeredAt.entrySet()) {
            JsonNode dial = dials.get(entry.getKey());
            if (dial != null) {
                latencies.add(Duration.between(entry.getValue(), Instant.parse(dial.path("firstPlacedAt").asText())).toMillis());
            }
        }
        Stats stats = Stats.of(latencies);
        row("Call now: 201 to dial", "p50 " + Stats.ms(stats.percentile(50)) + ", p99 " + Stats.ms(stats.percentile(99)),
                "dialed " + latencies.size() + " of " + n, verdict(stats.percentile(99) < 2000 && latencies.size() == n, "target within ~2 s"));
    }

    // ---- API ----

    private void api(Duration each) throws Exception {
        for (int clients : new int[]{1, 16, 64}) {
            progress("API: " + clients + " concurrent clients, " + each.toSeconds() + " s each for create, list and raw PutItem");
            Run create = measure(clients, each, i -> createCall("+1415557" + String.format("%04d", i % 10000),
                    Instant.now().plus(Duration.ofDays(30))));
            Run list = measure(clients, each, i -> send("GET", cloud.api.resolve("/calls?status=SCHEDULED&limit=50"), null, 200));
            Run put = measure(clients, each, putItem(dynamoDb));
            putCeiling = Math.max(putCeiling, put.perSecond());
            row("API create, " + clients + " client" + (clients == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "%.0f/s; p50 %s, p99 %s", create.perSecond(), Stats.ms(create.stats.percentile(50)),
                            Stats.ms(create.stats.percentile(99))),
                    String.format(Locale.ROOT, "raw PutItem %.0f/s", put.perSecond()),
                    String.format(Locale.ROOT, "%.0f%% of the ceiling", 100 * create.perSecond() / put.perSecond()));
            row("API list (50 per page), " + clients + " client" + (clients == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "%.0f/s; p50 %s, p99 %s", list.perSecond(), Stats.ms(list.stats.percentile(50)),
                            Stats.ms(list.stats.percentile(99))), "", "");
        }
    }

    /** One PutItem of about a call item's size, outside the application's key space. */
    private static IntConsumer putItem(DynamoDbClient dynamoDb) {
        return i -> dynamoDb.putItem(r -> r.tableName("call-scheduler-CallsTable")
                .item(Map.of("id", AttributeValue.fromS("bench-" + UUID.randomUUID()), "payload", AttributeValue.fromS("x".repeat(600)))));
    }

    private record Run(Stats stats, long count, Duration elapsed) {
        double perSecond() {
            return count / (elapsed.toNanos() / 1e9);
        }
    }

    private Run measure(int clients, Duration duration, IntConsumer operation) throws Exception {
        List<Double> latencies = new CopyOnWriteArrayList<>();
        AtomicLong counter = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    operation.accept((int) counter.incrementAndGet());
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis()); // the measuring window itself
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Run(Stats.of(latencies), latencies.size(), elapsed);
    }

    // ---- status sync ----

    private void statusSync(int[] sizes) throws Exception {
        DynamoDbCallStore store = new DynamoDbCallStore(dynamoDb, "call-scheduler-CallsTable");
        for (int n : sizes) {
            progress("Status sync: placing " + n + " provider calls and storing them as active calls");
            drainActiveCalls();
            configureSimulator("{\"latencyMs\":0,\"ringAfterMs\":1000,\"answerAfterMs\":2000,\"talkMs\":3600000}");
            Instant now = Instant.now();
            parallel(n, 32, i -> {
                String id = UUID.randomUUID().toString();
                JsonNode provider = send("POST", cloud.callApi.resolve("/calls"),
                        "{\"to\":\"+14155558000\",\"metadata\":{\"callId\":\"" + id + "\"}}", 201);
                Call call = Call.newScheduled(id, "+14155558000", "Sync " + i, null, now, "UTC", now)
                        .moveTo(io.callscheduler.model.CallStatus.DIALING, now, "benchmark")
                        .withDialClaim(now).withProvider(provider.path("id").asText(), "queued");
                store.insert(call);
            });
            configureSimulator("{\"latencyMs\":" + PROVIDER_LATENCY_MS + "}");
            progress("  syncing " + n + " active calls with the Call API answering in " + PROVIDER_LATENCY_MS + " ms");
            long start = System.nanoTime();
            String report = lambda.invoke(r -> r.functionName("call-scheduler-status-sync")
                    .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String();
            long millis = (System.nanoTime() - start) / 1_000_000;
            double ideal = n * PROVIDER_LATENCY_MS / (double) SYNC_CONCURRENCY;
            row(String.format(Locale.ROOT, "Status sync, %,d active calls, Call API at %d ms", n, PROVIDER_LATENCY_MS),
                    Stats.ms(millis) + " (" + JSON.readTree(report).path("polled").asInt() + " polled)",
                    "ideal N×50 ms/" + SYNC_CONCURRENCY + " = " + Stats.ms(ideal) + "; "
                            + writeBound(JSON.readTree(report).path("changed").asLong(), "1 write a change"),
                    String.format(Locale.ROOT, "×%.1f the ideal", millis / ideal)
                            + (n == 10000 ? "; " + verdict(millis < 30_000, "target < 30 s") : ""));
            configureSimulator("{\"latencyMs\":0}");
        }
    }

    /** Ends the active calls of an earlier phase, so each sync measures only its own N. */
    private void drainActiveCalls() throws Exception {
        configureSimulator("{\"latencyMs\":0,\"talkMs\":0,\"answerAfterMs\":0,\"ringAfterMs\":0}");
        for (int i = 0; i < 5; i++) {
            JsonNode report = JSON.readTree(lambda.invoke(r -> r.functionName("call-scheduler-status-sync")
                    .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String());
            if (report.path("changed").asInt() == 0) {
                return;
            }
        }
    }

    // ---- cold starts ----

    private void coldStarts(int runs) throws Exception {
        drainActiveCalls(); // so status sync's cold start is the start, not a backlog
        Map<String, String> env = functionEnvironment();
        String classpath = System.getProperty("java.class.path");
        String get = apiEvent("GET", "/calls/{id}", "/calls/" + UUID.randomUUID(), null);
        Map<String, String> handlers = new java.util.LinkedHashMap<>();
        handlers.put("bare-getitem", null);
        handlers.put("io.callscheduler.entrypoints.CreateCallHandler", apiEvent("POST", "/calls", "/calls",
                "{\"phoneNumber\":\"+14155559999\",\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(60)) + "\"}"));
        handlers.put("io.callscheduler.entrypoints.ListCallsHandler", apiEvent("GET", "/calls", "/calls", null));
        handlers.put("io.callscheduler.entrypoints.GetCallHandler", get);
        handlers.put("io.callscheduler.entrypoints.CountCallsHandler", apiEvent("GET", "/calls/counts", "/calls/counts", null));
        handlers.put("io.callscheduler.entrypoints.CancelCallHandler", apiEvent("DELETE", "/calls/{id}", "/calls/" + UUID.randomUUID(), null));
        handlers.put("io.callscheduler.entrypoints.RescheduleCallHandler", apiEvent("PATCH", "/calls/{id}", "/calls/" + UUID.randomUUID(),
                "{\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(61)) + "\"}"));
        handlers.put("io.callscheduler.entrypoints.DispatchHandler", "{\"callId\":\"" + UUID.randomUUID() + "\",\"scheduledFor\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"source\":\"scheduler\"}");
        handlers.put("io.callscheduler.entrypoints.StatusSyncHandler", "{}");
        double bare = 0;
        for (Map.Entry<String, String> handler : handlers.entrySet()) {
            progress("Cold start: " + handler.getKey() + " (" + runs + " fresh JVM" + (runs == 1 ? "" : "s") + ")");
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                times.add(coldStart(classpath, env, handler.getKey(), handler.getValue()));
            }
            double median = Stats.of(times).percentile(50);
            if (handler.getValue() == null) {
                bare = median;
                row("Cold start: bare JVM + SDK client + one GetItem", Stats.ms(median), "", "the reference");
            } else {
                String name = handler.getKey().substring(handler.getKey().lastIndexOf('.') + 1);
                row("Cold start: " + name, Stats.ms(median), "bare: " + Stats.ms(bare),
                        String.format(Locale.ROOT, "×%.1f", median / bare));
            }
        }
        long jarBytes = Files.size(ROOT.resolve("functions/target/functions-1.0.0-SNAPSHOT.jar"));
        long depsBytes = 0;
        for (String entry : deployableDependencies()) {
            depsBytes += Files.size(Path.of(entry));
        }
        row("Deployable size (functions jar + runtime dependencies)", mb((jarBytes + depsBytes) / 1024),
                "functions jar alone: " + String.format(Locale.ROOT, "%.0f KB", jarBytes / 1024.0), "");
    }

    /** The functions' runtime dependencies: the benchmark's lib/ minus its own addition and the functions jar. */
    private static List<String> deployableDependencies() throws IOException {
        try (var jars = Files.list(ROOT.resolve("benchmark/target/lib"))) {
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
                if (line.equals("RESPONSE")) {
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
        return new HashMap<>(lambda.getFunction(r -> r.functionName("call-scheduler-get-call"))
                .configuration().environment().variables());
    }

    private static String apiEvent(String method, String resource, String path, String body) {
        ObjectNode event = JSON.createObjectNode();
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

    // ---- helpers ----

    private JsonNode createCall(String phoneNumber, Instant at) {
        String body = "{\"phoneNumber\":\"" + phoneNumber + "\"" + (at == null ? "" : ",\"scheduledAt\":\"" + at + "\"") + "}";
        return send("POST", cloud.api.resolve("/calls"), body, 201);
    }

    private Map<String, JsonNode> dialsByCall() {
        Map<String, JsonNode> dials = new HashMap<>();
        send("GET", cloud.callApi.resolve("/_sim/dials"), null, 200).path("calls").fields()
                .forEachRemaining(e -> dials.put(e.getKey(), e.getValue()));
        return dials;
    }

    private void configureSimulator(String settings) {
        send("PUT", cloud.callApi.resolve("/_sim/config"), settings, 200);
    }

    private JsonNode send(String method, URI uri, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void parallel(int n, int threads, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> futures.add(pool.submit(() -> task.accept(i))));
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /** Lets the local cloud's first status-sync run and JIT warm-up pass before the idle reading. */
    private void awaitQuiet() throws InterruptedException {
        Thread.sleep(3000); // a settling period, not a wait for an outcome
    }

    private void row(String measure, String result, String reference, String ratio) {
        rows.add(new String[]{measure, result, reference, ratio});
        System.out.printf("  %-58s %s%s%s%n", measure, result, reference.isEmpty() ? "" : "  | " + withWriteBounds(reference),
                ratio.isEmpty() ? "" : "  | " + ratio);
    }

    /** A placeholder for "these writes at the run's best PutItem rate take X", filled in when the table is made. */
    private static String writeBound(long writes, String why) {
        return "write-bound (" + why + "): {WRITES:" + writes + "}";
    }

    private static final java.util.regex.Pattern WRITES = java.util.regex.Pattern.compile("\\{WRITES:(\\d+)}");

    private String withWriteBounds(String text) {
        return WRITES.matcher(text).replaceAll(m -> Stats.ms(1000.0 * Long.parseLong(m.group(1)) / putCeiling));
    }

    private static String verdict(boolean met, String target) {
        return (met ? "met: " : "MISSED: ") + target;
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    private String table() {
        StringBuilder table = new StringBuilder("| Measure | Result | Same-run reference | Ratio / verdict |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            table.append(withWriteBounds("| " + String.join(" | ", row) + " |\n"));
        }
        return table.toString();
    }

    private void writeReport(String table, Duration took) throws IOException {
        String report = "# Benchmarks\n\n"
                + "Written by `./benchmark.sh " + (full ? "--full" : "--quick") + "` on " + LocalDate.now() + " in "
                + took.toSeconds() + " s. Machine: " + machine() + ".\n\n"
                + "Everything runs on this one machine: the local cloud (DynamoDB Local, the Scheduler and Lambda emulators, "
                + "the functions, the API) in its own JVM, the Call API simulator inside it, and the load generator in "
                + "another JVM. Absolute figures are for this machine only; the references beside them were measured in "
                + "the same run, so the ratios are what carries over.\n\n"
                + table + "\n"
                + "How each figure is taken: see the class comment of `benchmark/src/main/java/io/callscheduler/benchmark/Benchmark.java` "
                + "and the README's \"Performance\" section.\n";
        Files.writeString(ROOT.resolve("BENCHMARKS.md"), report);
        progress("Wrote " + ROOT.resolve("BENCHMARKS.md"));
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memoryGb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() >> 30;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGb + " GB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void progress(String message) {
        System.out.println("[benchmark] " + message);
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-cloud.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }

    /** The local cloud, started with ./local-cloud.sh in its own process, as a user runs it. */
    private static final class CloudProcess implements AutoCloseable {
        final Process process;
        final URI api;
        final URI aws;
        final URI callApi;
        final URI dynamoDb;
        final long readyMillis;
        final String selfReportedReady;

        private CloudProcess(Process process, int[] ports, long readyMillis, String selfReportedReady) {
            this.process = process;
            this.api = URI.create("http://localhost:" + ports[0]);
            this.aws = URI.create("http://localhost:" + ports[1]);
            this.callApi = URI.create("http://localhost:" + ports[3]);
            this.dynamoDb = URI.create("http://127.0.0.1:" + ports[4]);
            this.readyMillis = readyMillis;
            this.selfReportedReady = selfReportedReady;
        }

        static CloudProcess start(Path data) throws Exception {
            int[] ports = new int[5];
            for (int i = 0; i < ports.length; i++) {
                try (ServerSocket socket = new ServerSocket(0)) {
                    ports[i] = socket.getLocalPort();
                }
            }
            progress("Starting ./local-cloud.sh (data in " + data + ")");
            ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("local-cloud.sh").toString(),
                    "--api-port", Integer.toString(ports[0]), "--aws-port", Integer.toString(ports[1]),
                    "--web-port", Integer.toString(ports[2]), "--call-api-port", Integer.toString(ports[3]),
                    "--dynamodb-port", Integer.toString(ports[4]), "--data-dir", data.toString(),
                    // Status sync only when the benchmark runs it, so its timing is its own.
                    "--status-sync-every", "60m").redirectErrorStream(true);
            builder.environment().remove("CALL_API_URL");
            long start = System.nanoTime();
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String selfReported = "?";
            for (String line; (line = out.readLine()) != null; ) {
                java.util.regex.Matcher ready = java.util.regex.Pattern.compile("ready in ([0-9.]+ s)").matcher(line);
                if (ready.find()) {
                    selfReported = ready.group(1);
                }
                if (line.startsWith("Press Ctrl-C")) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "cloud-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new CloudProcess(process, ports, millis, selfReported);
                }
                if (line.startsWith("error:")) {
                    throw new IllegalStateException("the local cloud did not start: " + line);
                }
            }
            throw new IllegalStateException("the local cloud exited before it was ready");
        }

        long rssKb() {
            try {
                return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public void close() throws Exception {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
