package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The emulator's schedules and schedule groups, by {@code group/name}: in memory, and, when a directory is
 * given, one JSON file per schedule written atomically, so that they survive a restart. Every change is
 * reported to a listener (the firing, which re-arms the schedule).
 */
final class ScheduleStore {
    private final Path directory;
    private final Map<String, ObjectNode> schedules = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> groups = new ConcurrentHashMap<>();
    private volatile Consumer<String> onChange = key -> { };

    /** @param directory where schedules persist, or null to keep them in memory only */
    ScheduleStore(Path directory) {
        this.directory = directory;
        if (directory != null) {
            load();
        }
    }

    void onChange(Consumer<String> listener) {
        this.onChange = listener;
    }

    static String key(String group, String name) {
        return group + "/" + name;
    }

    ObjectNode get(String key) {
        return schedules.get(key);
    }

    boolean contains(String key) {
        return schedules.containsKey(key);
    }

    Collection<ObjectNode> all() {
        return schedules.values();
    }

    Set<String> keys() {
        return new TreeSet<>(schedules.keySet());
    }

    void put(String key, ObjectNode schedule) {
        schedules.put(key, schedule);
        if (directory != null) {
            writeAtomically(scheduleFile(key), schedule.toString());
        }
        onChange.accept(key);
    }

    void remove(String key) {
        schedules.remove(key);
        onChange.accept(key);
        if (directory != null) {
            try {
                Files.deleteIfExists(scheduleFile(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    ObjectNode group(String name) {
        return groups.get(name);
    }

    Map<String, ObjectNode> groups() {
        return groups;
    }

    void putGroup(String name, ObjectNode group) {
        groups.put(name, group);
        saveGroups();
    }

    void removeGroup(String name) {
        groups.remove(name);
        saveGroups();
    }

    private Path scheduleFile(String key) {
        return directory.resolve("schedules").resolve(key + ".json");
    }

    private void saveGroups() {
        if (directory != null) {
            ArrayNode list = HttpJson.MAPPER.createArrayNode();
            groups.values().forEach(list::add);
            writeAtomically(directory.resolve("groups.json"), list.toString());
        }
    }

    private void load() {
        try {
            Path groupsFile = directory.resolve("groups.json");
            if (Files.exists(groupsFile)) {
                for (JsonNode group : HttpJson.MAPPER.readTree(groupsFile.toFile())) {
                    groups.put(group.get("Name").asText(), (ObjectNode) group);
                }
            }
            Path root = directory.resolve("schedules");
            if (Files.isDirectory(root)) {
                try (var files = Files.walk(root)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        ObjectNode schedule = (ObjectNode) HttpJson.MAPPER.readTree(file.toFile());
                        schedules.put(key(schedule.get("GroupName").asText(), schedule.get("Name").asText()), schedule);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schedules from " + directory, e);
        }
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
