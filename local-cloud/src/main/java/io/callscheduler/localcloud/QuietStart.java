package io.callscheduler.localcloud;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Runs a noisy start (DynamoDB Local prints its configuration and SLF4J warnings) with its output held
 * back, and shows that output only if the start fails.
 */
final class QuietStart {
    private QuietStart() {
    }

    static synchronized <T> T quietly(Callable<T> noisyStart) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        PrintStream holder = new PrintStream(held, true, StandardCharsets.UTF_8);
        System.setOut(holder);
        System.setErr(holder);
        try {
            return noisyStart.call();
        } catch (Exception e) {
            err.print(held.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
