package io.callscheduler.logging;

/**
 * Starts Log4j and Powertools (their configuration, the JSON layout, the metrics library) on a background
 * thread while the function builds its SDK clients, instead of on the invocation's first log line: on a cold
 * start they load side by side rather than one after the other. Nothing waits for it; a failure here only
 * means the first line pays instead.
 */
public final class LoggingWarmUp {
    private static volatile Thread running;

    private LoggingWarmUp() {
    }

    /**
     * Waits for a started warm-up to end: before a SnapStart snapshot, so that the snapshot holds Log4j
     * started rather than a thread half-way through starting it. A warm-up that is not done in time is left.
     */
    public static void awaitDone(java.time.Duration atMost) {
        Thread warmUp = running;
        if (warmUp != null) {
            try {
                warmUp.join(atMost.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @param metricsWarmUp readies the metrics publisher too (builds it), on the same thread */
    public static void start(Runnable metricsWarmUp) {
        Thread warmUp = new Thread(() -> {
            try {
                // Builds the logger context from log4j2.xml: the layout, the appender, the MDC provider.
                org.apache.logging.log4j.LogManager.getContext(false);
                org.slf4j.MDC.getMDCAdapter();
                metricsWarmUp.run();
            } catch (LinkageError | RuntimeException e) {
                // not on the classpath (the benchmark's reference run), or not started: the first line will do it
            }
        }, "logging-warm-up");
        warmUp.setDaemon(true);
        running = warmUp;
        warmUp.start();
    }
}
