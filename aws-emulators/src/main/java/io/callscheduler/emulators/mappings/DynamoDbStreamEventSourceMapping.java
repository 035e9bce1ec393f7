package io.callscheduler.emulators.mappings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.AwsError;
import io.callscheduler.emulators.DaemonThreads;
import io.callscheduler.emulators.DeadLetterSink;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.LambdaEmulator;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB Streams event source mapping, run as Lambda runs one, through the real {@link DynamoDbStreamsClient}:
 * reads every shard of the table's stream in order (a shard's children only once it is read to its end), invokes
 * the function synchronously with a {@code DynamodbEvent} of up to {@code BatchSize} records, and moves on only
 * when the batch is done. A failed batch is retried (with {@code ReportBatchItemFailures}, from the first failed
 * sequence number; with {@code BisectBatchOnFunctionError}, split in halves); after
 * {@code MaximumRetryAttempts} (-1: until it succeeds) its metadata goes to the on-failure queue and the shard
 * moves past it. Positions are kept in a checkpoint file (see {@link StreamCheckpoints}): a restart resumes where
 * the last run finished. One poller thread reads every shard: ordered per shard, as Lambda guarantees.
 */
public final class DynamoDbStreamEventSourceMapping implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DynamoDbStreamEventSourceMapping.class.getName());
    /** Wait between polls when no shard had records: short, for change-to-delivery latency well under a second. */
    static final long IDLE_WAIT_MILLIS = 100;
    /** How often the stream is described again for new (child) shards. */
    private static final long SHARD_REFRESH_MILLIS = 1_000;
    /** GetRecords' own maximum. */
    private static final int GET_RECORDS_LIMIT = 1_000;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LONGEST_RETRY_MILLIS = 5_000;

    public enum StartingPosition { TRIM_HORIZON, LATEST }

    /**
     * A {@code Type: DynamoDB} event of a function.
     *
     * @param maximumRetryAttempts -1 for until the records expire (Lambda's default), else 0 to 10000
     * @param onFailureQueueArn    where the metadata of a batch that exhausted its retries goes, or null
     */
    public record Settings(String functionName, String tableName, StartingPosition startingPosition, int batchSize,
                           Duration batchingWindow, boolean reportBatchItemFailures, int maximumRetryAttempts,
                           boolean bisectBatchOnFunctionError, String onFailureQueueArn) {
        public Settings {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("BatchSize of a DynamoDB mapping must be 1 to 10000, not " + batchSize);
            }
            if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
                throw new IllegalArgumentException("MaximumRetryAttempts must be -1 to 10000, not " + maximumRetryAttempts);
            }
        }
    }

    private final Settings settings;
    private final DynamoDbStreamsClient streams;
    private final LambdaEmulator lambda;
    private final DeadLetterSink onFailure;
    private final String region;
    private final StreamCheckpoints checkpoints;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Thread poller;
    private final Object idle = new Object();
    private volatile boolean running = true;
    private String streamArn;
    private long shardsDescribedAt;

    private DynamoDbStreamEventSourceMapping(Settings settings, DynamoDbStreamsClient streams, LambdaEmulator lambda,
                                             DeadLetterSink onFailure, String region, Path checkpointFile) {
        this.settings = settings;
        this.streams = streams;
        this.lambda = lambda;
        this.onFailure = onFailure;
        this.region = region;
        this.checkpoints = new StreamCheckpoints(checkpointFile);
        this.poller = DaemonThreads.named("stream-mapping-" + settings.functionName()).newThread(this::pollUntilClosed);
    }

    /**
     * Finds the table's stream, takes up the checkpoints (or the starting position on a first start) and polls.
     *
     * @param onFailure      the sink of {@code onFailureQueueArn} (the SQS emulator), or null when there is none
     * @param checkpointFile where positions are kept across restarts, or null for in memory
     * @throws IllegalStateException when the table has no stream
     */
    public static DynamoDbStreamEventSourceMapping start(Settings settings, DynamoDbStreamsClient streams,
                                                         LambdaEmulator lambda, DeadLetterSink onFailure, String region,
                                                         Path checkpointFile) {
        DynamoDbStreamEventSourceMapping mapping = new DynamoDbStreamEventSourceMapping(settings, streams, lambda,
                onFailure, region, checkpointFile);
        mapping.takeUpStream();
        mapping.poller.start();
        return mapping;
    }

    /** The ARN of the stream being read. */
    public String streamArn() {
        return streamArn;
    }

    private void takeUpStream() {
        streamArn = streams.listStreams(r -> r.tableName(settings.tableName())).streams().stream()
                .filter(s -> s.tableName().equals(settings.tableName()))
                .map(s -> s.streamArn()).reduce((first, later) -> later)
                .orElseThrow(() -> new IllegalStateException("table " + settings.tableName()
                        + " has no stream (StreamSpecification) for " + settings.functionName() + " to read"));
        describeShards();
        if (streamArn.equals(checkpoints.streamArn())) {
            return; // a restart: resume where the last run finished
        }
        Map<String, String> initial = new LinkedHashMap<>();
        if (settings.startingPosition() == StartingPosition.LATEST) {
            // Where LATEST is now, as positions, so that a restart before the first record still starts from here.
            for (Shard shard : shards.values()) {
                initial.put(shard.shardId(), lastSequenceNumber(shard));
            }
        }
        checkpoints.startIn(streamArn, initial);
    }

    private String lastSequenceNumber(Shard shard) {
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        String last = null;
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current).limit(GET_RECORDS_LIMIT));
            if (page.records().isEmpty()) {
                break;
            }
            last = page.records().get(page.records().size() - 1).dynamodb().sequenceNumber();
            iterator = page.nextShardIterator();
        }
        return last;
    }

    private void describeShards() {
        String start = null;
        do {
            String exclusiveStart = start;
            var description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
                    .streamDescription();
            description.shards().forEach(shard -> shards.put(shard.shardId(), shard));
            start = description.lastEvaluatedShardId();
        } while (start != null);
        shardsDescribedAt = System.nanoTime();
    }

    private void pollUntilClosed() {
        while (running) {
            boolean hadRecords = false;
            try {
                if ((System.nanoTime() - shardsDescribedAt) / 1_000_000 >= SHARD_REFRESH_MILLIS) {
                    describeShards();
                }
                for (Shard shard : new ArrayList<>(shards.values())) {
                    if (running && readyToRead(shard)) {
                        hadRecords |= poll(shard);
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "stream mapping " + settings.tableName() + " -> "
                            + settings.functionName() + " failed to poll: " + e);
                    pause(1_000);
                }
            }
            if (!hadRecords) {
                pause(IDLE_WAIT_MILLIS);
            }
        }
    }

    /** Not finished, and its parent (if the stream still has it) is: a child's records come after its parent's. */
    private boolean readyToRead(Shard shard) {
        StreamCheckpoints.Position position = checkpoints.of(shard.shardId());
        if (position != null && position.finished()) {
            return false;
        }
        String parent = shard.parentShardId();
        if (parent == null || !shards.containsKey(parent)) {
            return true;
        }
        StreamCheckpoints.Position parentPosition = checkpoints.of(parent);
        return parentPosition != null && parentPosition.finished();
    }

    /** Reads one batch from the shard and processes it; true when there were records. */
    private boolean poll(Shard shard) {
        List<Record> batch = new ArrayList<>();
        long windowEnds = System.nanoTime() + settings.batchingWindow().toNanos();
        boolean endOfShard = false;
        while (running && batch.size() < settings.batchSize()) {
            GetRecordsResponse page = getRecords(shard, Math.min(GET_RECORDS_LIMIT, settings.batchSize() - batch.size()));
            if (page == null) {
                break;
            }
            batch.addAll(page.records());
            iterators.put(shard.shardId(), page.nextShardIterator());
            if (page.nextShardIterator() == null) {
                endOfShard = true;
                break;
            }
            long remainingMillis = (windowEnds - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0 || batch.isEmpty() && settings.batchingWindow().isZero()) {
                break;
            }
            if (page.records().isEmpty()) {
                pause(Math.min(remainingMillis, IDLE_WAIT_MILLIS));
            }
        }
        if (!batch.isEmpty()) {
            try {
                process(shard, batch);
            } catch (RuntimeException e) {
                // The iterator is already past the batch: read it again from the checkpoint, not skip it.
                iterators.remove(shard.shardId());
                throw e;
            }
        }
        if (endOfShard && iterators.get(shard.shardId()) == null && batch.isEmpty()) {
            checkpoints.finished(shard.shardId());
            iterators.remove(shard.shardId());
        }
        return !batch.isEmpty();
    }

    /** A page of records; null when the iterator had to be renewed (expired, or its position trimmed). */
    private GetRecordsResponse getRecords(Shard shard, int limit) {
        String iterator = iterators.computeIfAbsent(shard.shardId(), id -> newIterator(shard));
        try {
            return streams.getRecords(r -> r.shardIterator(iterator).limit(limit));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            iterators.remove(shard.shardId());
            return null;
        }
    }

    /** After the last record done in the shard, else from its start. */
    private String newIterator(Shard shard) {
        StreamCheckpoints.Position position = checkpoints.of(shard.shardId());
        try {
            if (position != null && position.afterSequenceNumber() != null) {
                return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(position.afterSequenceNumber())).shardIterator();
            }
        } catch (TrimmedDataAccessException trimmed) {
            LOG.log(System.Logger.Level.WARNING, "records after " + position.afterSequenceNumber() + " in "
                    + shard.shardId() + " expired from the stream; reading from the oldest kept");
        }
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /**
     * Invokes until the batch is done: every record succeeded, or the rest went to the on-failure queue. When only
     * part of it was done here, the shard is read again after the checkpoint, so the rest comes in later batches.
     */
    private void process(Shard shard, List<Record> whole) {
        List<Record> batch = whole;
        int retries = 0;
        int invocations = 0;
        while (running) {
            invocations++;
            BatchOutcome outcome = invoke(batch);
            if (outcome.succeededEntirely()) {
                checkpoints.done(shard.shardId(), sequenceNumber(batch.get(batch.size() - 1)));
                break;
            }
            if (!outcome.wholeBatchFailed()) {
                int firstFailed = sequenceNumbers(batch).indexOf(outcome.failedIds().get(0));
                if (firstFailed > 0) {
                    checkpoints.done(shard.shardId(), sequenceNumber(batch.get(firstFailed - 1)));
                }
                batch = batch.subList(firstFailed, batch.size());
            } else if (settings.bisectBatchOnFunctionError() && batch.size() > 1) {
                batch = batch.subList(0, batch.size() / 2); // the second half is read again once this one is done
                iterators.remove(shard.shardId());
                continue;
            }
            retries++;
            if (settings.maximumRetryAttempts() >= 0 && retries > settings.maximumRetryAttempts()) {
                sendToOnFailure(shard, batch, invocations, outcome);
                checkpoints.done(shard.shardId(), sequenceNumber(batch.get(batch.size() - 1)));
                break;
            }
            LOG.log(System.Logger.Level.INFO, settings.functionName() + " failed a batch of " + batch.size()
                    + " records from " + shard.shardId() + " (" + outcome.error() + "); retry " + retries);
            pause(Math.min(LONGEST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(retries - 1, 10)));
        }
        if (batch != whole || !running) {
            iterators.remove(shard.shardId()); // read again after the checkpoint
        }
    }

    private BatchOutcome invoke(List<Record> batch) {
        List<String> ids = sequenceNumbers(batch);
        ObjectNode event = HttpJson.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(record -> records.add(StreamRecordJson.of(record, streamArn, region)));
        try {
            byte[] response = lambda.invoke(settings.functionName(), event.toString().getBytes(StandardCharsets.UTF_8));
            return BatchOutcome.of(response, settings.reportBatchItemFailures(), ids);
        } catch (AwsError throttled) {
            return BatchOutcome.failed(ids, throttled.getMessage());
        } catch (Exception e) {
            return BatchOutcome.failed(ids, String.valueOf(e));
        }
    }

    /** The record Lambda sends to a stream mapping's on-failure destination: the batch's place, not its records. */
    private void sendToOnFailure(Shard shard, List<Record> batch, int invocations, BatchOutcome outcome) {
        String first = sequenceNumber(batch.get(0));
        String last = sequenceNumber(batch.get(batch.size() - 1));
        if (settings.onFailureQueueArn() == null || onFailure == null) {
            LOG.log(System.Logger.Level.ERROR, settings.functionName() + " skipped records " + first + " to " + last
                    + " of " + shard.shardId() + " after " + invocations + " attempts (no on-failure destination)");
            return;
        }
        ObjectNode record = OnFailureRecord.of(lambda.arnOf(settings.functionName()), invocations,
                outcome.wholeBatchFailed(), shard.shardId(), batch, streamArn);
        onFailure.send(settings.onFailureQueueArn(), record.toString(), Map.of());
        LOG.log(System.Logger.Level.ERROR, settings.functionName() + " sent records " + first + " to " + last + " of "
                + shard.shardId() + " to " + settings.onFailureQueueArn() + " after " + invocations + " attempts");
    }

    private static String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    private static List<String> sequenceNumbers(List<Record> batch) {
        return batch.stream().map(DynamoDbStreamEventSourceMapping::sequenceNumber).toList();
    }

    private void pause(long millis) {
        synchronized (idle) {
            try {
                if (running) {
                    idle.wait(Math.max(1, millis));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Stops polling; a batch being invoked finishes first, and its checkpoint is kept. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (idle) {
            idle.notifyAll();
        }
        poller.join(10_000);
    }
}
