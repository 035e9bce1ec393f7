package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.localcloud.template.SamTemplate;

import java.nio.file.Path;
import java.util.Locale;

/** The lines printed once ready: where everything is. */
final class Banner {
    private Banner() {
    }

    static String of(LocalCloud cloud, SqsEmulator sqs, Path dataDir) {
        SamTemplate template = cloud.template();
        String table = template.tables().keySet().iterator().next();
        String group = template.scheduleGroups().get(0);
        String queueName = template.queues().values().iterator().next();
        String queueUrl = sqs.queueUrl(queueName);
        int deadLetters = sqs.size(queueName);
        // Left from an earlier run: a call's trigger that failed every retry. Said at start, as an alarm would say it.
        String deadLetterLine = deadLetters == 0 ? "" : String.format(Locale.ROOT,
                "  Dead letters  %d waiting in the DLQ: a call's dispatch failed every retry (aws --endpoint-url %s sqs receive-message --queue-url %s)%n",
                deadLetters, cloud.awsUrl(), queueUrl);
        AwsEndpoint.Credentials awsCredentials = cloud.awsCredentials();
        return String.format(Locale.ROOT, """

                Call Scheduler is running locally (ready in %.1f s)
                  API           %s/calls
                %s  Metrics       %s%s   (the functions' CloudWatch metrics since start)
                  Usage         %s%s   (what AWS would bill: requests, DynamoDB units, Lambda GB-s)
                  Web page      %s
                  AWS endpoint  %s   (aws --endpoint-url %s ...; region %s, %s)
                  Call API      %s%s
                  Data          %s
                  Resources     table %s, schedule group %s, DLQ %s
                %sPress Ctrl-C to stop.
                """, cloud.startupTime().toMillis() / 1000.0, cloud.apiUrl(), apiKeyLine(cloud.apiKey()),
                cloud.apiUrl(), LocalCloud.METRICS_PATH, cloud.apiUrl(), LocalCloud.USAGE_PATH, cloud.webUrl(),
                cloud.awsUrl(), cloud.awsUrl(), LocalCloud.REGION,
                awsCredentials == null ? "any keys" : "keys required: AWS_ACCESS_KEY_ID=" + awsCredentials.accessKeyId()
                        + " AWS_SECRET_ACCESS_KEY=" + awsCredentials.secretAccessKey(),
                cloud.callApiUrl(), cloud.simulator() != null ? "   (simulator; dials counted at /_sim/dials)" : "   (external)",
                dataDir.toAbsolutePath().normalize(), table, group, queueUrl, deadLetterLine);
    }

    /** Where the key goes, as curl and the page send it; nothing when the API requires none. */
    private static String apiKeyLine(String apiKey) {
        return apiKey == null ? "" : String.format(Locale.ROOT,
                "  API key       %s   (send it as the x-api-key header; the page asks for it once)%n", apiKey);
    }
}
