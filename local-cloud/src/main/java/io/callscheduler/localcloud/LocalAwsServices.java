package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.DynamoDbProxy;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SchedulerEmulator;
import io.callscheduler.emulators.SecretsManagerEmulator;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.emulators.usage.AwsUsage;
import io.callscheduler.localcloud.data.DataFolder;
import io.callscheduler.localcloud.template.SamTemplate;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.function.Consumer;

import static io.callscheduler.localcloud.LocalCloud.ACCOUNT;
import static io.callscheduler.localcloud.LocalCloud.REGION;

/**
 * One endpoint for the AWS services, as LocalStack's :4566: DynamoDB passed through to DynamoDB Local, an
 * EventBridge Scheduler that fires, Lambda, SQS and Secrets Manager, each keeping its state in the data
 * directory; with the template's queues and schedule groups created.
 */
final class LocalAwsServices {
    /** How long Lambda waits before retrying a failed asynchronous invocation (a minute or two on AWS). */
    private static final Duration ASYNC_RETRY_DELAY = Duration.ofSeconds(5);

    final SchedulerEmulator scheduler;
    final LambdaEmulator lambda;
    final SqsEmulator sqs;
    final AwsEndpoint endpoint;
    /** What the endpoint requires (--require-aws-credentials), or null when it takes any. */
    final AwsEndpoint.Credentials credentials;

    private LocalAwsServices(SchedulerEmulator scheduler, LambdaEmulator lambda, SqsEmulator sqs, AwsEndpoint endpoint,
                             AwsEndpoint.Credentials credentials) {
        this.scheduler = scheduler;
        this.lambda = lambda;
        this.sqs = sqs;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /**
     * Starts the emulators and the endpoint, each pushed onto {@code resources} as soon as it runs so that a
     * failed start stops them.
     */
    static LocalAwsServices start(LocalCloudOptions options, LocalPorts ports, DataFolder folder, SamTemplate template,
                                  URI dynamoDbLocal, AwsUsage usage, Deque<AutoCloseable> resources,
                                  Consumer<String> step) throws IOException {
        step.accept("Starting the AWS endpoint on port " + options.awsPort() + " (DynamoDB, Scheduler, Lambda, SQS, Secrets Manager)");
        SchedulerEmulator scheduler = new SchedulerEmulator(REGION, ACCOUNT, folder.folder("scheduler"), Clock.systemUTC());
        scheduler.fireWithinTheMinute(options.awsSchedulerTiming());
        scheduler.meteredBy(usage);
        resources.push(scheduler);
        LambdaEmulator lambda = new LambdaEmulator(REGION, ACCOUNT, ASYNC_RETRY_DELAY).meteredBy(usage);
        resources.push(lambda);
        SqsEmulator sqs = new SqsEmulator(REGION, ACCOUNT, "http://localhost:" + options.awsPort(), folder.folder("sqs"),
                Clock.systemUTC()).meteredBy(usage);
        template.queues().values().forEach(sqs::createQueue); // all first: a redrive policy names another queue
        template.queues().forEach((logicalId, name) -> sqs.createQueue(name, template.queueAttributes(logicalId)));
        template.scheduleGroups().forEach(scheduler::ensureGroup);
        AwsEndpoint endpoint = ports.bind("--aws-port", options.awsPort(), () -> AwsEndpoint.start(options.host(), options.awsPort()));
        resources.push(endpoint);
        AwsEndpoint.Credentials credentials = null;
        if (options.requireAwsCredentials()) {
            Path data = folder.path();
            credentials = LocalAwsCredentials.loadOrCreate(data);
            endpoint.requireCredentials(credentials);
            step.accept("The AWS endpoint requires access key " + credentials.accessKeyId() + " (--require-aws-credentials);"
                    + " kept in " + data.resolve(LocalAwsCredentials.FILE_NAME));
        }
        endpoint.mount(new DynamoDbProxy(dynamoDbLocal)).mount(scheduler).mount(lambda).mount(sqs)
                .mount(new SecretsManagerEmulator(REGION, ACCOUNT, folder.folder("secretsmanager"), Clock.systemUTC())
                        .meteredBy(usage));
        return new LocalAwsServices(scheduler, lambda, sqs, endpoint, credentials);
    }
}
