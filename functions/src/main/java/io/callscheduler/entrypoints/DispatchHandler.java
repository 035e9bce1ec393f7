package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.callscheduler.config.Services;
import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.metrics.RecordedMetrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The dispatch function: invoked by a call's schedule (its {@code Target.Input}), by "call now" and by the
 * status-sync sweeper, with the event {@link DispatchEvents} describes. Answers {@code {"outcome": ...}}.
 * A malformed event is logged and answered INVALID (retrying it cannot help); a failing dependency throws,
 * so that the Scheduler or Lambda retries the delivery.
 */
public final class DispatchHandler implements RequestStreamHandler {
    private static final System.Logger LOG = System.getLogger(DispatchHandler.class.getName());
    private final DispatchService dispatch;
    private final RecordedMetrics metrics;

    public DispatchHandler() {
        this(System.getenv());
    }

    public DispatchHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private DispatchHandler(Services services) {
        this(services.dispatchService(), services.metrics());
    }

    DispatchHandler(DispatchService dispatch, RecordedMetrics metrics) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Kept back from the function's remaining time to record the result: no dial attempt may outlive it. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        String outcome = InvocationLogging.around(context, DispatchEvents.logFields(event), () -> {
            try {
                DispatchRequest request = DispatchEvents.fromJson(event);
                String dispatched = dispatch.dispatch(request, Deadlines.fromContext(context, SAFETY_MARGIN, null)).name();
                LOG.log(System.Logger.Level.INFO, "dispatch (" + request.source() + "): " + dispatched);
                return dispatched;
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring malformed dispatch event: " + e.getMessage());
                return "INVALID";
            }
        });
        output.write(("{\"outcome\":\"" + outcome + "\"}").getBytes(StandardCharsets.UTF_8));
        metrics.publish(); // after the dial: publishing never makes a call late
    }
}
