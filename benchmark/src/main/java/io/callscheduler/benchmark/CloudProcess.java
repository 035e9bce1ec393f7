package io.callscheduler.benchmark;

import java.util.ArrayList;
import java.util.List;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The local cloud, started with ./local-cloud.sh in its own process, as a user runs it. */
final class CloudProcess implements AutoCloseable {
    final Process process;
    final URI api;
    final URI aws;
    final URI web;
    final URI callApi;
    final URI dynamoDb;
    final long readyMillis;
    final String selfReportedReady;
    /** The key the API requires, as the cloud printed it ("API key ..."). */
    final String apiKey;
    /** When the cloud said it was ready (its "Press Ctrl-C" line). */
    final java.time.Instant readyAt = java.time.Instant.now();

    private CloudProcess(Process process, int[] ports, long readyMillis, String selfReportedReady, String apiKey) {
        this.process = process;
        this.api = URI.create("http://localhost:" + ports[0]);
        this.aws = URI.create("http://localhost:" + ports[1]);
        this.web = URI.create("http://localhost:" + ports[2]);
        this.callApi = URI.create("http://localhost:" + ports[3]);
        this.dynamoDb = URI.create("http://127.0.0.1:" + ports[4]);
        this.readyMillis = readyMillis;
        this.selfReportedReady = selfReportedReady;
        this.apiKey = apiKey;
    }

    static CloudProcess start(Path data) throws Exception {
        return start(data, List.of(), List.of());
    }

    /**
     * @param options        more options for ./local-cloud.sh (e.g. --scheduler-timing aws)
     * @param parameters     more template parameters (K=V), beside the benchmark's own
     */
    static CloudProcess start(Path data, List<String> options, List<String> parameters) throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports[i] = socket.getLocalPort();
            }
        }
        Report.progress("Starting ./local-cloud.sh (data in " + data + ")");
        List<String> command = new ArrayList<>(List.of("bash", Repository.ROOT.resolve("local-cloud.sh").toString(),
                "--api-port", Integer.toString(ports[0]), "--aws-port", Integer.toString(ports[1]),
                "--web-port", Integer.toString(ports[2]), "--call-api-port", Integer.toString(ports[3]),
                "--dynamodb-port", Integer.toString(ports[4]), "--data-dir", data.toString(),
                // Status sync only when the benchmark runs it, so its timing is its own.
                "--status-sync-every", "60m"));
        command.addAll(options);
        // Every active call is polled each run, as when all callbacks are lost: the sync's worst case.
        command.addAll(List.of("--parameter-overrides", "ReconcileAfterSeconds=0"));
        command.addAll(parameters);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CALL_API_URL");
        long start = System.nanoTime();
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String selfReported = "?";
        String apiKey = null;
        for (String line; (line = out.readLine()) != null; ) {
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("^  API key +(\\S+)").matcher(line);
            if (key.find()) {
                apiKey = key.group(1);
            }
            java.util.regex.Matcher ready = java.util.regex.Pattern.compile("ready in ([0-9.]+ s)").matcher(line);
            if (ready.find()) {
                selfReported = ready.group(1);
            }
            if (line.startsWith("Press Ctrl-C")) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "cloud-output");
                drain.setDaemon(true);
                drain.start();
                return new CloudProcess(process, ports, millis, selfReported, apiKey);
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

    /** Kills the local cloud at once ({@code kill -9}): no shutdown hook runs, nothing is flushed. */
    void kill() throws Exception {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
