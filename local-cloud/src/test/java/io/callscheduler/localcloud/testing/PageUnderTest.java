package io.callscheduler.localcloud.testing;

import java.nio.file.Path;
import java.util.Map;

/** A local cloud and a browser to drive its page, started together for a browser test class and closed together. */
public record PageUnderTest(RunningCloud app, Chromium chromium) implements AutoCloseable {
    /** Fails the test, saying how to install it, when Chromium is missing; then starts the cloud and the browser. */
    public static PageUnderTest start(Path data, Map<String, String> parameterOverrides) {
        String executable = Chromium.require();
        RunningCloud app = RunningCloud.start(data, null, parameterOverrides);
        try {
            return new PageUnderTest(app, Chromium.launch(executable));
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            app.close();
        }
    }
}
