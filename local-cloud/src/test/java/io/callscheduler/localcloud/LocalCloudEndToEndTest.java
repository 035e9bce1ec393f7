package io.callscheduler.localcloud;

import io.callscheduler.localcloud.scenarios.CallSchedulerScenarios;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end-to-end scenarios on the embedded local cloud: schedules fire in the Scheduler emulator, the
 * dispatch function dials the simulator, status sync (every second here) follows calls to the end.
 */
class LocalCloudEndToEndTest extends CallSchedulerScenarios {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension();

    @Override
    protected DeployedApp app() {
        return cloud.app();
    }
}
