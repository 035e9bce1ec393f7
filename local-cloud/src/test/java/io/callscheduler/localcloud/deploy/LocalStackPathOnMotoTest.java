package io.callscheduler.localcloud.deploy;

import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.localcloud.scenarios.CallSchedulerScenarios;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.testing.ExternalTools;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The LocalStack setup without Docker: moto's server stands in for LocalStack (whose Scheduler, like moto's,
 * stores schedules and never fires them). The same init hook creates the resources through the AWS CLI, the
 * functions run with {@code env.json}, and the shared scenarios run with every dial coming from the status
 * sync's sweep. It proves the LocalStack path's logic on every build; {@link LocalStackEndToEndTest} proves
 * it on LocalStack itself where Docker is available.
 */
class LocalStackPathOnMotoTest extends CallSchedulerScenarios {
    private static final Path ROOT = LocalAws.templatePath().getParent();

    @TempDir
    static Path data;
    static Process moto;
    static LocalStackDeployment app;

    @BeforeAll
    static void deploy() throws Exception {
        String aws = ExternalTools.require("aws", "the AWS CLI (pip install awscli)");
        String motoServer = ExternalTools.require("moto_server", "moto's server (pip install 'moto[server]')");
        int port = DynamoDbLocalServer.freePort();
        moto = new ProcessBuilder(motoServer, "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        ProcessBuilder hook = new ProcessBuilder(List.of("bash", ROOT.resolve("localstack/init/ready.d/create-resources.sh").toString()))
                .redirectErrorStream(true);
        hook.environment().putAll(java.util.Map.of("AWS_CLI", aws + " --endpoint-url " + endpoint,
                "RESOURCES_DIR", ROOT.resolve("localstack/resources").toString(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        Process running = hook.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(running.exitValue()).as(output).isZero();

        app = LocalStackDeployment.start(endpoint, data);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (moto != null) {
            moto.destroy();
        }
    }

    @Override
    protected DeployedApp app() {
        return app;
    }
}
