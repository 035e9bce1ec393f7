package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SchedulerEmulator;
import io.callscheduler.localcloud.template.SamTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The template's ScheduleV2 events, created in the default group as SAM would. */
final class TemplateSchedules {
    private TemplateSchedules() {
    }

    /**
     * @param statusSyncEvery the local rate that replaces each schedule's (--status-sync-every), or null
     * @param step            where each schedule's progress line goes
     */
    static void create(List<SamTemplate.Function> functions, String stackName, Duration statusSyncEvery,
                       LambdaEmulator lambda, SchedulerEmulator scheduler, Consumer<String> step) {
        for (SamTemplate.Function function : functions) {
            for (SamTemplate.ScheduleEvent event : function.schedules()) {
                String name = stackName + "-" + function.logicalId() + "-" + event.eventId();
                ObjectNode body = HttpJson.MAPPER.createObjectNode();
                body.put("GroupName", "default");
                body.put("ScheduleExpression", event.expression());
                body.putObject("FlexibleTimeWindow").put("Mode", "OFF");
                ObjectNode target = body.putObject("Target");
                // As SAM does, a function with AutoPublishAlias is scheduled through its alias.
                target.put("Arn", lambda.arnOf(function.name()) + (function.alias() == null ? "" : ":" + function.alias()));
                target.put("RoleArn", "arn:aws:iam::" + LocalCloud.ACCOUNT + ":role/" + name);
                target.put("Input", event.input() == null ? "{}" : event.input());
                if (statusSyncEvery != null) {
                    scheduler.overrideRate(name, statusSyncEvery);
                }
                scheduler.putSchedule(name, body);
                step.accept("Schedule " + name + ": " + event.expression()
                        + (statusSyncEvery == null ? "" : " (locally every " + human(statusSyncEvery) + ")"));
            }
        }
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * Runs each scheduled function once now, as its schedule would, for a restart: what the last stop cut off (dials
     * mid-request, a campaign's next contacts) is taken up at once rather than at the schedule's next firing, up to
     * a period away.
     */
    static void runOnceNow(List<SamTemplate.Function> functions, LambdaEmulator lambda, Consumer<String> step) {
        for (SamTemplate.Function function : functions) {
            for (SamTemplate.ScheduleEvent event : function.schedules()) {
                String target = lambda.arnOf(function.name()) + (function.alias() == null ? "" : ":" + function.alias());
                lambda.invokeAsync(target, (event.input() == null ? "{}" : event.input()).getBytes(StandardCharsets.UTF_8));
                step.accept("Running " + function.name() + " once now, to take up what the last stop cut off");
            }
        }
    }
}
