package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a dialed call costs on AWS, from the local cloud's own counters ({@code /_local/usage}): N calls are
 * created (due 3 s apart), dialed through their schedules and called back (ringing, answered, completed), each phase read
 * apart, in one local cloud per configuration: DialPrecision minute and second (the Scheduler then fires within
 * the minute as on AWS, and dispatch waits for the second), each with pacing and lines off and on. The usage is
 * priced at {@link AwsPrices} beside a one-minute US call through Twilio.
 */
final class CostMeasurements {
    /** Rings long after the burst's last dial, so that the dial phase ends before the first callback. */
    private static final String SIMULATOR = "{\"latencyMs\":0,\"ringAfterMs\":75000,\"answerAfterMs\":500,\"talkMs\":1000,"
            + "\"busyShare\":0,\"noAnswerShare\":0,\"failedShare\":0}";
    /**
     * Between one call's time and the next, so that 20 calls span a minute: with second, how long dispatch waits
     * depends on where a call's time falls in its minute (the schedule fires anywhere within the minute before),
     * so calls spread over a whole minute give the average wait, about a minute, where calls close together
     * gave 33 or 74 GB-s a call. Far below the pacing's rate, so that the pacing holds nothing back (the pacing
     * row of the table measures a burst).
     */
    private static final Duration SPACING = Duration.ofSeconds(3);
    private static final Duration CALLBACKS_DONE = Duration.ofSeconds(80);
    private static final List<String> PACING_AND_LINES_ON = List.of("MaxCallsPerSecond=5", "MaxConcurrentCalls=50");
    private static final List<String> PACING_AND_LINES_OFF = List.of("MaxCallsPerSecond=0", "MaxConcurrentCalls=0");

    private final Report report;

    CostMeasurements(Report report) {
        this.report = report;
    }

    /** Both precisions, each with pacing and lines off and on side by side (two clouds at a time). */
    void costs(int calls) throws Exception {
        Report.progress("AWS cost per call: " + calls + " calls in each of four clouds (minute and second, pacing and lines "
                + "off and on), about seven minutes");
        pair(calls, false);
        pair(calls, true);
    }

    private void pair(int calls, boolean second) throws Exception {
        List<String> options = second ? List.of("--scheduler-timing", "aws") : List.of();
        String precision = "DialPrecision=" + (second ? "second" : "minute");
        try (CloudProcess off = CloudProcess.start(Files.createTempDirectory("benchmark-cost"), options, with(precision, PACING_AND_LINES_OFF));
             CloudProcess on = CloudProcess.start(Files.createTempDirectory("benchmark-cost"), options, with(precision, PACING_AND_LINES_ON))) {
            // Beyond the schedule's lead (a minute and the claim lead with second) and the immediate window.
            Instant due = Instant.now().plusSeconds(second ? 90 : 20).truncatedTo(ChronoUnit.SECONDS);
            Run withoutRules = new Run(new LocalCloudClient(off), precision + ", pacing and lines off", false);
            Run withRules = new Run(new LocalCloudClient(on), precision + ", pacing (5/s) and lines on", true);
            // Created before this, a call goes through its schedule rather than being dispatched at once.
            Instant scheduledBefore = due.minusSeconds(second ? 62 + 5 : 2 + 5);
            withoutRules.create(calls, due, scheduledBefore);
            withRules.create(calls, due, scheduledBefore);
            Instant deadline = due.plus(SPACING.multipliedBy(calls)).plusSeconds(120);
            withoutRules.awaitDials(deadline);
            withRules.awaitDials(deadline);
            withoutRules.awaitCallbacks();
            withRules.awaitCallbacks();
            withoutRules.report(second);
            withRules.report(second);
        }
    }

    private static List<String> with(String precision, List<String> rules) {
        List<String> parameters = new ArrayList<>(rules);
        parameters.add(precision);
        return parameters;
    }

    /** One cloud's calls and its three readings between the phases. */
    private final class Run {
        private final LocalCloudClient client;
        private final String name;
        private final boolean rulesOn;
        private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        private JsonNode start;
        private JsonNode created;
        private JsonNode dialed;
        private JsonNode calledBack;
        private Instant lastDial;

        Run(LocalCloudClient client, String name, boolean rulesOn) {
            this.client = client;
            this.name = name;
            this.rulesOn = rulesOn;
        }

