package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler, emulated: the REST-JSON API (schedules and schedule groups) and schedules that
 * fire. An {@code at()} schedule fires at its time (to the millisecond, not within its minute as on AWS);
 * a {@code rate()} schedule every period; {@code cron()} schedules are stored but never fire. A failed
 * delivery is retried with exponential backoff within the target's retry policy, then sent to its
 * dead-letter queue. Schedules persist as one JSON file each (when a directory is given), and those that
 * came due while the emulator was down fire as soon as it starts.
 */
public final class SchedulerEmulator implements AwsService, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SchedulerEmulator.class.getName());
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final String DEFAULT_GROUP = "default";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);

    private final String region;
    private final String account;
    private final Path directory;
    private final Clock clock;
    private final Map<String, ObjectNode> schedules = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> groups = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final Map<String, Duration> rateOverrides = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scheduler-timer"));
    /** Deliveries only hand the input to the target (an asynchronous invoke, queued there): a few threads do. */
    private final ExecutorService deliveries = Executors.newFixedThreadPool(8, DaemonThreads.named("scheduler-delivery"));
    private volatile ScheduleTarget target;
    private volatile DeadLetterSink deadLetters;

    /**
     * @param directory where schedules persist, or null to keep them in memory only
     */
    public SchedulerEmulator(String region, String account, Path directory, Clock clock) {
        this.region = region;
        this.account = account;
        this.directory = directory;
        this.clock = clock;
        groups.put(DEFAULT_GROUP, group(DEFAULT_GROUP));
        if (directory != null) {
            load();
        }
    }

    /**
     * Starts firing: every schedule due (including those that came due while stopped) fires now, the rest
     * at their time. Until this is called schedules are only stored.
     */
    public void startFiring(ScheduleTarget target, DeadLetterSink deadLetters) {
        this.target = target;
        this.deadLetters = deadLetters;
        schedules.keySet().forEach(this::arm);
    }

    /**
     * Makes {@code rate()} schedules whose name starts with {@code namePrefix} fire every {@code period}
     * instead (a faster local pace for periodic jobs).
     */
    public void overrideRate(String namePrefix, Duration period) {
        rateOverrides.put(namePrefix, period);
    }

    @Override
    public String signingName() {
        return "scheduler";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = HttpJson.query(exchange);
        if (path.startsWith("/schedule-groups")) {
            String[] segments = HttpJson.segmentsAfter(exchange, "/schedule-groups");
            HttpJson.send(exchange, 200, switch (method + (segments.length == 0 ? "" : " name")) {
                case "GET" -> listGroups();
                case "POST name" -> createGroup(segments[0]);
                case "GET name" -> getGroup(segments[0]);
                case "DELETE name" -> deleteGroup(segments[0]);
                default -> throw new AwsError(404, "UnknownOperationException", method + " " + path);
            });
            return;
        }
        if (path.startsWith("/schedules")) {
            String[] segments = HttpJson.segmentsAfter(exchange, "/schedules");
            HttpJson.send(exchange, 200, switch (method + (segments.length == 0 ? "" : " name")) {
                case "GET" -> listSchedules(query);
                case "POST name" -> createSchedule(segments[0], HttpJson.readBody(exchange));
                case "PUT name" -> updateSchedule(segments[0], HttpJson.readBody(exchange));
                case "GET name" -> describe(existing(groupOf(query.get("groupName")), segments[0]));
                case "DELETE name" -> deleteSchedule(groupOf(query.get("groupName")), segments[0]);
                default -> throw new AwsError(404, "UnknownOperationException", method + " " + path);
            });
            return;
        }
        throw new AwsError(404, "UnknownOperationException", method + " " + path);
    }

    // ---- schedules ----

    private synchronized JsonNode createSchedule(String name, JsonNode body) {
        String group = groupOf(text(body, "GroupName"));
        requireGroup(group);
        validate(name, body);
        String key = key(group, name);
        if (schedules.containsKey(key)) {
            throw new AwsError(409, "ConflictException", "Schedule " + name + " already exists.");
        }
        ObjectNode schedule = definition(name, group, body);
        double now = epochSeconds(clock.instant());
        schedule.put("CreationDate", now);
        schedule.put("LastModificationDate", now);
        store(key, schedule);
        return HttpJson.MAPPER.createObjectNode().put("ScheduleArn", schedule.get("Arn").asText());
    }

    private synchronized JsonNode updateSchedule(String name, JsonNode body) {
        String group = groupOf(text(body, "GroupName"));
        ObjectNode previous = existing(group, name);
        validate(name, body);
        ObjectNode schedule = definition(name, group, body);
        schedule.set("CreationDate", previous.get("CreationDate"));
        schedule.put("LastModificationDate", epochSeconds(clock.instant()));
        store(key(group, name), schedule);
        return HttpJson.MAPPER.createObjectNode().put("ScheduleArn", schedule.get("Arn").asText());
    }

    private synchronized JsonNode deleteSchedule(String group, String name) {
        existing(group, name);
        remove(key(group, name));
        return HttpJson.MAPPER.createObjectNode();
    }

    private JsonNode listSchedules(Map<String, String> query) {
        String group = query.get("ScheduleGroup");
        String prefix = query.getOrDefault("NamePrefix", "");
        String state = query.get("State");
        int max = parseInt(query.get("MaxResults"), 100, 1, 100);
        List<ObjectNode> matching = schedules.values().stream()
                .filter(s -> group == null || group.equals(s.get("GroupName").asText()))
                .filter(s -> s.get("Name").asText().startsWith(prefix))
                .filter(s -> state == null || state.equals(s.path("State").asText()))
                .sorted(Comparator.comparing(s -> key(s.get("GroupName").asText(), s.get("Name").asText())))
                .toList();
        int start = 0;
        if (query.get("NextToken") != null) {
            start = parseInt(query.get("NextToken"), -1, 0, Integer.MAX_VALUE);
            if (start < 0) {
                throw new AwsError(400, "ValidationException", "invalid NextToken");
            }
        }
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("Schedules");
        for (ObjectNode s : matching.subList(Math.min(start, matching.size()), Math.min(start + max, matching.size()))) {
            ObjectNode summary = items.addObject();
            for (String field : List.of("Arn", "CreationDate", "GroupName", "LastModificationDate", "Name", "State")) {
                summary.set(field, s.get(field));
            }
            summary.putObject("Target").set("Arn", s.path("Target").get("Arn"));
        }
        if (start + max < matching.size()) {
            response.put("NextToken", Integer.toString(start + max));
        }
        return response;
    }

    private ObjectNode existing(String group, String name) {
        ObjectNode schedule = schedules.get(key(group, name));
        if (schedule == null) {
            throw new AwsError(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
        }
        return schedule;
    }

    private JsonNode describe(ObjectNode schedule) {
        return schedule;
    }

    private void validate(String name, JsonNode body) {
        if (!NAME.matcher(name).matches()) {
            throw new AwsError(400, "ValidationException", "Name must be 1-64 characters of [0-9a-zA-Z-_.]");
        }
        String expression = text(body, "ScheduleExpression");
        if (expression == null) {
            throw new AwsError(400, "ValidationException", "ScheduleExpression is required");
        }
        if (!body.path("FlexibleTimeWindow").has("Mode")) {
            throw new AwsError(400, "ValidationException", "FlexibleTimeWindow.Mode is required");
        }
        JsonNode target = body.path("Target");
        if (!target.has("Arn") || !target.has("RoleArn")) {
            throw new AwsError(400, "ValidationException", "Target.Arn and Target.RoleArn are required");
        }
        if (!expression.startsWith("cron(")) {
            firstFire(expression, text(body, "ScheduleExpressionTimezone"), clock.instant(), name);
        }
        ZoneId.of(timezone(body)); // rejects unknown zones below
    }

    private ObjectNode definition(String name, String group, JsonNode body) {
        ObjectNode schedule = body.deepCopy();
        schedule.remove("ClientToken");
        schedule.put("Name", name);
        schedule.put("GroupName", group);
        schedule.put("Arn", "arn:aws:scheduler:" + region + ":" + account + ":schedule/" + group + "/" + name);
        if (!schedule.has("State")) {
            schedule.put("State", "ENABLED");
        }
        if (!schedule.has("ActionAfterCompletion")) {
            schedule.put("ActionAfterCompletion", "NONE");
        }
        return schedule;
    }

    /**
     * Creates or updates a schedule as a stack deployment would: created if absent, replaced if its
     * expression or target changed, left alone (with its firing history) otherwise.
     *
     * @param body the CreateSchedule request body
     */
    public synchronized void putSchedule(String name, JsonNode body) {
        ObjectNode stored = schedules.get(key(groupOf(text(body, "GroupName")), name));
        if (stored == null) {
            createSchedule(name, body);
        } else if (!stored.path("ScheduleExpression").equals(body.path("ScheduleExpression"))
                || !stored.path("Target").equals(body.path("Target"))) {
            updateSchedule(name, body);
        }
    }

    // ---- groups ----

    /** Creates a schedule group unless it exists, as a stack deployment would. */
    public synchronized void ensureGroup(String name) {
        if (!groups.containsKey(name)) {
            createGroup(name);
        }
    }

    private synchronized JsonNode createGroup(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new AwsError(400, "ValidationException", "Name must be 1-64 characters of [0-9a-zA-Z-_.]");
        }
        if (groups.containsKey(name)) {
            throw new AwsError(409, "ConflictException", "Schedule group " + name + " already exists.");
        }
        ObjectNode group = group(name);
        groups.put(name, group);
        saveGroups();
        return HttpJson.MAPPER.createObjectNode().put("ScheduleGroupArn", group.get("Arn").asText());
    }

    private JsonNode getGroup(String name) {
        requireGroup(name);
        return groups.get(name);
    }

    private JsonNode listGroups() {
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("ScheduleGroups");
        new TreeMap<>(groups).values().forEach(items::add);
        return response;
    }

    private synchronized JsonNode deleteGroup(String name) {
        requireGroup(name);
        if (DEFAULT_GROUP.equals(name)) {
            throw new AwsError(400, "ValidationException", "the default group cannot be deleted");
        }
        for (String key : new ArrayList<>(schedules.keySet())) {
            if (key.startsWith(name + "/")) {
                remove(key);
            }
        }
        groups.remove(name);
        saveGroups();
        return HttpJson.MAPPER.createObjectNode();
    }

    private void requireGroup(String name) {
        if (!groups.containsKey(name)) {
            throw new AwsError(404, "ResourceNotFoundException", "Schedule group " + name + " does not exist.");
        }
    }

    private ObjectNode group(String name) {
        ObjectNode group = HttpJson.MAPPER.createObjectNode();
        group.put("Name", name);
        group.put("Arn", "arn:aws:scheduler:" + region + ":" + account + ":schedule-group/" + name);
        group.put("State", "ACTIVE");
        double now = epochSeconds(clock.instant());
        group.put("CreationDate", now);
        group.put("LastModificationDate", now);
        return group;
    }

    // ---- firing ----

    private void arm(String key) {
        ScheduledFuture<?> previous = timers.remove(key);
        if (previous != null) {
            previous.cancel(false);
        }
        ObjectNode schedule = schedules.get(key);
        if (schedule == null || target == null || !"ENABLED".equals(schedule.path("State").asText())) {
            return;
        }
        String expression = schedule.get("ScheduleExpression").asText();
        if (expression.startsWith("cron(")) {
            LOG.log(System.Logger.Level.WARNING, "schedule " + key + ": cron() expressions are stored but not fired locally");
            return;
        }
        if (expression.startsWith("at(") && schedule.has("LastFired")) {
            return;
        }
        Instant created = Instant.ofEpochMilli((long) (schedule.get("CreationDate").asDouble() * 1000));
        Instant due = firstFire(expression, timezone(schedule), created, schedule.get("Name").asText());
        String firedKey = "LastFired";
        if (expression.startsWith("rate(") && schedule.has(firedKey)) {
            due = Instant.parse(schedule.get(firedKey).asText()).plus(period(expression, schedule.get("Name").asText()));
        }
        Instant fireAt = due;
        long delay = Math.max(0, Duration.between(clock.instant(), fireAt).toMillis());
        timers.put(key, timer.schedule(() -> deliveries.submit(() -> fire(key, schedule, fireAt, 1)),
                delay, TimeUnit.MILLISECONDS));
    }

    private void fire(String key, ObjectNode schedule, Instant scheduledTime, int attempt) {
        if (schedules.get(key) != schedule) {
            return; // updated or deleted since this firing was armed
        }
        JsonNode targetNode = schedule.get("Target");
        String executionId = UUID.randomUUID().toString();
        String input = substitute(targetNode.path("Input").asText("{}"), schedule, scheduledTime, executionId, attempt);
        try {
            target.deliver(targetNode.get("Arn").asText(), input);
            completed(key, schedule, scheduledTime);
        } catch (Exception e) {
            JsonNode retry = targetNode.path("RetryPolicy");
            int maxRetries = retry.path("MaximumRetryAttempts").asInt(185);
            long maxAgeSeconds = retry.path("MaximumEventAgeInSeconds").asLong(86400);
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 10));
            wait = wait.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : wait;
            boolean tooOld = clock.instant().plus(wait).isAfter(scheduledTime.plusSeconds(maxAgeSeconds));
            if (attempt <= maxRetries && !tooOld) {
                LOG.log(System.Logger.Level.INFO, "schedule " + key + ": delivery " + attempt + " failed (" + e.getMessage()
                        + "), retrying in " + wait.toMillis() + " ms");
                timer.schedule(() -> deliveries.submit(() -> fire(key, schedule, scheduledTime, attempt + 1)),
                        wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            deadLetter(schedule, input, e, attempt, executionId);
            completed(key, schedule, scheduledTime);
        }
    }

    private void deadLetter(ObjectNode schedule, String input, Exception e, int attempts, String executionId) {
        String queue = schedule.path("Target").path("DeadLetterConfig").path("Arn").asText(null);
        LOG.log(System.Logger.Level.WARNING, "schedule " + schedule.get("Arn").asText() + ": delivery failed after "
                + attempts + " attempts" + (queue == null ? "; no dead-letter queue, dropped" : "; sent to " + queue), e);
        if (queue != null && deadLetters != null) {
            deadLetters.send(queue, input, Map.of(
                    "ERROR_CODE", e.getClass().getSimpleName(),
                    "ERROR_MESSAGE", String.valueOf(e.getMessage()),
                    "EXECUTION_ID", executionId,
                    "RETRY_ATTEMPTS", Integer.toString(attempts - 1),
                    "SCHEDULE_ARN", schedule.get("Arn").asText(),
                    "TARGET_ARN", schedule.path("Target").path("Arn").asText()));
        }
    }

    private synchronized void completed(String key, ObjectNode schedule, Instant scheduledTime) {
        if (schedules.get(key) != schedule) {
            return;
        }
        if (schedule.get("ScheduleExpression").asText().startsWith("rate(")) {
            ObjectNode next = schedule.deepCopy();
            next.put("LastFired", scheduledTime.toString());
            store(key, next);
        } else if ("DELETE".equals(schedule.path("ActionAfterCompletion").asText())) {
            remove(key);
        } else {
            ObjectNode done = schedule.deepCopy();
            done.put("LastFired", scheduledTime.toString()); // an at() schedule fires once, even across restarts
            store(key, done);
        }
    }

    private String substitute(String input, ObjectNode schedule, Instant scheduledTime, String executionId, int attempt) {
        return input.replace("<aws.scheduler.scheduled-time>", scheduledTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .replace("<aws.scheduler.execution-id>", executionId)
                .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt))
                .replace("<aws.scheduler.schedule-arn>", schedule.get("Arn").asText());
    }

    private Instant firstFire(String expression, String zone, Instant created, String name) {
        Matcher at = AT.matcher(expression);
        if (at.matches()) {
            try {
                return LocalDateTime.parse(at.group(1)).atZone(ZoneId.of(zone == null ? "UTC" : zone)).toInstant();
            } catch (java.time.DateTimeException e) {
                throw new AwsError(400, "ValidationException", "Invalid Schedule Expression " + expression);
            }
        }
        return created.plus(period(expression, name));
    }

    private Duration period(String expression, String name) {
        for (Map.Entry<String, Duration> override : rateOverrides.entrySet()) {
            if (name.startsWith(override.getKey())) {
                return override.getValue();
            }
        }
        Matcher rate = RATE.matcher(expression);
        if (!rate.matches() || Long.parseLong(rate.group(1)) < 1) {
            throw new AwsError(400, "ValidationException", "Invalid Schedule Expression " + expression
                    + "; use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(...)");
        }
        long value = Long.parseLong(rate.group(1));
        return switch (rate.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(value);
            case "hour", "hours" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }

    // ---- persistence ----

    private void store(String key, ObjectNode schedule) {
        schedules.put(key, schedule);
        if (directory != null) {
            writeAtomically(scheduleFile(key), schedule.toString());
        }
        arm(key);
    }

    private void remove(String key) {
        schedules.remove(key);
        ScheduledFuture<?> armed = timers.remove(key);
        if (armed != null) {
            armed.cancel(false);
        }
        if (directory != null) {
            try {
                Files.deleteIfExists(scheduleFile(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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

    /** Names of the stored schedules, as {@code group/name}. */
    public Set<String> scheduleKeys() {
        return new TreeSet<>(schedules.keySet());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        deliveries.shutdownNow();
    }

    // ---- small helpers ----

    private static String key(String group, String name) {
        return group + "/" + name;
    }

    private static String groupOf(String group) {
        return group == null || group.isEmpty() ? DEFAULT_GROUP : group;
    }

    private static String timezone(JsonNode schedule) {
        String zone = text(schedule, "ScheduleExpressionTimezone");
        if (zone == null) {
            return "UTC";
        }
        try {
            ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new AwsError(400, "ValidationException", "Invalid ScheduleExpressionTimezone " + zone);
        }
        return zone;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static int parseInt(String value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new AwsError(400, "ValidationException", "value " + value + " out of range");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new AwsError(400, "ValidationException", "not a number: " + value);
        }
    }
}
