package io.callscheduler.snapstart;

import io.callscheduler.config.Services;
import org.crac.RestoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SnapStart hooks, called directly as Lambda's CRaC runtime would call them around a snapshot. */
class SnapStartHooksTest {

    @Test
    void primingSignsARequestButNeverSendsIt() throws Exception {
        AtomicReference<SdkHttpRequest> reached = new AtomicReference<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                reached.set(context.httpRequest());
            }
        };
        try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DynamoDbClient priming = DynamoDbClient.builder().region(Region.US_EAST_1)
                     .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.getLocalPort()))
                     .credentialsProvider(SdkPriming.PLACEHOLDER_CREDENTIALS)
                     .overrideConfiguration(c -> c.addExecutionInterceptor(recorder).applyMutation(SdkPriming::neverSend))
                     .build()) {
            SdkPriming.prime(() -> priming.getItem(r -> r.tableName("t").key(Map.of("id", AttributeValue.fromS("x")))));

            assertThat(reached.get()).as("the request got as far as the wire").isNotNull();
            assertThat(reached.get().firstMatchingHeader("Authorization")).hasValueSatisfying(
                    auth -> assertThat(auth).contains("Credential=AKIAPRIMINGONLY00000/"));
            assertNoConnection(endpoint);
        }
    }

    @Test
    void theServicesPrimingOpensNoConnectionAndLetsTheLoggingWarmUpFinish() throws Exception {
        try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getLocalPort(),
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "TABLE_NAME", "calls");
            SnapStartHooks hooks = Services.forEnvironment(env).snapStartHooks();
            hooks.beforeCheckpoint(null);
            assertThat(hooks.primingFailures()).isZero();
            assertNoConnection(endpoint);
            hooks.afterRestore(null);
        }
    }

    @Test
    void afterRestoreTheCredentialsAreResolvedByANewProvider() throws Exception {
        List<CountingProvider> built = new ArrayList<>();
        RenewableCredentials credentials = new RenewableCredentials(() -> {
            CountingProvider provider = new CountingProvider("key-" + built.size());
            built.add(provider);
            return provider;
        });
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("key-0");

        new SnapStartHooks(List.of(), List.of(credentials::renew)).afterRestore(null);

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("key-1");
        assertThat(built).hasSize(2);
        assertThat(built.get(0).closed).as("the snapshot's provider, with its cache, is closed").isTrue();
        assertThat(built.get(1).closed).isFalse();
    }

    @Test
    void aFailedPrimingStepStillLetsTheSnapshotBeTaken() {
        AtomicInteger ran = new AtomicInteger();
        SnapStartHooks hooks = new SnapStartHooks(List.of(() -> {
            throw new IllegalStateException("no");
        }, ran::incrementAndGet), List.of());
        hooks.beforeCheckpoint(null);
        assertThat(ran).hasValue(1);
        assertThat(hooks.primingFailures()).isOne();
    }

    @Test
    void everyRenewalRunsAndAFailedOneFailsTheRestore() {
        AtomicInteger ran = new AtomicInteger();
        SnapStartHooks hooks = new SnapStartHooks(List.of(), List.of(() -> {
            throw new IllegalStateException("credentials endpoint missing");
        }, ran::incrementAndGet));
        assertThatThrownBy(() -> hooks.afterRestore(null)).isInstanceOf(RestoreException.class)
                .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessage("credentials endpoint missing"));
        assertThat(ran).hasValue(1);
    }

    /**
     * Call ids are UUID.randomUUID(), drawn from the JDK's default SecureRandom: on Linux NativePRNG, which
     * mixes fresh bytes from /dev/urandom into every call, so restored copies do not repeat each other's ids.
     */
    @Test
    void callIdsComeFromASecureRandomThatReadsTheOsOnEveryCall() {
        assertThat(new SecureRandom().getAlgorithm()).isEqualTo("NativePRNG");
    }

    /** A connection, had one been attempted, would already be in the backlog: connect() is synchronous. */
    private static void assertNoConnection(ServerSocket endpoint) throws Exception {
        endpoint.setSoTimeout(100);
        assertThatThrownBy(endpoint::accept).isInstanceOf(SocketTimeoutException.class);
    }

    private static final class CountingProvider implements AwsCredentialsProvider, SdkAutoCloseable {
        private final AwsCredentialsProvider delegate;
        private volatile boolean closed;

        CountingProvider(String key) {
            delegate = StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "secret"));
        }

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            return delegate.resolveCredentials();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
