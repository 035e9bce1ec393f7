package io.callscheduler.snapstart;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The SDK clients' credentials provider, re-created after a SnapStart restore: a provider caches the
 * credentials it resolved and when they expire, and a snapshot would hand that cache (and the connection it
 * fetched them over) to every restored environment. A fresh provider resolves again on first use.
 */
public final class RenewableCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
    private final Supplier<? extends AwsCredentialsProvider> factory;
    private volatile AwsCredentialsProvider current;

    public RenewableCredentials(Supplier<? extends AwsCredentialsProvider> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.current = Objects.requireNonNull(factory.get(), "provider");
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.resolveCredentials();
    }

    /** Drops the current provider and its cache; the next request resolves credentials anew. */
    public void renew() {
        AwsCredentialsProvider previous = current;
        current = Objects.requireNonNull(factory.get(), "provider");
        if (previous instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The provider in use, for tests. */
    AwsCredentialsProvider current() {
        return current;
    }

    @Override
    public void close() {
        if (current instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
