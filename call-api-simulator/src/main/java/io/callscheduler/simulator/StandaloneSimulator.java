package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.simulator.receiver.WebhookReceiver;

import java.nio.file.Path;
import java.util.Map;

import static io.callscheduler.simulator.CallApiSimulator.JSON;

/**
 * The simulator run on its own (see {@link CallApiSimulator#main}): its options, and what it says at start.
 */
final class StandaloneSimulator {
    private StandaloneSimulator() {
    }

    static void run(String[] args) throws Exception {
        CommandLine options;
        try {
            options = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: call-api-simulator [--host 127.0.0.1] [--port 5000] [--data-dir DIR] [--set name=value ...]");
            System.exit(2);
            return;
        }
        Map<String, String> environment = System.getenv();
        CallApiSimulator.Secrets secrets = CallApiSimulator.Secrets.fromEnvironment(environment);
        CallApiSimulator simulator;
        try {
            simulator = CallApiSimulator.start(options.host(), options.port(), options.dataDirectory(), options.settings(), secrets);
        } catch (java.net.BindException e) {
            System.err.println("error: port " + options.port() + " is already in use; choose another with --port");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("Call API simulator listening on " + simulator.address() + " (settings: " + simulator.settings().toJson() + ")");
        System.out.println("Webhook receiver: register " + simulator.uri().resolve(WebhookReceiver.PREFIX)
                + " as an endpoint; what it received: " + simulator.uri().resolve(WebhookReceiver.KNOBS_PREFIX + "/received"));
        System.out.print(generatedSecretsNotice(environment, secrets));
        Thread.currentThread().join();
    }

    /**
     * Secrets made for this run, said once so that the functions can be given them; nothing for those the
     * environment chose (their owner knows them).
     */
    static String generatedSecretsNotice(Map<String, String> environment, CallApiSimulator.Secrets secrets) {
        StringBuilder notice = new StringBuilder();
        if (isBlank(environment.get("TWILIO_AUTH_TOKEN")) || isBlank(environment.get("TWILIO_ACCOUNT_SID"))) {
            notice.append("Twilio API: account ").append(secrets.twilio().accountSid()).append(", auth token ")
                    .append(secrets.twilio().authToken())
                    .append(" (generated for this run; set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to choose them)\n");
        }
        if (isBlank(environment.get("CALL_API_CALLBACK_SECRET"))) {
            notice.append("Callback secret: ").append(secrets.callbackSecret())
                    .append(" (generated for this run; set CALL_API_CALLBACK_SECRET to choose it)\n");
        }
        return notice.toString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The standalone simulator's options; loopback unless {@code --host} says otherwise. */
    record CommandLine(String host, int port, Path dataDirectory, SimulatorSettings settings) {
        static CommandLine parse(String... args) {
            int port = 5000;
            String host = "127.0.0.1";
            Path dataDirectory = null;
            ObjectNode changes = JSON.createObjectNode();
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--host" -> host = args[++i];
                    case "--data-dir" -> dataDirectory = Path.of(args[++i]);
                    case "--set" -> {
                        String[] pair = args[++i].split("=", 2);
                        changes.put(pair[0], pair[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new CommandLine(host, port, dataDirectory, SimulatorSettings.DEFAULTS.with(changes));
        }
    }
}
