package io.callscheduler.localcloud;

import io.callscheduler.localcloud.scenarios.CallSchedulerScenarios;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The end-to-end scenarios on the embedded local cloud: schedules fire in the Scheduler emulator, the
 * dispatch function dials the simulator, status sync (every second here) follows calls to the end.
 */
class LocalCloudEndToEndTest extends CallSchedulerScenarios {
    @TempDir
    static Path data;
    static RunningCloud app;

    @BeforeAll
    static void start() {
        app = RunningCloud.start(data, null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Override
    protected DeployedApp app() {
        return app;
    }
}
