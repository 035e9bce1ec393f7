package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.callscheduler.config.DialWaiterServices;
import io.callscheduler.dialwaiter.DialWaiter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The dial waiter function (DialPrecision=second): invoked by a call's schedule with its {@code Target.Input},
 * it waits for the call's second and hands over to dispatch ({@link DialWaiter}), answering what dispatch
 * answered. A failed hand-over throws, so that the Scheduler and Lambda retry the trigger.
 */
public final class DialWaiterHandler implements RequestStreamHandler {
    private final DialWaiter waiter;

    public DialWaiterHandler() {
        this(System.getenv());
    }

    public DialWaiterHandler(Map<String, String> environment) {
        this(DialWaiterServices.dialWaiter(environment));
    }

    DialWaiterHandler(DialWaiter waiter) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(waiter.waitAndHandOver(input.readAllBytes()));
    }
}
