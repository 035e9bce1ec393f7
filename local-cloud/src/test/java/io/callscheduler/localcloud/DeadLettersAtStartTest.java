package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters left from an earlier run are said when the local cloud starts, with how to read them; none, nothing. */
class DeadLettersAtStartTest {
    @TempDir
    Path data;

    @Test
    void theStartUpOutputSaysHowManyDeadLettersAreWaiting() throws Exception {
        String aws = AwsTools.awsCli();
        try (RunningCloud first = RunningCloud.start(data, null)) {
            assertThat(first.cloud.banner()).doesNotContain("Dead letters");
            String queueUrl = AwsTools.cli(aws, first.cloud.awsUrl(), "sqs", "get-queue-url", "--queue-name",
                    "call-scheduler-dispatch-dlq").path("QueueUrl").asText();
            for (int i = 0; i < 2; i++) {
                AwsTools.cli(aws, first.cloud.awsUrl(), "sqs", "send-message", "--queue-url", queueUrl,
                        "--message-body", "{\"callId\":\"dead-" + i + "\"}");
            }
        }

        try (RunningCloud second = RunningCloud.start(data, null)) {
            assertThat(second.cloud.banner()).contains("Dead letters  2 waiting in the DLQ")
                    .contains("sqs receive-message --queue-url").containsSubsequence("Dead letters", "Press Ctrl-C");
        }
    }
}
