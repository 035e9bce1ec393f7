package io.callscheduler.emulators;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared endpoint's credentials: any by default (LocalStack's convention), or, once required, only
 * requests the real SDK signed with that key pair, the signature verified.
 */
class AwsEndpointCredentialsTest {
    private static final AwsEndpoint.Credentials REQUIRED = new AwsEndpoint.Credentials("LKIAEXAMPLE234567ABC",
            "s3cr3tExampleKeyOfFortyCharacters0123456");
    private final List<String> invocations = new CopyOnWriteArrayList<>();
    private LambdaEmulator lambda;
    private SchedulerEmulator scheduler;
    private AwsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        lambda = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(50));
        lambda.register(new LambdaEmulator.FunctionInfo("create", "x.Create::handleRequest", "java21", 512, 10, Map.of()),
                payload -> {
                    invocations.add(new String(payload, StandardCharsets.UTF_8));
                    return payload;
                });
        scheduler = new SchedulerEmulator("us-east-1", "000000000000", null, Clock.systemUTC());
        endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(lambda).mount(scheduler);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        scheduler.close();
        lambda.close();
    }

    @Test
    void anyCredentialsDoByDefault() {
        try (LambdaClient client = Sdk.lambda(endpoint.uri(), "anything", "at-all")) {
            client.invoke(r -> r.functionName("create").payload(SdkBytes.fromUtf8String("{}")));
        }
        assertThat(invocations).hasSize(1);
    }

    @Test
    void onceRequiredAnotherAccessKeyIsRefusedAndNothingRuns() {
        endpoint.requireCredentials(REQUIRED);

        assertInvokeRefused("test", "test", "UnrecognizedClientException");
    }

    @Test
    void onceRequiredTheRightKeyWithAWrongSecretIsRefused() {
        endpoint.requireCredentials(REQUIRED);

        assertInvokeRefused(REQUIRED.accessKeyId(), "not-the-secret", "InvalidSignatureException");
    }

    /** Paths with an ARN's colons, a query, a JSON body: each part of the signature is rebuilt as the SDK made it. */
    @Test
    void onceRequiredTheRequiredPairWorksForEveryKindOfRequest() {
        endpoint.requireCredentials(REQUIRED);

        try (LambdaClient client = Sdk.lambda(endpoint.uri(), REQUIRED.accessKeyId(), REQUIRED.secretAccessKey());
             SchedulerClient schedules = Sdk.scheduler(endpoint.uri(), REQUIRED.accessKeyId(), REQUIRED.secretAccessKey())) {
            var byArn = client.invoke(r -> r.functionName(lambda.arnOf("create")).payload(SdkBytes.fromUtf8String("{\"a\":\"b c\"}")));
            assertThat(byArn.payload().asUtf8String()).isEqualTo("{\"a\":\"b c\"}");
            assertThatThrownBy(() -> schedules.getSchedule(r -> r.name("call-no.such_one").groupName("calls group")))
                    .as("signed and answered: the schedule is just not there").isInstanceOf(ResourceNotFoundException.class);
            assertThat(schedules.listSchedules(r -> r.namePrefix("call-").maxResults(10)).schedules()).isEmpty();
        }
        assertThat(invocations).hasSize(1);
    }

    /** An Invoke signed with this pair answers 403 with {@code errorCode}, and runs nothing. */
    private void assertInvokeRefused(String accessKeyId, String secretAccessKey, String errorCode) {
        try (LambdaClient client = Sdk.lambda(endpoint.uri(), accessKeyId, secretAccessKey)) {
            assertThatThrownBy(() -> client.invoke(r -> r.functionName("create").payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
                    });
        }
        assertThat(invocations).isEmpty();
    }
}
