package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.callscheduler.config.Services;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.domain.sync.StatusSyncService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The status-sync function, run every minute by an EventBridge Scheduler {@code rate(1 minute)} schedule
 * (its input is ignored). Sweeps due calls, reclaims stuck dials and polls active calls, stopping in time
 * to return before the function's timeout; answers the run's counts as JSON.
 */
public final class StatusSyncHandler implements RequestStreamHandler {
    /** Time kept back from the function's remaining time, to record results and return. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);
    private final StatusSyncService sync;
    private final RecordedMetrics metrics;
    /**
     * The series' safety sweep: any active series without its pending occurrence gets it (a lost stream record, a
     * crash); given the deadline it must stop by, from the time sync.run left.
     */
    private final java.util.function.ToIntFunction<Instant> seriesSweep;
    /** Active series rolled per run at most. */
    static final int MAX_SERIES_SWEPT = 1000;

    public StatusSyncHandler() {
        this(System.getenv());
    }

    public StatusSyncHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private StatusSyncHandler(Services services) {
        this(services.statusSyncService(), services.metrics(),
                deadline -> services.series().roller().sweep(MAX_SERIES_SWEPT, deadline));
    }

    StatusSyncHandler(StatusSyncService sync, RecordedMetrics metrics) {
        this(sync, metrics, deadline -> 0);
    }

    StatusSyncHandler(StatusSyncService sync, RecordedMetrics metrics, java.util.function.ToIntFunction<Instant> seriesSweep) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.seriesSweep = Objects.requireNonNull(seriesSweep, "seriesSweep");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        StatusSyncService.Report report = InvocationLogging.around(context, java.util.Map.of(),
                () -> sync.run(Deadlines.fromContext(context, SAFETY_MARGIN, Duration.ofSeconds(60))));
        int seriesRolled = InvocationLogging.around(context, java.util.Map.of(), () -> seriesSweep.applyAsInt(
                Deadlines.fromContext(context, SAFETY_MARGIN, Duration.ofSeconds(60))));
        String json = CallJson.MAPPER.writeValueAsString(Map.of("seriesRolled", seriesRolled, "swept", report.swept(), "reclaimed", report.reclaimed(),
                "polled", report.polled(), "changed", report.changed(), "errors", report.errors(),
                "deferred", report.deferred(), "linesFreed", report.linesFreed()));
        output.write(json.getBytes(StandardCharsets.UTF_8));
        metrics.publish();
    }
}
