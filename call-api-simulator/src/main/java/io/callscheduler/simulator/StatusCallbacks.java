package io.callscheduler.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Posts status callbacks at the moments a call reaches each status, as providers do, for both APIs the
 * simulator serves. The {@code callbackLossRate} knob drops a share of them, as an unreachable webhook would.
 */
final class StatusCallbacks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatusCallbacks.class.getName());

    /** One callback: where it goes, its headers (signature included) and its body. */
    record Callback(URI url, Map<String, String> headers, String body) {
    }

    private final Supplier<SimulatorSettings> settings;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "status-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    StatusCallbacks(Supplier<SimulatorSettings> settings) {
        this.settings = settings;
    }

    /** Builds and posts a callback after {@code delayMs}; built then, so that it describes the call at that moment. */
    void schedule(long delayMs, Supplier<Callback> callback) {
        executor.schedule(() -> post(callback.get()), delayMs, TimeUnit.MILLISECONDS);
    }

    private void post(Callback callback) {
        if (ThreadLocalRandom.current().nextDouble() < settings.get().callbackLossRate()) {
            return; // lost on the way, as the knob asks
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(callback.url()).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(callback.body()));
        callback.headers().forEach(request::header);
        try {
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "status callback to " + callback.url() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
