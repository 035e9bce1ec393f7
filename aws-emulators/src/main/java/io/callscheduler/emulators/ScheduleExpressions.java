package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's schedule expressions as the emulator understands them: {@code at(yyyy-mm-ddThh:mm:ss)}
 * in the schedule's time zone, and {@code rate(value unit)}, whose period a local override may shorten.
 * {@code cron()} is accepted but never fires. Invalid expressions are refused as AWS refuses them.
 */
final class ScheduleExpressions {
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private final Map<String, Duration> rateOverrides = new ConcurrentHashMap<>();

    static boolean isAt(String expression) {
        return expression.startsWith("at(");
    }

    static boolean isRate(String expression) {
        return expression.startsWith("rate(");
    }

    static boolean isCron(String expression) {
        return expression.startsWith("cron(");
    }

    /** Schedules whose name starts with {@code namePrefix} fire every {@code period} instead of their rate. */
    void overrideRate(String namePrefix, Duration period) {
        rateOverrides.put(namePrefix, period);
    }

    /** When a schedule first fires: its {@code at()} time, or one period after {@code created}. */
    Instant firstFire(String expression, String zone, Instant created, String name) {
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

    /** The period of a {@code rate()} schedule (or its local override). */
    Duration period(String expression, String name) {
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

    /** The schedule's {@code ScheduleExpressionTimezone}, UTC by default; an unknown zone is refused. */
    static String timezone(JsonNode schedule) {
        JsonNode value = schedule.get("ScheduleExpressionTimezone");
        if (value == null || value.isNull()) {
            return "UTC";
        }
        String zone = value.asText();
        try {
            ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new AwsError(400, "ValidationException", "Invalid ScheduleExpressionTimezone " + zone);
        }
        return zone;
    }
}
