package io.callscheduler.dialwaiter;

import com.sun.net.httpserver.HttpServer;
import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.entrypoints.DialWaiterHandler;
import io.callscheduler.testing.TestContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: measures what the dial waiter needs in a fresh JVM sized as Lambda's 128 MB (BENCHMARKS.md,
 * "The dial waiter"). Run it with the JVM options of the measurement, e.g.
 * {@code java -XX:MaxRAM=128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp ... DialWaiterFootprint}.
 * Dispatch is a stand-in HTTP endpoint that answers at once; the waiter builds its Lambda client once, then
 * hands over one event whose moment has passed (the cold start) and one that waits 200 ms (a warm run).
 */
public final class DialWaiterFootprint {
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        HttpServer dispatch = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dispatch.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"outcome\":\"DIALED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        dispatch.start();
        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL", "http://127.0.0.1:" + dispatch.getAddress().getPort(),
                "DISPATCH_FUNCTION_ARN", "arn:aws:lambda:us-east-1:000000000000:function:cs-dispatch:live",
                "DIAL_CLAIM_LEAD_SECONDS", "2", "DIAL_HANDOVER_MS", "1500");

        long initStart = System.nanoTime();
        DialWaiterHandler handler = new DialWaiterHandler(environment);
        long initMs = (System.nanoTime() - initStart) / 1_000_000;
        boolean primed = args.length > 0 && args[0].equals("primed");
        // "prepared": the first event waits 4 s, long enough for the waiter to prepare the hand-over during it.
        boolean prepared = java.util.Arrays.asList(args).contains("prepared");
        if (primed) { // what SnapStart's priming leaves in the snapshot (DialWaiterServices)
            new io.callscheduler.config.AwsClients(environment).primeLambdaWithoutNetwork();
        }
        var threads = ManagementFactory.getThreadMXBean();
        long firstCpu = threads.getCurrentThreadCpuTime();
        Instant firstMoment = Instant.now().plusMillis(prepared ? 4_000 : 0);
        String first = invoke(handler, firstMoment.plusMillis(3_500)); // less the claim lead and hand-over: firstMoment
        long firstMs = java.time.Duration.between(firstMoment, Instant.now()).toMillis();
        long firstCpuMs = (threads.getCurrentThreadCpuTime() - firstCpu) / 1_000_000;
        long jvmToFirstAnswerMs = System.currentTimeMillis() - jvmStart - (prepared ? 4_000 : 0);
        long warmStart = System.nanoTime();
        invoke(handler, Instant.now().plusMillis(3_700)); // hand-over moment 200 ms away: not prepared for
        long warmMs = (System.nanoTime() - warmStart) / 1_000_000;

        long heapBeforeGc = heapUsed();
        System.gc();
        System.out.printf(Locale.ROOT, "answer %s%nJVM start to first answer %d ms: handler init %d ms, first hand-over%s%s, from its moment to the answer %d ms (%d ms CPU in all);"
                + " warm hand-over after a 200 ms wait %d ms%n", first, jvmToFirstAnswerMs, initMs, primed ? " (primed)" : "", prepared ? " (prepared during a 4 s wait)" : "",
                firstMs, firstCpuMs, warmMs);
        System.out.printf(Locale.ROOT, "heap: max %d MB, used %d MB (%d MB after GC); metaspace %d MB; classes loaded %d%n",
                Runtime.getRuntime().maxMemory() >> 20, heapBeforeGc >> 20, heapUsed() >> 20, nonHeap("Metaspace") >> 20,
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        System.out.printf(Locale.ROOT, "process: RSS %s, peak RSS %s; CPU %d ms since JVM start; wall %d ms since JVM start%n",
                status("VmRSS"), status("VmHWM"), ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                        .getProcessCpuTime() / 1_000_000, System.currentTimeMillis() - jvmStart);
        dispatch.stop(0);
    }

    private static String invoke(DialWaiterHandler handler, Instant scheduledFor) throws Exception {
        byte[] event = DispatchEvents.schedulerInput(new DispatchRequest("footprint", scheduledFor, "scheduler"))
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long nonHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals(pool))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static String status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).strip()).findFirst().orElse("?");
    }
}
