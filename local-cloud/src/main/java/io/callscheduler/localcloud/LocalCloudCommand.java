package io.callscheduler.localcloud;

import io.callscheduler.localcloud.LocalCloud.LocalCloudException;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code ./local-cloud.sh [options]}: see {@link LocalCloudOptions#USAGE}. Runs until Ctrl-C or SIGTERM. */
final class LocalCloudCommand {
    private LocalCloudCommand() {
    }

    static void run(String[] args) {
        LocalCloudOptions options;
        try {
            options = LocalCloudOptions.parse(Arrays.asList(args), System.getenv());
        } catch (LocalCloudOptions.UsageException e) {
            if (e.getMessage().isEmpty()) {
                System.out.print(LocalCloudOptions.USAGE);
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage());
            System.err.print(LocalCloudOptions.USAGE);
            System.exit(2);
            return;
        }
        // Before anything logs: text for a person (log4j2-local.xml), or the functions' JSON as on AWS.
        System.setProperty("log4j2.configurationFile", options.logFormatJson() ? "log4j2.xml" : "log4j2-local.xml");
        // Started now, while System.out is the terminal: its console must not be the stream held back while
        // DynamoDB Local starts (QuietStart).
        System.getLogger(LocalCloud.class.getName()).isLoggable(System.Logger.Level.INFO);
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options, System.out);
        } catch (LocalCloudException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            cloud.close();
            System.out.println("Local cloud stopped; data kept in " + options.dataDir().toAbsolutePath().normalize());
        }, "local-cloud-shutdown"));
        System.out.print(cloud.banner());
        try {
            new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM runs the hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
