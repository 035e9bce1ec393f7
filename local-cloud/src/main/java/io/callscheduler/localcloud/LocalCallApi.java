package io.callscheduler.localcloud;

import io.callscheduler.localcloud.data.DataFolder;
import io.callscheduler.localcloud.data.LocalSecrets;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.SimulatorSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The Call API the functions dial through: the one configured (CALL_API_URL), else the simulator started
 * here with its data and secrets in the data directory (pushed onto {@code resources} once it runs).
 *
 * @param simulator the started simulator, or null when an external Call API is used
 */
record LocalCallApi(CallApiSimulator simulator, URI url) {

    static LocalCallApi start(LocalCloudOptions options, LocalPorts ports, DataFolder folder, LocalSecrets secrets,
                              Deque<AutoCloseable> resources, Consumer<String> step) throws IOException {
        if (options.callApiUrl() != null) {
            URI url = URI.create(options.callApiUrl());
            step.accept("Using the Call API at " + url + " (CALL_API_URL); the simulator is not started");
            return new LocalCallApi(null, url);
        }
        step.accept("Starting the Call API simulator on port " + options.callApiPort() + " (its Twilio token and the"
                + " callback secret kept in " + folder.path().resolve(LocalSecrets.FILE_NAME) + ")");
        Path simulatorData = folder.folder("simulator");
        CallApiSimulator simulator = ports.bind("--call-api-port", options.callApiPort(), () -> CallApiSimulator.start(
                options.host(), options.callApiPort(), simulatorData, SimulatorSettings.DEFAULTS,
                secrets.forSimulator(System.getenv())));
        resources.push(simulator);
        return new LocalCallApi(simulator, simulator.uri());
    }
}
