package io.callscheduler.snapstart;

import java.security.SecureRandom;

/**
 * Random numbers for jitter that differ between containers restored from one SnapStart snapshot. {@code
 * ThreadLocalRandom} and {@code java.util.Random} seeded before the snapshot give every restored container the same
 * sequence (AWS's SnapStart uniqueness guidance), so the retries that jitter should spread out would fire together. The
 * JDK's default {@link SecureRandom} on Linux (NativePRNG) mixes fresh bytes from the OS into every call.
 */
public final class RestoreSafeRandom {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RestoreSafeRandom() {
    }

    /** Uniform in [0, 1). */
    public static double nextDouble() {
        return RANDOM.nextDouble();
    }

    /** Uniform in [0, bound). */
    public static long nextLong(long bound) {
        return (long) Math.floor(RANDOM.nextDouble() * bound);
    }
}
