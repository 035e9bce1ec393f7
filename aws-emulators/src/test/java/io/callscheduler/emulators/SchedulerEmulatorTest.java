package io.callscheduler.emulators;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Scheduler emulator through the real SDK client: wire format, errors, firing, retries, persistence. */
class SchedulerEmulatorTest {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private SchedulerEmulator scheduler;
    private AwsEndpoint endpoint;
    private SchedulerClient client;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> deadLetters = new CopyOnWriteArrayList<>();

    private void start(Path directory) throws Exception {
        scheduler = new SchedulerEmulator("us-east-1", "000000000000", directory, Clock.systemUTC());
        endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(scheduler);
        client = Sdk.scheduler(endpoint.uri());
    }

    private void stop() {
        scheduler.close();
        endpoint.close();
        client.close();
    }

    @AfterEach
    void tearDown() {
        if (endpoint != null) {
            stop();
        }
    }

    private static CreateScheduleRequest.Builder at(String name, Instant when, String input) {
        return CreateScheduleRequest.builder().name(name).scheduleExpression("at(" + AT.format(when) + ")")
                .scheduleExpressionTimezone("UTC").flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:f").roleArn("arn:aws:iam::000000000000:role/r")
                        .input(input).retryPolicy(r -> r.maximumRetryAttempts(1).maximumEventAgeInSeconds(60))
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq")));
    }

