package io.callscheduler.localcloud.deploy;

import io.callscheduler.localcloud.scenarios.CallSchedulerScenarios;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The LocalStack setup without Docker: moto's server stands in for LocalStack. LocalStack's Scheduler is
 * moto's (it adds a check of the schedule expression), so here too schedules are stored and never fire. The same init hook creates the resources through the AWS CLI, the
 * functions run with {@code env.json}, and the shared scenarios run with every dial coming from the status
 * sync's sweep. It proves the LocalStack path's logic on every build; {@link LocalStackEndToEndTest} proves
 * it on LocalStack itself where Docker is available.
 */
class LocalStackPathOnMotoTest extends CallSchedulerScenarios {
    @TempDir
    static Path data;
    static AwsTools.Moto moto;
    static LocalStackDeployment app;

    @BeforeAll
    static void deploy() throws Exception {
        moto = AwsTools.Moto.start();
        AwsTools.runInitHook(moto.uri);
        app = LocalStackDeployment.start(moto.uri, data);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    protected DeployedApp app() {
        return app;
    }
}
