package io.callscheduler.localcloud.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.testing.ExternalTools;
import io.callscheduler.testing.LocalAws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The third-party tools the tests drive: commands run with test AWS credentials (the AWS CLI, the project's
 * scripts, Maven), the AWS CLI's JSON output, moto's server standing in for an account, and the LocalStack
 * init hook run against any endpoint.
 */
public final class AwsTools {
    public static final Path ROOT = LocalAws.templatePath().getParent();

    private AwsTools() {
    }

    /** The AWS CLI, or the test is skipped (locally) or failed (CI). */
    public static String awsCli() {
        return ExternalTools.require("aws", "the AWS CLI (pip install awscli)");
    }

    /** {@link #run(Path, URI, Map, int, List)} from the repository root. */
    public static String run(URI endpoint, Map<String, String> environment, int expectedExit, List<String> command)
            throws IOException, InterruptedException {
        return run(ROOT, endpoint, environment, expectedExit, command);
    }

    /**
     * Runs a command in a directory, against an endpoint (when not null) with test credentials, checks its
     * exit code and returns its output (stdout and stderr).
     */
    public static String run(Path directory, URI endpoint, Map<String, String> environment, int expectedExit,
                             List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile()).redirectErrorStream(true);
        testCredentials(builder, endpoint);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished: " + command).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isEqualTo(expectedExit);
        return output;
    }

    /**
     * Runs {@code aws --endpoint-url ENDPOINT --output json ARGS}; fails (with the CLI's stderr) on a non-zero
     * exit; returns stdout as JSON, or null when there is none.
     */
    public static JsonNode cli(String aws, URI endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws, "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        testCredentials(builder, null);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("aws " + String.join(" ", args) + "\n" + stderr).isZero();
        String text = new String(stdout, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? null : HttpJson.MAPPER.readTree(text);
    }

    private static void testCredentials(ProcessBuilder builder, URI endpoint) {
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        if (endpoint != null) {
            builder.environment().put("AWS_ENDPOINT_URL", endpoint.toString());
        }
    }

    /** Runs {@code localstack/init/ready.d/create-resources.sh} with the AWS CLI against an endpoint. */
    public static String runInitHook(URI endpoint) throws IOException, InterruptedException {
        return run(null, Map.of("AWS_CLI", awsCli() + " --endpoint-url " + endpoint,
                        "RESOURCES_DIR", ROOT.resolve("localstack/resources").toString()), 0,
                List.of("bash", ROOT.resolve("localstack/init/ready.d/create-resources.sh").toString()));
    }

    /** moto's server on a free port, in its own process; empty when started. */
    public static final class Moto implements AutoCloseable {
        private final Process process;
        public final URI uri;

        private Moto(Process process, URI uri) {
            this.process = process;
            this.uri = uri;
        }

        /** Starts it, or skips (locally) or fails (CI) the test when moto's server is not installed. */
        public static Moto start() throws IOException {
            String motoServer = ExternalTools.require("moto_server", "moto's server (pip install 'moto[server]')");
            int port = DynamoDbLocalServer.freePort();
            Process process = new ProcessBuilder(motoServer, "-p", Integer.toString(port)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Moto moto = new Moto(process, URI.create("http://127.0.0.1:" + port));
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(moto.uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            return moto;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
