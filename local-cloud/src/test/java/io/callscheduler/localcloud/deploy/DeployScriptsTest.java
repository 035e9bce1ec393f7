package io.callscheduler.localcloud.deploy;

import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.web.WebsiteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy scripts run with the real AWS CLI against moto's server, standing in for an account: a stack
 * with the template's outputs ({@code stack-standin.yaml}), {@code publish-web.sh} uploading the page with
 * a config.js for the stack's API, and {@code teardown.sh} emptying the bucket and deleting the stack.
 */
class DeployScriptsTest {
    private static final Path ROOT = AwsTools.ROOT;
    private static final String API_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod";

    static AwsTools.Moto moto;
    static String aws;

    @BeforeAll
    static void startMoto() throws Exception {
        aws = AwsTools.awsCli();
        moto = AwsTools.Moto.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theScriptsReadOnlyOutputsTheTemplateDeclares() throws IOException {
        String template = Files.readString(ROOT.resolve("template.yaml"));
        String outputs = template.substring(template.indexOf("\nOutputs:"));
        for (String script : List.of("publish-web.sh", "teardown.sh")) {
            var used = Pattern.compile("\\$\\(output (\\w+)").matcher(Files.readString(ROOT.resolve("deploy/" + script)));
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
    void aStackThatRequiresAnApiKeyGetsAPageThatSendsIt() throws Exception {
        String keyId = run(0, aws, "apigateway", "create-api-key", "--name", "call-scheduler-key", "--enabled",
                "--query", "id", "--output", "text").trim();
        String keyValue = run(0, aws, "apigateway", "get-api-key", "--api-key", keyId, "--include-value",
                "--query", "value", "--output", "text").trim();
        run(0, aws, "cloudformation", "create-stack", "--stack-name", "keyed",
                "--template-body", "file://" + ROOT.resolve("local-cloud/src/test/resources/deploy/stack-standin.yaml"),
                "--parameters", "ParameterKey=ApiKeyId,ParameterValue=" + keyId);
        String bucket = run(0, aws, "cloudformation", "describe-stacks", "--stack-name", "keyed", "--query",
                "Stacks[0].Outputs[?OutputKey=='WebsiteBucketName'].OutputValue | [0]", "--output", "text").trim();

        String published = run(0, "bash", ROOT.resolve("deploy/publish-web.sh").toString(), "keyed");

        assertThat(published).contains("the API requires a key");
        assertThat(run(0, aws, "s3", "cp", "s3://" + bucket + "/config.js", "-")).isEqualTo(
                "window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"" + API_URL + "\", apiKey: \"" + keyValue + "\" };\n");
    }

    @Test
    void aStackThatIsNotDeployedIsNamedInTheError() throws Exception {
        String output = run(1, "bash", ROOT.resolve("deploy/publish-web.sh").toString(), "no-such-stack");

        assertThat(output).contains("error: cannot read stack no-such-stack");
    }

    /** Runs a command against moto with test credentials; checks its exit code; returns its output. */
    private static String run(int expectedExit, String... command) throws IOException, InterruptedException {
        return AwsTools.run(moto.uri, Map.of(), expectedExit, List.of(command));
    }
}
