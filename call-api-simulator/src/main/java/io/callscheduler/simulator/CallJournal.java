package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.callscheduler.simulator.CallApiSimulator.JSON;

/** Placed generic calls, appended to {@code calls.jsonl} in the data directory so that a restart forgets none. */
final class CallJournal {
    /** Null when no data directory was given: nothing persists. */
    private final Path dataFile;

    CallJournal(Path dataDirectory) {
        this.dataFile = dataDirectory == null ? null : dataDirectory.resolve("calls.jsonl");
    }

    void append(GenericCall call) {
        if (dataFile == null) {
            return;
        }
        try {
            Files.createDirectories(dataFile.getParent());
            ObjectNode line = JSON.createObjectNode().put("id", call.id()).put("callId", call.callId()).put("to", call.to())
                    .put("createdAt", call.createdAt().toString()).put("outcome", call.outcome());
            Files.writeString(dataFile, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls appended so far, oldest first. */
    List<GenericCall> readAll() throws IOException {
        List<GenericCall> calls = new ArrayList<>();
        if (dataFile == null || !Files.exists(dataFile)) {
            return calls;
        }
        for (String line : Files.readAllLines(dataFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            calls.add(new GenericCall(node.get("id").asText(), node.path("callId").asText(null), node.get("to").asText(),
                    Instant.parse(node.get("createdAt").asText()), node.get("outcome").asText()));
        }
        return calls;
    }
}
