package io.callscheduler.emulators.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.HttpJson;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one invocation of a batch came to, read as Lambda reads it: an unhandled error fails the whole batch; with
 * {@code ReportBatchItemFailures}, a response's {@code batchItemFailures} names the items that failed, and an
 * identifier that is empty or not in the batch fails the whole batch.
 *
 * @param failedIds the failed items' identifiers (all of them when the whole batch failed), in batch order
 */
record BatchOutcome(boolean wholeBatchFailed, List<String> failedIds, String error) {
    static BatchOutcome succeeded() {
        return new BatchOutcome(false, List.of(), null);
    }

    static BatchOutcome failed(List<String> batchIds, String error) {
        return new BatchOutcome(true, batchIds, error);
    }

    boolean succeededEntirely() {
        return failedIds.isEmpty();
    }

    /** Reads a function's response for a batch whose items have these identifiers, in order. */
    static BatchOutcome of(byte[] response, boolean reportBatchItemFailures, List<String> batchIds) {
        if (!reportBatchItemFailures || response == null || response.length == 0) {
            return succeeded();
        }
        JsonNode failures;
        try {
            failures = HttpJson.MAPPER.readTree(response).path("batchItemFailures");
        } catch (IOException notJson) {
            return succeeded(); // a response that is not the failures' shape is a success, as on Lambda
        }
        if (!failures.isArray() || failures.isEmpty()) {
            return succeeded();
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isBlank() || !batchIds.contains(id)) {
                return failed(batchIds, "batchItemFailures names an item not in the batch: \"" + id + "\"");
            }
            failed.add(id);
        }
        return new BatchOutcome(false, batchIds.stream().filter(failed::contains).toList(), "reported item failures");
    }
}
