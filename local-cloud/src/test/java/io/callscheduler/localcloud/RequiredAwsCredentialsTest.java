package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --require-aws-credentials}: the AWS endpoint takes only the key pair the local cloud prints (the AWS
 * CLI, botocore's signer, is the judge), and the functions, which reach it too, are given that pair.
 */
class RequiredAwsCredentialsTest {
    @TempDir
    Path data;

    @Test
    void theEndpointTakesOnlyThePrintedKeysAndTheFunctionsUseThem() throws Exception {
        String aws = ExternalTools.require("aws", "install the AWS CLI (pip install awscli) to sign as a user would");
        try (RunningCloud app = RunningCloud.startWith(data, options -> options.withRequireAwsCredentials(true))) {
            AwsEndpoint.Credentials printed = app.cloud.awsCredentials();
            assertThat(app.cloud.banner()).contains("AWS_ACCESS_KEY_ID=" + printed.accessKeyId())
                    .contains("AWS_SECRET_ACCESS_KEY=" + printed.secretAccessKey());
            assertThat(Files.getPosixFilePermissions(data.resolve("aws-credentials")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            // The create function schedules the call through the endpoint: it works only with the printed pair.
            String id = app.create("+14155550342", Instant.now().plusSeconds(3600)).path("id").asText();
            List<String> scan = List.of(aws, "--endpoint-url", app.cloud.awsUrl().toString(), "--output", "json",
                    "dynamodb", "scan", "--table-name", "call-scheduler-CallsTable");

            String refused = AwsTools.run(app.cloud.awsUrl(), Map.of(), 255, scan);
            String wrongSecret = AwsTools.run(app.cloud.awsUrl(), Map.of("AWS_ACCESS_KEY_ID", printed.accessKeyId()), 255, scan);
            String served = AwsTools.run(app.cloud.awsUrl(), Map.of("AWS_ACCESS_KEY_ID", printed.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", printed.secretAccessKey()), 0, scan);

            assertThat(refused).contains("UnrecognizedClientException").doesNotContain(id);
            assertThat(wrongSecret).contains("InvalidSignatureException").doesNotContain(id);
            assertThat(served).contains(id);
        }
    }
}
