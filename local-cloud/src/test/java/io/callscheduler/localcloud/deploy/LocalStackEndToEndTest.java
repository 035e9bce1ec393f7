package io.callscheduler.localcloud.deploy;

import io.callscheduler.localcloud.scenarios.CallSchedulerScenarios;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

import java.nio.file.Path;

/**
 * The same end-to-end scenarios as {@code LocalCloudEndToEndTest}, on LocalStack in Docker (see
 * {@link LocalStackDeployment} for how it is set up). Without a Docker engine the class is skipped with its
 * reason printed, and the build stays green; this project's CI has no Docker engine.
 */
@ExtendWith(SkipReportedWithoutDocker.class) // first, so that its reason is the one reported
@Testcontainers(disabledWithoutDocker = true)
class LocalStackEndToEndTest extends CallSchedulerScenarios {
    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackDeployment.container();

    @TempDir
    static Path data;
    static LocalStackDeployment app;

    @BeforeAll
    static void deploy() throws Exception {
        app = LocalStackDeployment.start(LOCALSTACK.getEndpoint(), data);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Override
    protected DeployedApp app() {
        return app;
    }
}
