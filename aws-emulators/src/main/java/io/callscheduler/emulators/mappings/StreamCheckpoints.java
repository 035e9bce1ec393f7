package io.callscheduler.emulators.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.HttpJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a stream mapping has got to, kept in one file so that a restart resumes after the last batch that
 * finished (succeeded, or sent to the on-failure destination): per shard, the last sequence number done and
 * whether the shard is finished (closed and read to its end, so its children may start). Each change is written
 * aside and moved into place, so a kill leaves the old position or the new one; a kill between an invocation and
 * its checkpoint replays that one batch, as Lambda may (at least once). Null file: kept in memory only.
 */
final class StreamCheckpoints {
    /** One shard's position. */
    record Position(String afterSequenceNumber, boolean finished) {
    }

    private final Path file;
    private final Map<String, Position> shards = new TreeMap<>();
    private String streamArn;

    StreamCheckpoints(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                JsonNode json = HttpJson.MAPPER.readTree(file.toFile());
                streamArn = json.path("streamArn").asText(null);
                json.path("shards").fields().forEachRemaining(shard -> shards.put(shard.getKey(), new Position(
                        shard.getValue().path("after").asText(null), shard.getValue().path("finished").asBoolean())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stream checkpoints in " + file, e);
            }
        }
    }

    /** The stream these positions are in, or null before the mapping's first start. */
    synchronized String streamArn() {
        return streamArn;
    }

    /** Starts over in this stream (the first start, or the table's stream was replaced). */
    synchronized void startIn(String streamArn, Map<String, String> initialPositions) {
        this.streamArn = streamArn;
        shards.clear();
        initialPositions.forEach((shard, after) -> shards.put(shard, new Position(after, false)));
        save();
    }

    /** The shard's position, or null when no record of it was done yet. */
    synchronized Position of(String shardId) {
        return shards.get(shardId);
    }

    synchronized void done(String shardId, String sequenceNumber) {
        shards.put(shardId, new Position(sequenceNumber, false));
        save();
    }

    synchronized void finished(String shardId) {
        Position position = shards.get(shardId);
        shards.put(shardId, new Position(position == null ? null : position.afterSequenceNumber(), true));
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        ObjectNode json = HttpJson.MAPPER.createObjectNode();
        json.put("streamArn", streamArn);
        ObjectNode out = json.putObject("shards");
        shards.forEach((id, position) -> out.putObject(id).put("after", position.afterSequenceNumber())
                .put("finished", position.finished()));
        try {
            Files.createDirectories(file.getParent());
            Path aside = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(aside, json.toString());
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stream checkpoints to " + file, e);
        }
    }
}
