package io.callscheduler.testing;

import io.callscheduler.config.Services;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.entrypoints.DispatchHandler;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One instance of the application for one test class: its own table and schedule group on the shared
 * local endpoints, the Call API stubbed, and the dispatch function registered with the Lambda emulator,
 * running the real handler. Everything is built by the production wiring ({@link Services}) from an
 * environment like the one template.yaml gives the functions. Registered as a JUnit extension
 * ({@code @RegisterExtension static final AppUnderTest app = new AppUnderTest();}), it is closed after the class.
 */
public final class AppUnderTest implements AutoCloseable, AfterAllCallback {
    public final LocalAws aws = LocalAws.get();
    public final CallApiStub callApi = new CallApiStub();
    public final String table = aws.newCallsTable();
    public final String group = aws.newScheduleGroup();
    public final String dispatchFunction = LocalAws.uniqueName("dispatch");
    public final Map<String, String> environment;
    /** Every payload the dispatch function received, in order. */
    public final List<String> dispatchEvents = new CopyOnWriteArrayList<>();

    public AppUnderTest() {
        environment = aws.functionEnvironment(table, group, dispatchFunction, callApi.url());
        var handler = new DispatchHandler(environment);
        aws.lambda.register(new LambdaEmulator.FunctionInfo(dispatchFunction, "DispatchHandler", "java21", 1024, 120,
                environment), payload -> {
            dispatchEvents.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload), out, new TestContext(dispatchFunction, 120_000));
            return out.toByteArray();
        });
    }

    public Services services() {
        return Services.forEnvironment(environment);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        callApi.close();
    }
}
