package io.callscheduler.snapstart;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Primes an SDK client's request path without the network: a priming client (same service, region and
 * endpoint as the real one, but placeholder credentials) marshals, resolves the endpoint and signs a request,
 * and an interceptor stops it just before it would be sent. The classes loaded and initialized on the way
 * are shared with the real clients; no connection is opened and no real credentials are fetched, so the
 * snapshot holds neither.
 */
public final class SdkPriming {
    /** Placeholder credentials: signing needs some, and fetching real ones would be a network call. */
    public static final AwsCredentialsProvider PLACEHOLDER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only"));

    private SdkPriming() {
    }

    /** For the priming client's builder: no retries, and every request stopped before transmission. */
    public static void neverSend(ClientOverrideConfiguration.Builder configuration) {
        configuration.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(new StopBeforeTransmission());
    }

    /** Runs a request of a priming client; its expected stop is swallowed, anything else is thrown. */
    public static void prime(Runnable request) {
        try {
            request.run();
        } catch (RuntimeException e) { // the SDK rethrows an interceptor's exception as it is, or wrapped
            if (!stoppedByPriming(e)) {
                throw e;
            }
        }
    }

    private static boolean stoppedByPriming(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSent) {
                return true;
            }
        }
        return false;
    }

    /** Thrown where the signed request would go on the wire. */
    static final class NotSent extends RuntimeException {
        NotSent() {
            super("SnapStart priming: request marshalled and signed, deliberately not sent", null, false, false);
        }
    }

    private static final class StopBeforeTransmission implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new NotSent();
        }
    }
}
