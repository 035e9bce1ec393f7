package io.callscheduler.emulators.usage;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the local cloud's AWS services were asked to do, counted in the units AWS bills: requests per service
 * and operation, DynamoDB request units, schedule invocations, and each function's invocations and billed
 * duration. Counting is a few uncontended adds per request (the maps only grow by operation and function
 * name), so it stays on all the time.
 */
public final class AwsUsage {
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, FunctionUsage> functions = new ConcurrentHashMap<>();
    private final LongAdder scheduleInvocations = new LongAdder();
    private final DynamoDbUsage dynamoDb = new DynamoDbUsage();

    /** Counts one API request ({@code service} as in its SigV4 signing name, e.g. {@code scheduler}). */
    public void request(String service, String operation) {
        requests.computeIfAbsent(service, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(operation, o -> new LongAdder()).increment();
    }

    /** One delivery of a schedule to its target (what EventBridge Scheduler bills), retries included. */
    public void scheduleInvocation() {
        scheduleInvocations.increment();
    }

    /** One run of a function that took {@code nanos}; billed, as Lambda bills it, rounded up to the millisecond. */
    public void invocation(String function, int memoryMb, long nanos) {
        FunctionUsage usage = functions.computeIfAbsent(function, f -> new FunctionUsage(memoryMb));
        usage.invocations.increment();
        usage.billedMillis.add(Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    public DynamoDbUsage dynamoDb() {
        return dynamoDb;
    }

    /**
     * Everything counted so far, as {@code /_local/usage} shows it: {@code requests} by service and operation,
     * {@code dynamodb} request units, {@code scheduler} invocations, {@code lambda} per function.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new TreeMap<>();
        Map<String, Map<String, Long>> byService = new TreeMap<>();
        requests.forEach((service, operations) -> {
            Map<String, Long> counts = new TreeMap<>();
            operations.forEach((operation, count) -> counts.put(operation, count.sum()));
            byService.put(service, counts);
        });
        snapshot.put("requests", byService);
        snapshot.put("dynamodb", dynamoDb.snapshot());
        snapshot.put("scheduler", Map.of("invocations", scheduleInvocations.sum()));
        Map<String, Object> lambda = new TreeMap<>();
        functions.forEach((name, usage) -> lambda.put(name, usage.snapshot()));
        snapshot.put("lambda", lambda);
        return snapshot;
    }

    /** A function's invocations and their billed time at its configured memory. */
    private static final class FunctionUsage {
        final int memoryMb;
        final LongAdder invocations = new LongAdder();
        final LongAdder billedMillis = new LongAdder();

        FunctionUsage(int memoryMb) {
            this.memoryMb = memoryMb;
        }

        Map<String, Object> snapshot() {
            long millis = billedMillis.sum();
            return Map.of("invocations", invocations.sum(), "memoryMb", memoryMb, "billedMillis", millis,
                    "gbSeconds", millis / 1000.0 * memoryMb / 1024.0);
        }
    }
}
