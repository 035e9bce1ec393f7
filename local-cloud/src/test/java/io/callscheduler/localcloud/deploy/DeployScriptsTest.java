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
 * a config.js for the stack's API (never a key) and invalidating its CloudFront distribution, and
 * {@code teardown.sh} emptying the bucket and deleting the stack.
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
    void publishesThePageWithItsConfigInvalidatesTheDistributionThenTearsTheStackDown() throws Exception {
        String distribution = createDistribution();
        createStack("call-scheduler", distribution);
        String bucket = output("call-scheduler", "WebsiteBucketName");

        String published = run(0, "bash", ROOT.resolve("deploy/publish-web.sh").toString());

        assertThat(published).contains("Uploading web/ to s3://" + bucket + " (private; CloudFront serves it)",
                "Invalidated CloudFront's copy (distribution " + distribution, "Web page: https://d111111abcdef8.cloudfront.net");
        assertThat(run(0, aws, "s3", "cp", "s3://" + bucket + "/config.js", "-"))
                .isEqualTo(WebsiteServer.configScript(API_URL));
        String listing = run(0, aws, "s3", "ls", "s3://" + bucket + "/", "--recursive");
        assertThat(listing).contains("index.html", "styles.css", "js/app.js", "js/shared/api.js", "js/shell/api-key.js", "js/views/calls/call-list.js");
        String invalidated = run(0, aws, "cloudfront", "list-invalidations", "--distribution-id", distribution,
                "--query", "InvalidationList.Items[].Id", "--output", "text");
        assertThat(published).contains("invalidation " + invalidated.trim() + ")");

        String tornDown = run(0, "bash", ROOT.resolve("deploy/teardown.sh").toString());

        assertThat(tornDown).contains("Stack call-scheduler deleted", "aws dynamodb delete-table --table-name call-scheduler-CallsTable-ABC123");
        assertThat(run(0, aws, "s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text")).doesNotContain(bucket);
    }

    @Test
    void aStackThatRequiresAnApiKeyGetsAPageWithoutTheKeyAndSaysHowToReadIt() throws Exception {
        String keyId = run(0, aws, "apigateway", "create-api-key", "--name", "call-scheduler-key", "--enabled",
                "--query", "id", "--output", "text").trim();
        String keyValue = run(0, aws, "apigateway", "get-api-key", "--api-key", keyId, "--include-value",
                "--query", "value", "--output", "text").trim();
        createStack("keyed", createDistribution(), "ParameterKey=ApiKeyId,ParameterValue=" + keyId);
        String bucket = output("keyed", "WebsiteBucketName");

        String published = run(0, "bash", ROOT.resolve("deploy/publish-web.sh").toString(), "keyed");

        assertThat(published).contains("The API requires a key; the page asks for it once",
                "aws apigateway get-api-key --api-key " + keyId + " --include-value").doesNotContain(keyValue);
        String config = run(0, aws, "s3", "cp", "s3://" + bucket + "/config.js", "-");
        assertThat(config).isEqualTo(WebsiteServer.configScript(API_URL)).doesNotContain(keyValue);
    }

    private static String createDistribution() throws Exception {
        return run(0, aws, "cloudfront", "create-distribution", "--origin-domain-name", "page.s3.us-east-1.amazonaws.com",
                "--default-root-object", "index.html", "--query", "Distribution.Id", "--output", "text").trim();
    }

    private static void createStack(String name, String distribution, String... parameters) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(aws, "cloudformation", "create-stack", "--stack-name", name,
                "--template-body", "file://" + ROOT.resolve("local-cloud/src/test/resources/deploy/stack-standin.yaml"),
                "--parameters", "ParameterKey=WebsiteDistributionId,ParameterValue=" + distribution));
        command.addAll(List.of(parameters));
        run(0, command.toArray(String[]::new));
    }

    private static String output(String stack, String key) throws Exception {
        return run(0, aws, "cloudformation", "describe-stacks", "--stack-name", stack, "--query",
                "Stacks[0].Outputs[?OutputKey=='" + key + "'].OutputValue | [0]", "--output", "text").trim();
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