    @Test
    void storesSchedulesWithTheAwsWireFormatAndErrors() throws Exception {
        start(null);
        Instant when = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        client.createScheduleGroup(r -> r.name("app"));
        String arn = client.createSchedule(at("call-1", when, "{\"a\":1}").groupName("app").build()).scheduleArn();
        assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/app/call-1");

        var schedule = client.getSchedule(r -> r.name("call-1").groupName("app"));
        assertThat(schedule.scheduleExpression()).isEqualTo("at(" + AT.format(when) + ")");
        assertThat(schedule.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(schedule.target().input()).isEqualTo("{\"a\":1}");
        assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(1);
        assertThat(schedule.creationDate()).isCloseTo(Instant.now(), within());
        assertThat(schedule.stateAsString()).isEqualTo("ENABLED");

        assertThatThrownBy(() -> client.createSchedule(at("call-1", when, "{}").groupName("app").build()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> client.createSchedule(at("call-2", when, "{}").groupName("missing").build()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.createSchedule(at("bad name!", when, "{}").build()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.createSchedule(at("call-3", when, "{}").scheduleExpression("at(tomorrow)").build()))
                .isInstanceOf(ValidationException.class);

        client.updateSchedule(r -> r.name("call-1").groupName("app").scheduleExpression("at(" + AT.format(when.plusSeconds(60)) + ")")
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:f").roleArn("arn:aws:iam::000000000000:role/r")));
        assertThat(client.getSchedule(r -> r.name("call-1").groupName("app")).scheduleExpression())
                .isEqualTo("at(" + AT.format(when.plusSeconds(60)) + ")");

        client.deleteSchedule(r -> r.name("call-1").groupName("app"));
        assertThatThrownBy(() -> client.getSchedule(r -> r.name("call-1").groupName("app")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteSchedule(r -> r.name("call-1").groupName("app")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listsByGroupAndPrefixAcrossPages() throws Exception {
        start(null);
        client.createScheduleGroup(r -> r.name("g"));
        Instant when = Instant.now().plus(Duration.ofDays(1));
        for (int i = 0; i < 7; i++) {
            client.createSchedule(at("call-" + i, when, "{}").groupName("g").build());
        }
        client.createSchedule(at("other", when, "{}").groupName("g").build());
        client.createSchedule(at("call-x", when, "{}").build());

        List<String> names = client.listSchedulesPaginator(r -> r.groupName("g").namePrefix("call-").maxResults(3))
                .schedules().stream().map(ScheduleSummary::name).toList();
        assertThat(names).containsExactly("call-0", "call-1", "call-2", "call-3", "call-4", "call-5", "call-6");
        assertThat(client.listScheduleGroups(r -> { }).scheduleGroups()).extracting(g -> g.name()).contains("default", "g");
    }

    @Test
    void firesAtTheTimeWithContextAttributesAndDeletesAfterwards() throws Exception {
        start(null);
        scheduler.startFiring((arn, input) -> delivered.add(arn + " " + input), (q, b, a) -> deadLetters.add(a));
        Instant when = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        client.createSchedule(at("fire-me", when,
                "{\"t\":\"<aws.scheduler.scheduled-time>\",\"x\":\"<aws.scheduler.execution-id>\",\"n\":\"<aws.scheduler.attempt-number>\"}").build());

        await().atMost(Duration.ofSeconds(4)).until(() -> delivered.size() == 1);
        assertThat(Instant.now()).isBetween(when, when.plusSeconds(1));
        assertThat(delivered.get(0)).startsWith("arn:aws:lambda:us-east-1:000000000000:function:f {\"t\":\"" + when + "\",\"x\":\"")
                .endsWith("\",\"n\":\"1\"}").doesNotContain("<aws.scheduler");
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThatThrownBy(() ->
                client.getSchedule(r -> r.name("fire-me"))).isInstanceOf(ResourceNotFoundException.class));
    }

    @Test
    void retriesAFailingDeliveryThenDeadLettersIt() throws Exception {
        start(null);
        scheduler.startFiring((arn, input) -> {
            delivered.add(input);
            throw new IllegalStateException("target down");
        }, (queue, body, attributes) -> deadLetters.add(Map.of("queue", queue, "body", body, "error", attributes.get("ERROR_MESSAGE"),
                "retries", attributes.get("RETRY_ATTEMPTS"))));
        client.createSchedule(at("failing", Instant.now(), "{\"n\":\"<aws.scheduler.attempt-number>\"}").build());

        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters.size() == 1);
        assertThat(delivered).containsExactly("{\"n\":\"1\"}", "{\"n\":\"2\"}");
        assertThat(deadLetters.get(0)).containsEntry("queue", "arn:aws:sqs:us-east-1:000000000000:dlq")
                .containsEntry("body", "{\"n\":\"2\"}").containsEntry("error", "target down").containsEntry("retries", "1");
        assertThatThrownBy(() -> client.getSchedule(r -> r.name("failing"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void schedulesSurviveARestartAndThoseDueMeanwhileFireOnStart(@TempDir Path directory) throws Exception {
        start(directory);
        client.createScheduleGroup(r -> r.name("app"));
        // Not firing yet, so this one is stored only: it is overdue when the emulator starts again.
        client.createSchedule(at("due-while-down", Instant.now().minusSeconds(5), "{\"id\":1}").groupName("app").build());
        client.createSchedule(at("later", Instant.now().plus(Duration.ofHours(1)), "{\"id\":2}").groupName("app").build());
        stop();

        start(directory);
        assertThat(client.getSchedule(r -> r.name("later").groupName("app")).target().input()).isEqualTo("{\"id\":2}");
        scheduler.startFiring((arn, input) -> delivered.add(input), (q, b, a) -> { });
        await().atMost(Duration.ofSeconds(2)).until(() -> delivered.equals(List.of("{\"id\":1}")));
        assertThat(scheduler.scheduleKeys()).containsExactly("app/later");
    }

    @Test
    void aRateScheduleFiresRepeatedlyAtAnOverriddenPace() throws Exception {
        start(null);
        scheduler.overrideRate("sync", Duration.ofMillis(300));
        scheduler.startFiring((arn, input) -> delivered.add(input), (q, b, a) -> { });
        client.createSchedule(r -> r.name("sync-every-minute").scheduleExpression("rate(1 minute)")
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:sync").roleArn("arn:aws:iam::000000000000:role/r")
                        .input("{}")));
        await().atMost(Duration.ofSeconds(3)).until(() -> delivered.size() >= 3);
        assertThat(client.getSchedule(r -> r.name("sync-every-minute")).scheduleExpression()).isEqualTo("rate(1 minute)");
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(5, ChronoUnit.SECONDS);
    }
}
