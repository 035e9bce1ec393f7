package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callscheduler.emulators.usage.AwsUsage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler, emulated: the REST-JSON API (schedules and schedule groups) in front of three parts,
 * each with one job: {@link ScheduleStore} keeps schedules and groups (on disk when a directory is given),
 * {@link ScheduleExpressions} reads {@code at()} and {@code rate()} expressions, and {@link ScheduleFiring}
 * fires them (an {@code at()} schedule at its time, to the millisecond, not within its minute as on AWS),
 * retries failed deliveries and dead-letters them. Schedules that came due while the emulator was down fire
 * as soon as it starts firing.
 */
public final class SchedulerEmulator implements AwsService, AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final String DEFAULT_GROUP = "default";

    private final String region;
    private final String account;
    private final Clock clock;
    private final ScheduleStore store;
    private final ScheduleExpressions expressions = new ScheduleExpressions();
    private final ScheduleFiring firing;
    private volatile AwsUsage usage = new AwsUsage();
    /** The API's operation names, by the method and path shape that ask for them. */
    private static final Map<String, String> SCHEDULE_OPERATIONS = Map.of("GET", "ListSchedules", "POST name", "CreateSchedule",
            "PUT name", "UpdateSchedule", "GET name", "GetSchedule", "DELETE name", "DeleteSchedule");
    private static final Map<String, String> GROUP_OPERATIONS = Map.of("GET", "ListScheduleGroups", "POST name",
            "CreateScheduleGroup", "GET name", "GetScheduleGroup", "DELETE name", "DeleteScheduleGroup");

    /**
     * @param directory where schedules persist, or null to keep them in memory only
     */
    public SchedulerEmulator(String region, String account, Path directory, Clock clock) {
        this.region = region;
        this.account = account;
        this.clock = clock;
        this.store = new ScheduleStore(directory);
        this.firing = new ScheduleFiring(store, expressions, clock);
        if (store.group(DEFAULT_GROUP) == null) {
            store.groups().put(DEFAULT_GROUP, group(DEFAULT_GROUP));
        }
    }

    /**
     * Starts firing: every schedule due (including those that came due while stopped) fires now, the rest
     * at their time. Until this is called schedules are only stored.
     */
    public void startFiring(ScheduleTarget target, DeadLetterSink deadLetters) {
        firing.start(target, deadLetters);
    }

    /**
     * Fires {@code at()} schedules as AWS documents, somewhere within the minute of their time, instead of
     * at the time exactly (set before firing starts).
     */
    public void fireWithinTheMinute(boolean awsTiming) {
        firing.timing(awsTiming ? ScheduleFiring.Timing.AWS : ScheduleFiring.Timing.EXACT);
    }

    /**
     * Makes {@code rate()} schedules whose name starts with {@code namePrefix} fire every {@code period}
     * instead (a faster local pace for periodic jobs).
     */
    public void overrideRate(String namePrefix, Duration period) {
        expressions.overrideRate(namePrefix, period);
    }

    /** Counts every API request, and every delivery of a schedule to its target, into {@code usage}. */
    public SchedulerEmulator meteredBy(AwsUsage usage) {
        this.usage = usage;
        firing.meteredBy(usage);
        return this;
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
            String request = method + (segments.length == 0 ? "" : " name");
            usage.request("scheduler", GROUP_OPERATIONS.getOrDefault(request, request));
            HttpJson.send(exchange, 200, switch (request) {
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
            String request = method + (segments.length == 0 ? "" : " name");
            usage.request("scheduler", SCHEDULE_OPERATIONS.getOrDefault(request, request));
            HttpJson.send(exchange, 200, switch (request) {
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

    private JsonNode createSchedule(String name, JsonNode body) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            String group = groupOf(text(body, "GroupName"));
            requireGroup(group);
            validate(name, body);
            String key = key(group, name);
            if (store.contains(key)) {
                throw new AwsError(409, "ConflictException", "Schedule " + name + " already exists.");
            }
            ObjectNode schedule = definition(name, group, body);
            double now = epochSeconds(clock.instant());
            schedule.put("CreationDate", now);
            schedule.put("LastModificationDate", now);
            store.put(key, schedule);
            return HttpJson.MAPPER.createObjectNode().put("ScheduleArn", schedule.get("Arn").asText());
        }
    }

    private JsonNode updateSchedule(String name, JsonNode body) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            String group = groupOf(text(body, "GroupName"));
            ObjectNode previous = existing(group, name);
            validate(name, body);
            ObjectNode schedule = definition(name, group, body);
            schedule.set("CreationDate", previous.get("CreationDate"));
            schedule.put("LastModificationDate", epochSeconds(clock.instant()));
            store.put(key(group, name), schedule);
            return HttpJson.MAPPER.createObjectNode().put("ScheduleArn", schedule.get("Arn").asText());
        }
    }

    private JsonNode deleteSchedule(String group, String name) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            existing(group, name);
            store.remove(key(group, name));
            return HttpJson.MAPPER.createObjectNode();
        }
    }

    private JsonNode listSchedules(Map<String, String> query) {
        String group = query.get("ScheduleGroup");
        String prefix = query.getOrDefault("NamePrefix", "");
        String state = query.get("State");
        int max = parseInt(query.get("MaxResults"), 100, 1, 100);
        List<ObjectNode> matching = store.all().stream()
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
        ObjectNode schedule = store.get(key(group, name));
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
            expressions.firstFire(expression, text(body, "ScheduleExpressionTimezone"), clock.instant(), name);
        }
        ScheduleExpressions.timezone(body); // rejects an unknown zone
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
    public void putSchedule(String name, JsonNode body) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            ObjectNode stored = store.get(key(groupOf(text(body, "GroupName")), name));
            if (stored == null) {
                createSchedule(name, body);
            } else if (!stored.path("ScheduleExpression").equals(body.path("ScheduleExpression"))
                    || !stored.path("Target").equals(body.path("Target"))) {
                updateSchedule(name, body);
            }
        }
    }

    // ---- groups ----

    /** Creates a schedule group unless it exists, as a stack deployment would. */
    public void ensureGroup(String name) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            if (!(store.group(name) != null)) {
                createGroup(name);
            }
        }
    }

    private JsonNode createGroup(String name) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            if (!NAME.matcher(name).matches()) {
                throw new AwsError(400, "ValidationException", "Name must be 1-64 characters of [0-9a-zA-Z-_.]");
            }
            if ((store.group(name) != null)) {
                throw new AwsError(409, "ConflictException", "Schedule group " + name + " already exists.");
            }
            ObjectNode group = group(name);
            store.putGroup(name, group);
            return HttpJson.MAPPER.createObjectNode().put("ScheduleGroupArn", group.get("Arn").asText());
        }
    }

    private JsonNode getGroup(String name) {
        requireGroup(name);
        return store.group(name);
    }

    private JsonNode listGroups() {
        ObjectNode response = HttpJson.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("ScheduleGroups");
        new TreeMap<>(store.groups()).values().forEach(items::add);
        return response;
    }

    private JsonNode deleteGroup(String name) {
        synchronized (store) { // one change at a time, as the firing completes schedules too
            requireGroup(name);
            if (DEFAULT_GROUP.equals(name)) {
                throw new AwsError(400, "ValidationException", "the default group cannot be deleted");
            }
            for (String key : store.keys()) {
                if (key.startsWith(name + "/")) {
                    store.remove(key);
                }
            }
            store.removeGroup(name);
            return HttpJson.MAPPER.createObjectNode();
        }
    }

    private void requireGroup(String name) {
        if (!(store.group(name) != null)) {
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

    /** Names of the stored schedules, as {@code group/name}. */
    public Set<String> scheduleKeys() {
        return store.keys();
    }

    @Override
    public void close() {
        firing.close();
    }

    // ---- small helpers ----

    private static String key(String group, String name) {
        return ScheduleStore.key(group, name);
    }

    private static String groupOf(String group) {
        return group == null || group.isEmpty() ? DEFAULT_GROUP : group;
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
