package io.callscheduler.emulators.mappings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.HttpJson;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What Lambda sends a stream mapping's on-failure destination when a batch exhausted its retries: where the batch is
 * in the stream ({@code DDBStreamBatchInfo}), not its records, which a consumer reads again from the stream.
 */
final class OnFailureRecord {
    private OnFailureRecord() {
    }

    static ObjectNode of(String functionArn, int invocations, boolean unhandledError, String shardId, List<Record> batch,
                         String streamArn) {
        ObjectNode record = HttpJson.MAPPER.createObjectNode();
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("functionArn", functionArn);
        context.put("condition", "RetryAttemptsExhausted");
        context.put("approximateInvokeCount", invocations);
        record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST")
                .put("functionError", unhandledError ? "Unhandled" : "");
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        Record first = batch.get(0);
        Record last = batch.get(batch.size() - 1);
        ObjectNode info = record.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", first.dynamodb().sequenceNumber());
        info.put("endSequenceNumber", last.dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(first.dynamodb().approximateCreationDateTime()));
        info.put("approximateArrivalOfLastRecord", String.valueOf(last.dynamodb().approximateCreationDateTime()));
        info.put("batchSize", batch.size());
        info.put("streamArn", streamArn);
        return record;
    }
}
