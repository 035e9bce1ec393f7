package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callscheduler.emulators.usage.AwsUsage;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lambda, emulated for functions that run in this JVM: Invoke (RequestResponse, Event and DryRun),
 * GetFunction and ListFunctions. A function is invoked by name or ARN, unqualified ($LATEST) or qualified by
 * one of its aliases ({@code name:live}, {@code ...:function:name:live} or {@code ?Qualifier=live}), as a
 * template's AutoPublishAlias makes it; every qualifier runs the same code, and an unknown one is a 404. An Event invocation is queued and answered 202; if the function then
 * fails it is retried twice, as Lambda does for asynchronous invocations (after {@code asyncRetryDelay}
 * rather than a minute).
 */
public final class LambdaEmulator implements AwsService, ScheduleTarget, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LambdaEmulator.class.getName());
    private static final String PREFIX = "/2015-03-31/functions";
    private static final int ASYNC_RETRIES = 2;
    /**
     * Asynchronous invocations run at most this many at a time; the rest wait in the queue, as Lambda's
     * event queue waits for free concurrency. Without a bound, thousands of schedules firing in the same
     * second would start thousands of threads at once, and a thousand dispatches at once overwhelm DynamoDB
     * Local (a 5,000-call burst then starved the API). Dispatches waiting for their second hold one each: the
     * local cloud uses DialPrecision=minute (a 2 s claim lead) unless its Scheduler fires as on AWS.
     */
    static final int ASYNC_CONCURRENCY = 128;

    /**
     * What a function is, as GetFunction describes it.
     *
     * @param reservedConcurrency its {@code ReservedConcurrentExecutions}, or null for none
     */
    public record FunctionInfo(String name, String handler, String runtime, int memoryMb, int timeoutSeconds,
                               Map<String, String> environment, Integer reservedConcurrency) {
        public FunctionInfo(String name, String handler, String runtime, int memoryMb, int timeoutSeconds,
                            Map<String, String> environment) {
            this(name, handler, runtime, memoryMb, timeoutSeconds, environment, null);
        }
    }

    private record Registered(FunctionInfo info, LocalFunction code, ConcurrencyGate gate) {
    }

    /**
     * A function's reserved concurrency, as Lambda enforces it: a synchronous invocation beyond it is
     * throttled (429), an asynchronous one waits in the function's queue until a run ends (on AWS it is
     * throttled and retried from the event queue), so runs never overlap beyond the limit.
     */
    private final class ConcurrencyGate {
        private final int limit;
        private final java.util.Deque<Runnable> waiting = new java.util.ArrayDeque<>();
        private int running;

        ConcurrencyGate(int limit) {
            this.limit = limit;
        }

        synchronized void submitAsync(Runnable run) {
            if (running < limit) {
                running++;
                async.submit(releasingAfter(run));
            } else {
                waiting.add(run);
            }
        }

        synchronized boolean tryEnter() {
            if (running < limit) {
                running++;
                return true;
            }
            return false;
        }

        synchronized void exit() {
            Runnable next = waiting.poll();
            if (next != null) {
                async.submit(releasingAfter(next)); // the slot passes straight to the next waiting event
            } else {
                running--;
            }
        }

        private Runnable releasingAfter(Runnable run) {
            return () -> {
                try {
                    run.run();
                } finally {
                    exit();
                }
            };
        }
    }

    private final String region;
    private final String account;
    private final Duration asyncRetryDelay;
    private final Map<String, Registered> functions = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> aliases = new ConcurrentHashMap<>();
    private final ExecutorService async = Executors.newFixedThreadPool(ASYNC_CONCURRENCY, DaemonThreads.named("lambda-async"));
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lambda-retry"));
    private final AtomicLong invocations = new AtomicLong();
    private final Map<String, String> onFailureQueues = new ConcurrentHashMap<>();
    private volatile DeadLetterSink failureSink;
    private volatile AwsUsage usage = new AwsUsage();
    private final Map<String, Runs> runs = new ConcurrentHashMap<>();

    /** A function's runs so far: how many, and their summed duration (what Lambda bills, failed runs included). */
    public record Runs(long count, Duration duration) {
    }

    public LambdaEmulator(String region, String account, Duration asyncRetryDelay) {
        this.region = region;
        this.account = account;
        this.asyncRetryDelay = asyncRetryDelay;
    }

    /** Counts every invocation, with its billed duration at the function's memory, into {@code usage}. */
    public LambdaEmulator meteredBy(AwsUsage usage) {
        this.usage = usage;
        return this;
    }

    public LambdaEmulator register(FunctionInfo info, LocalFunction code) {
        Integer reserved = info.reservedConcurrency();
        functions.put(info.name(), new Registered(info, code, reserved == null ? null : new ConcurrencyGate(reserved)));
        return this;
    }

    /** Adds an alias of a registered function (what AutoPublishAlias publishes), pointing at its one version. */
    public LambdaEmulator alias(String functionName, String alias) {
        if (!functions.containsKey(functionName)) {
            throw new IllegalArgumentException("no function " + functionName);
        }
        aliases.computeIfAbsent(functionName, name -> ConcurrentHashMap.newKeySet()).add(alias);
        return this;
    }

    /**
     * Sends the invocation record of each asynchronous invocation of {@code functionName} that failed every
     * attempt to {@code queueArn}, as an {@code EventInvokeConfig} on-failure SQS destination does.
     */
    public LambdaEmulator onAsyncFailure(String functionName, String queueArn, DeadLetterSink sink) {
        onFailureQueues.put(functionName, queueArn);
        failureSink = sink;
        return this;
    }

    public String arnOf(String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    /** {@code functionName}'s finished runs, for tests and benchmarks. */
    public Runs runsOf(String functionName) {
        return runs.getOrDefault(functionName, new Runs(0, Duration.ZERO));
    }

    /** How many invocations have started, for tests and benchmarks. */
    public long invocationCount() {
        return invocations.get();
    }

    /**
     * Invokes synchronously in this thread.
     *
     * @throws AwsError 429 when the function's reserved concurrency is in use
     */
    public byte[] invoke(String nameOrArn, byte[] payload) throws Exception {
        Registered function = function(nameOrArn);
        if (function.gate() != null && !function.gate().tryEnter()) {
            throw new AwsError(429, "TooManyRequestsException", "Rate Exceeded. (reserved concurrency "
                    + function.info().reservedConcurrency() + " of " + function.info().name() + " in use)");
        }
        try {
            return run(function, payload);
        } finally {
            if (function.gate() != null) {
                function.gate().exit();
            }
        }
    }

    /** One run of the function's code, timed as Lambda bills it: failed runs are billed too. */
    private byte[] run(Registered function, byte[] payload) throws Exception {
        invocations.incrementAndGet();
        long started = System.nanoTime();
        try {
            return function.code().invoke(payload);
        } finally {
            long took = System.nanoTime() - started;
            usage.invocation(function.info().name(), function.info().memoryMb(), took);
            runs.merge(function.info().name(), new Runs(1, Duration.ofNanos(took)),
                    (sum, one) -> new Runs(sum.count() + one.count(), sum.duration().plus(one.duration())));
        }
    }

    /** Queues an asynchronous invocation (what the Scheduler does with a Lambda target). */
    public void invokeAsync(String nameOrArn, byte[] payload) {
        queueAsync(function(nameOrArn), payload, 0);
    }

    private void queueAsync(Registered function, byte[] payload, int retry) {
        Runnable run = () -> runAsync(function, payload, retry);
        if (function.gate() == null) {
            async.submit(run);
        } else {
            function.gate().submitAsync(run);
        }
    }

    @Override
    public void deliver(String targetArn, String input) {
        invokeAsync(targetArn, input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void runAsync(Registered function, byte[] payload, int retry) {
        try {
            run(function, payload);
        } catch (Exception e) {
            if (retry < ASYNC_RETRIES) {
                LOG.log(System.Logger.Level.WARNING, "async invocation of " + function.info().name() + " failed ("
                        + e + "); retry " + (retry + 1) + " of " + ASYNC_RETRIES);
                retries.schedule(() -> queueAsync(function, payload, retry + 1),
                        asyncRetryDelay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                String queue = onFailureQueues.get(function.info().name());
                LOG.log(System.Logger.Level.ERROR, "async invocation of " + function.info().name() + " failed after "
                        + (ASYNC_RETRIES + 1) + " attempts; " + (queue == null ? "event dropped" : "sent to " + queue), e);
                if (queue != null && failureSink != null) {
                    failureSink.send(queue, invocationRecord(function, payload, e).toString(), Map.of());
                }
            }
        }
    }

    /** The record Lambda sends to an on-failure destination. */
    private ObjectNode invocationRecord(Registered function, byte[] payload, Exception error) {
        ObjectNode record = HttpJson.MAPPER.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", java.time.Instant.now().toString());
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", java.util.UUID.randomUUID().toString());
        context.put("functionArn", arnOf(function.info().name()) + ":$LATEST");
        context.put("condition", "RetriesExhausted");
        context.put("approximateInvokeCount", ASYNC_RETRIES + 1);
        try {
            record.set("requestPayload", HttpJson.MAPPER.readTree(payload));
        } catch (IOException notJson) {
            record.put("requestPayload", new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
        record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST")
                .put("functionError", "Unhandled");
        record.set("responsePayload", errorPayload(error));
        return record;
    }

    private static ObjectNode errorPayload(Exception error) {
        ObjectNode payload = HttpJson.MAPPER.createObjectNode();
        payload.put("errorMessage", String.valueOf(error.getMessage()));
        payload.put("errorType", error.getClass().getName());
        return payload;
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(PREFIX)) {
            throw new AwsError(404, "UnknownOperationException", exchange.getRequestMethod() + " " + path);
        }
        String[] segments = HttpJson.segmentsAfter(exchange, PREFIX);
        String method = exchange.getRequestMethod();
        if (segments.length == 0 && method.equals("GET")) {
            usage.request("lambda", "ListFunctions");
            ObjectNode response = HttpJson.MAPPER.createObjectNode();
            ArrayNode list = response.putArray("Functions");
            new TreeMap<>(functions).values().forEach(f -> list.add(configuration(f.info())));
            HttpJson.send(exchange, 200, response);
        } else if (segments.length == 1 && method.equals("GET")) {
            usage.request("lambda", "GetFunction");
            ObjectNode response = HttpJson.MAPPER.createObjectNode();
            response.set("Configuration", configuration(function(segments[0]).info()));
            response.putObject("Code").put("RepositoryType", "Local").put("Location", "in-process");
            Integer reserved = function(segments[0]).info().reservedConcurrency();
            if (reserved != null) {
                response.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved);
            }
            HttpJson.send(exchange, 200, response);
        } else if (segments.length == 2 && segments[1].equals("invocations") && method.equals("POST")) {
            usage.request("lambda", "Invoke");
            invokeOverHttp(exchange, segments[0]);
        } else {
            throw new AwsError(404, "UnknownOperationException", method + " " + path);
        }
    }

    private void invokeOverHttp(HttpExchange exchange, String nameOrArn) throws IOException {
        String qualifier = queryParameter(exchange, "Qualifier");
        String name = qualifier == null ? nameOrArn : nameOrArn + ":" + qualifier;
        Registered function = function(name);
        byte[] payload = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        // An alias runs the one version published locally, which Lambda would report as its number.
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", qualifier(name) == null ? "$LATEST" : "1");
        if ("Event".equals(type)) {
            queueAsync(function, payload, 0);
            HttpJson.send(exchange, 202, new byte[0], "application/json");
        } else if ("DryRun".equals(type)) {
            HttpJson.send(exchange, 204, new byte[0], "application/json");
        } else {
            byte[] result;
            try {
                result = invoke(name, payload);
            } catch (AwsError throttled) {
                throw throttled;
            } catch (Exception e) {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                HttpJson.send(exchange, 200, errorPayload(e));
                return;
            }
            HttpJson.send(exchange, 200, result, "application/json");
        }
    }

    private Registered function(String nameOrArn) {
        String[] parts = unqualifiedName(nameOrArn).split(":", 2);
        String name = parts[0];
        String qualifier = qualifier(nameOrArn);
        Registered function = functions.get(name);
        if (function == null || !(qualifier == null || qualifier.equals("$LATEST")
                || aliases.getOrDefault(name, java.util.Set.of()).contains(qualifier))) {
            throw new AwsError(404, "ResourceNotFoundException", "Function not found: " + arnOf(name)
                    + (qualifier == null ? "" : ":" + qualifier));
        }
        return function;
    }

    /** {@code name} or {@code name:qualifier}, from a name, a partial ARN or a full ARN. */
    private static String unqualifiedName(String nameOrArn) {
        return nameOrArn.contains(":function:")
                ? nameOrArn.substring(nameOrArn.indexOf(":function:") + ":function:".length())
                : nameOrArn;
    }

    private static String qualifier(String nameOrArn) {
        String[] parts = unqualifiedName(nameOrArn).split(":", 2);
        return parts.length == 2 ? parts[1] : null;
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private ObjectNode configuration(FunctionInfo info) {
        ObjectNode node = HttpJson.MAPPER.createObjectNode();
        node.put("FunctionName", info.name());
        node.put("FunctionArn", arnOf(info.name()));
        node.put("Runtime", info.runtime());
        node.put("Handler", info.handler());
        node.put("MemorySize", info.memoryMb());
        node.put("Timeout", info.timeoutSeconds());
        node.put("State", "Active");
        ObjectNode variables = node.putObject("Environment").putObject("Variables");
        new TreeMap<>(info.environment()).forEach(variables::put);
        return node;
    }

    @Override
    public void close() {
        async.shutdownNow();
        retries.shutdownNow();
    }
}
