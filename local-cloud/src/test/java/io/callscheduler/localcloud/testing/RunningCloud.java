package io.callscheduler.localcloud.testing;

import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.localcloud.LocalCloud;
import io.callscheduler.localcloud.LocalCloudOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A local cloud started in the test JVM on free ports, with its data in a given directory, status sync
 * every second, and either its own Call API simulator (sped up) or an external Call API. Talks to it over
 * real HTTP only, as a user would.
 */
public final class RunningCloud extends DeployedApp {
    public final LocalCloud cloud;

    private RunningCloud(LocalCloud cloud) {
        super(cloud.apiUrl(), cloud.callApiUrl());
        this.cloud = cloud;
        useApiKey(cloud.apiUrl(), cloud.apiKey());
    }

    @Override
    public boolean hasSchedule(String callId) {
        return cloud.scheduler().scheduleKeys().contains(cloud.template().scheduleGroups().get(0) + "/call-" + callId);
    }

    @Override
    public boolean schedulesFire() {
        return true;
    }

    /** The Scheduler emulator fires at the second, like the real one's at() with FlexibleTimeWindow OFF. */
    @Override
    public Duration dialLateness() {
        return Duration.ofMillis(1500);
    }

    @Override
    public Duration callNowLatency() {
        return Duration.ofSeconds(2);
    }

    /** @param callApiUrl an external Call API, or null for the cloud's own simulator */
    public static RunningCloud start(Path dataDir, String callApiUrl) {
        return start(dataDir, callApiUrl, Map.of());
    }

    /** @param parameterOverrides template parameters, as {@code --parameter-overrides} gives them */
    public static RunningCloud start(Path dataDir, String callApiUrl, Map<String, String> parameterOverrides) {
        return start(dataDir, callApiUrl, parameterOverrides, false);
    }

    /** @param awsSchedulerTiming whether at() schedules fire somewhere within their minute, as on AWS */
    public static RunningCloud start(Path dataDir, String callApiUrl, Map<String, String> parameterOverrides,
                                     boolean awsSchedulerTiming) {
        return start(dataDir, callApiUrl, parameterOverrides, awsSchedulerTiming, Duration.ofSeconds(1));
    }

    /** @param statusSyncEvery how often the status sync runs (long, to keep it out of what a test counts) */
    public static RunningCloud start(Path dataDir, String callApiUrl, Map<String, String> parameterOverrides,
                                     boolean awsSchedulerTiming, Duration statusSyncEvery) {
        return start(dataDir, callApiUrl, parameterOverrides, awsSchedulerTiming, statusSyncEvery, UnaryOperator.identity());
    }

    /** With its own simulator, and the options changed as {@code change} says (e.g. a flag no other test needs). */
    public static RunningCloud startWith(Path dataDir, UnaryOperator<LocalCloudOptions> change) {
        return start(dataDir, null, Map.of(), false, Duration.ofSeconds(1), change);
    }

    private static RunningCloud start(Path dataDir, String callApiUrl, Map<String, String> parameterOverrides,
                                      boolean awsSchedulerTiming, Duration statusSyncEvery,
                                      UnaryOperator<LocalCloudOptions> change) {
        try {
            LocalCloudOptions options = LocalCloudOptions.defaults(Map.of())
                    .withPorts(DynamoDbLocalServer.freePort(), DynamoDbLocalServer.freePort(),
                            DynamoDbLocalServer.freePort(), DynamoDbLocalServer.freePort())
                    .withDataDir(dataDir)
                    .withCallApiUrl(callApiUrl)
                    .withStatusSyncEvery(statusSyncEvery)
                    .withParameterOverrides(parameterOverrides)
                    .withAwsSchedulerTiming(awsSchedulerTiming);
            RunningCloud running = new RunningCloud(LocalCloud.start(change.apply(options), new PrintStream(System.out, true)));
            if (callApiUrl == null) {
                running.configureSimulator(QUICK_CALLS);
            }
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        useApiKey(cloud.apiUrl(), null);
        cloud.close();
    }
}
