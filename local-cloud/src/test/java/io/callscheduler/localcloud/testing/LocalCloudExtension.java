package io.callscheduler.localcloud.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One local cloud for a whole test class ({@code @RegisterExtension static}): started before its first test
 * with its own simulator and a fresh data directory, stopped and removed after its last.
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> parameterOverrides;
    private boolean awsSchedulerTiming;
    private Path data;
    private RunningCloud app;

    public LocalCloudExtension() {
        this(Map.of());
    }

    /** @param parameterOverrides template parameters, as {@code --parameter-overrides} gives them */
    public LocalCloudExtension(Map<String, String> parameterOverrides) {
        this.parameterOverrides = Map.copyOf(parameterOverrides);
    }

    /** The cloud's at() schedules fire somewhere within their minute, as on AWS ({@code --scheduler-timing aws}). */
    public LocalCloudExtension withAwsSchedulerTiming() {
        this.awsSchedulerTiming = true;
        return this;
    }

    public RunningCloud app() {
        if (app == null) {
            throw new IllegalStateException("the local cloud starts before the class's first test");
        }
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("local-cloud-test");
        app = RunningCloud.start(data, null, parameterOverrides, awsSchedulerTiming);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (app != null) {
            app.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
