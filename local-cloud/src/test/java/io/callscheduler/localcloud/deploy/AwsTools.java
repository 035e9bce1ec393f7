package io.callscheduler.localcloud.deploy;

import io.callscheduler.emulators.DynamoDbLocalServer;
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
 * The third-party tools the deploy-path tests drive: commands run from the repository root with test
 * credentials (the AWS CLI, the project's scripts), moto's server standing in for an account, and the
 * LocalStack init hook run against any endpoint.
 */
final class AwsTools {
    static final Path ROOT = LocalAws.templatePath().getParent();

    private AwsTools() {
    }

    /** The AWS CLI, or the test is skipped (locally) or failed (CI). */
    static String awsCli() {
        return ExternalTools.require("aws", "the AWS CLI (pip install awscli)");
    }

    /**
     * Runs a command from the repository root against an endpoint (when not null) with test credentials,
     * checks its exit code and returns its output (stdout and stderr).
     */
    static String run(URI endpoint, Map<String, String> environment, int expectedExit, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        if (endpoint != null) {
            builder.environment().put("AWS_ENDPOINT_URL", endpoint.toString());
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished: " + command).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isEqualTo(expectedExit);
        return output;
    }

    /** Runs {@code localstack/init/ready.d/create-resources.sh} with the AWS CLI against an endpoint. */
    static String runInitHook(URI endpoint) throws IOException, InterruptedException {
        return run(null, Map.of("AWS_CLI", awsCli() + " --endpoint-url " + endpoint,
                        "RESOURCES_DIR", ROOT.resolve("localstack/resources").toString()), 0,
                List.of("bash", ROOT.resolve("localstack/init/ready.d/create-resources.sh").toString()));
    }

    /** moto's server on a free port, in its own process; empty when started. */
    static final class Moto implements AutoCloseable {
        private final Process process;
        final URI uri;

        private Moto(Process process, URI uri) {
            this.process = process;
            this.uri = uri;
        }

        /** Starts it, or skips (locally) or fails (CI) the test when moto's server is not installed. */
        static Moto start() throws IOException {
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