        void create(int calls, Instant due, Instant scheduledBefore) throws Exception {
            client.configureSimulator(SIMULATOR);
            start = Usage.read(client);
            Load.parallel(calls, 8, i -> ids.add(client.createCall(client.nextNumber(), due.plus(SPACING.multipliedBy(i)))
                    .path("id").asText()));
            if (Instant.now().isAfter(scheduledBefore)) {
                throw new IllegalStateException("creating the calls took too long for them all to be scheduled; lead time too short");
            }
            created = Usage.read(client);
        }

        void awaitDials(Instant deadline) throws Exception {
            Lateness lateness = Lateness.await(client, ids, Instant.now(), deadline);
            if (!lateness.exact()) {
                throw new IllegalStateException(name + ": " + lateness.missed() + " missed, " + lateness.duplicates() + " duplicates");
            }
            lastDial = client.dialsByCall().values().stream().map(dial -> Instant.parse(dial.path("firstPlacedAt").asText()))
                    .max(Instant::compareTo).orElseThrow();
            dialed = awaitQuiet(lastDial.plusSeconds(1));
            if (Usage.between(created, dialed).apiRequests() > 0) {
                throw new IllegalStateException(name + ": a callback came before the dials were over; ring later");
            }
        }

        void awaitCallbacks() throws Exception {
            calledBack = awaitQuiet(lastDial.plus(CALLBACKS_DONE));
        }

        /** The counters once nothing has changed for two readings a second apart, not before {@code notBefore}. */
        private JsonNode awaitQuiet(Instant notBefore) throws InterruptedException {
            JsonNode previous = Usage.read(client);
            while (true) {
                Thread.sleep(1000); // polling the counters until they settle
                JsonNode now = Usage.read(client);
                if (now.equals(previous) && Instant.now().isAfter(notBefore)) {
                    return now;
                }
                previous = now;
            }
        }

        void report(boolean second) {
            int calls = ids.size();
            Usage total = Usage.between(start, calledBack).per(calls);
            Usage create = Usage.between(start, created).per(calls);
            Usage dial = Usage.between(created, dialed).per(calls);
            Usage callbacks = Usage.between(dialed, calledBack).per(calls);
            double perThousand = total.dollars() * 1000;
            double twilioPerThousand = AwsPrices.TWILIO_US_OUTBOUND_MINUTE * 1000;
            double share = total.dollars() / AwsPrices.TWILIO_US_OUTBOUND_MINUTE;
            double writeTarget = rulesOn ? 3 : 2;
            String verdict = Report.verdict(dial.writeUnits() <= writeTarget, String.format(Locale.ROOT, "≤ %.0f DynamoDB writes a dial", writeTarget));
            String shareText = String.format(Locale.ROOT, "AWS %.2f%% of a Twilio minute", share * 100);
            verdict += "; " + (second ? Report.verdict(share <= AwsPrices.TARGET_SHARE_OF_TWILIO_MINUTE, shareText + " (target ≤ 1%)") : shareText);
            report.row(String.format(Locale.ROOT, "AWS usage per dialed call, %s (%d calls: create, dial, 3 callbacks)", name, calls),
                    total.describe(),
                    String.format(Locale.ROOT, "write units: create %.1f, dial %.1f, callbacks %.1f; US$ %.3f per 1,000 calls on AWS "
                                    + "(Lambda %.3f, DynamoDB %.4f, API Gateway %.4f, Scheduler %.4f, SQS and Secrets Manager %.4f); "
                                    + "a one-minute US call through Twilio: US$ %.2f per 1,000",
                            create.writeUnits(), dial.writeUnits(), callbacks.writeUnits(), perThousand, total.lambdaDollars() * 1000,
                            total.dynamoDbDollars() * 1000, total.apiRequests() * AwsPrices.API_GATEWAY_REQUEST * 1000,
                            total.scheduleInvocations() * AwsPrices.SCHEDULER_INVOCATION * 1000,
                            (total.sqsRequests() * AwsPrices.SQS_REQUEST + total.secretsManagerCalls() * AwsPrices.SECRETS_MANAGER_CALL) * 1000,
                            twilioPerThousand),
                    verdict);
        }
    }
}
