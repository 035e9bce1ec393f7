package io.callscheduler.localcloud.deploy;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Skips a test class that needs Docker where there is no Docker engine, and says so on the build's
 * output: Maven's summary alone would show only "Skipped: 5", not why.
 */
final class SkipReportedWithoutDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker is available");
        }
        String reason = context.getDisplayName() + " skipped: no Docker engine found (Testcontainers needs one"
                + " to start LocalStack). The same scenarios ran on the local cloud (LocalCloudEndToEndTest) and on the"
                + " LocalStack setup with moto in LocalStack's place (LocalStackPathOnMotoTest).";
        System.out.println("[SKIPPED] " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
