package io.callscheduler.localcloud.deploy;

import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.localcloud.web.WebsiteServer;
import io.callscheduler.testing.ExternalTools;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deploy scripts run with the real AWS CLI against moto's server, standing in for an account: a stack
 * with the template's outputs ({@code stack-standin.yaml}), {@code publish-web.sh} uploading the page with
 * a config.js for the stack's API, and {@code teardown.sh} emptying the bucket and deleting the stack.
 */
class DeployScriptsTest {
    private static final Path ROOT = LocalAws.templatePath().getParent();
    private static final String API_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod";

    static Process moto;
    static URI motoUrl;
    static String aws;

    @BeforeAll
    static void startMoto() throws Exception {
        aws = ExternalTools.require("aws", "the AWS CLI (pip install awscli)");
        String motoServer = ExternalTools.require("moto_server", "moto's server (pip install 'moto[server]')");
        int port = DynamoDbLocalServer.freePort();
        moto = new ProcessBuilder(motoServer, "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        motoUrl = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(motoUrl).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.destroy();
        }
    }

    @Test
    void theScriptsReadOnlyOutputsTheTemplateDeclares() throws IOException {
        String template = Files.readString(ROOT.resolve("template.yaml"));
        String outputs = template.substring(template.indexOf("\nOutputs:"));
        for (String script : List.of("publish-web.sh", "teardown.sh")) {
            var used = Pattern.compile("stack-output\\.sh \"\\$stack\" (\\w+)").matcher(Files.readString(ROOT.resolve("deploy/" + script)));
            int count = 0;
            while (used.find()) {
                count++;
                assertThat(outputs).as(script + " reads output " + used.group(1)).contains("\n  " + used.group(1) + ":");
            }
            assertThat(count).as(script).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void publishesThePageWithItsConfigThenTearsTheStackDown() throws Exception {
        run(0, aws, "cloudformation", "create-stack", "--stack-name", "call-scheduler",
                "--template-body", "file://" + ROOT.resolve("local-cloud/src/test/resources/deploy/stack-standin.yaml"));
        String bucket = run(0, aws, "cloudformation", "describe-stacks", "--stack-name", "call-scheduler", "--query",
                "Stacks[0].Outputs[?OutputKey=='WebsiteBucketName'].OutputValue | [0]", "--output", "text").trim();

        String published = run(0, "bash", ROOT.resolve("deploy/publish-web.sh").toString());

        assertThat(published).contains("Uploading web/ to s3://" + bucket, "Web page: http://" + bucket + ".s3-website");
        assertThat(run(0, aws, "s3", "cp", "s3://" + bucket + "/config.js", "-"))
                .isEqualTo(WebsiteServer.configScript(API_URL));
        String listing = run(0, aws, "s3", "ls", "s3://" + bucket + "/", "--recursive");
        assertThat(listing).contains("index.html", "styles.css", "js/app.js", "js/api.js");

        String tornDown = run(0, "bash", ROOT.resolve("deploy/teardown.sh").toString());

        assertThat(tornDown).contains("Stack call-scheduler deleted", "aws dynamodb delete-table --table-name call-scheduler-CallsTable-ABC123");
        assertThat(run(0, aws, "s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")).doesNotContain(bucket);
    }

    @Test
    void aStackThatIsNotDeployedIsNamedInTheError() throws Exception {
        String output = run(1, "bash", ROOT.resolve("deploy/publish-web.sh").toString(), "no-such-stack");

        assertThat(output).contains("error: cannot read stack no-such-stack");
    }

    /** Runs a command against moto with test credentials; checks its exit code; returns its output. */
    private static String run(int expectedExit, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(ROOT.toFile());
        builder.environment().put("AWS_ENDPOINT_URL", motoUrl.toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isEqualTo(expectedExit);
        return output;
    }
}
