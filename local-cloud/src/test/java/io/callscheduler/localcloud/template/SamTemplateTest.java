package io.callscheduler.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local cloud's reading of template.yaml: what it runs is what the template deploys. */
class SamTemplateTest {
    private static final SamTemplate.Environment LOCAL = new SamTemplate.Environment("call-scheduler", "us-east-1",
            "000000000000", "http://localhost:4566");

    private final SamTemplate template = SamTemplate.read(LocalAws.templatePath(),
            Map.of("CallApiUrl", "http://localhost:5000", "AllowedOrigin", "http://localhost:8080"), LOCAL);

    @Test
    void everyFunctionOfTheTemplateWithItsHandlerAndSettings() throws Exception {
        JsonNode raw = new ObjectMapper(new YAMLFactory()).readTree(LocalAws.templatePath().toFile());
        List<String> declared = new ArrayList<>();
        raw.path("Resources").fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                declared.add(r.getKey());
            }
        });

        assertThat(template.functions()).extracting(SamTemplate.Function::logicalId).containsExactlyElementsOf(declared);
        SamTemplate.Function dispatch = function("DispatchFunction");
        assertThat(dispatch.name()).isEqualTo("call-scheduler-dispatch");
        assertThat(dispatch.handler()).isEqualTo(raw.path("Resources").path("DispatchFunction").path("Properties").path("Handler").asText());
        assertThat(dispatch.timeoutSeconds()).isEqualTo(200);
        assertThat(dispatch.memoryMb()).isEqualTo(1024);
        assertThat(dispatch.onFailureQueueLogicalId()).isEqualTo("DispatchDeadLetterQueue");
    }

    @Test
    void environmentIsResolvedFromGlobalsParametersAndResources() {
        Map<String, String> env = function("CreateCallFunction").environment();

        assertThat(env).containsEntry("TABLE_NAME", "call-scheduler-CallsTable")
                .containsEntry("SCHEDULE_GROUP_NAME", "call-scheduler-calls")
                .containsEntry("DISPATCH_FUNCTION_ARN", "arn:aws:lambda:us-east-1:000000000000:function:call-scheduler-dispatch:live")
                .containsEntry("SCHEDULER_ROLE_ARN", "arn:aws:iam::000000000000:role/call-scheduler-SchedulerRole")
                .containsEntry("DEAD_LETTER_QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:call-scheduler-dispatch-dlq")
                .containsEntry("CALL_API_URL", "http://localhost:5000")
                .containsEntry("ALLOWED_ORIGIN", "http://localhost:8080")
                // !If [HasCallApiAuthHeader, ..., !Ref AWS::NoValue] with the default '' leaves it out
                .doesNotContainKey("CALL_API_AUTH_HEADER");
    }

    @Test
    void everyRouteButTheWebhooksRequiresTheApiKeyUnlessTurnedOff() {
        assertThat(template.api().apiKeyRequired()).isTrue();
        assertThat(template.functions()).flatExtracting(SamTemplate.Function::routes)
                .filteredOn(route -> !template.api().apiKeyRequired(route))
                .extracting(SamTemplate.Route::path).containsExactlyInAnyOrder("/webhooks/twilio/status", "/webhooks/generic/status",
                        "/webhooks/twilio/opt-out", "/openapi.json");

        SamTemplate open = SamTemplate.read(LocalAws.templatePath(), Map.of("AllowedOrigin", "http://localhost:8080",
                "ApiKeyRequired", "false"), LOCAL);
        assertThat(open.api().apiKeyRequired()).isFalse();
        assertThat(open.functions()).flatExtracting(SamTemplate.Function::routes).noneMatch(open.api()::apiKeyRequired);
    }

    /** SnapStart on by default, off by the parameter; the alias and the ARN that names it either way. */
    @Test
    void everyFunctionHasTheAliasAndSnapStartFollowsItsParameter() {
        assertThat(template.functions()).allSatisfy(f -> {
            assertThat(f.alias()).isEqualTo("live");
            assertThat(f.snapStart()).isTrue();
        });
        SamTemplate off = SamTemplate.read(LocalAws.templatePath(), Map.of("SnapStart", "false",
                "AllowedOrigin", "http://localhost:8080"), LOCAL);
        assertThat(off.functions()).allSatisfy(f -> {
            assertThat(f.alias()).isEqualTo("live");
            assertThat(f.snapStart()).isFalse();
            assertThat(f.environment().get("DISPATCH_FUNCTION_ARN")).endsWith(":function:call-scheduler-dispatch:live");
        });
        assertThatThrownBy(() -> SamTemplate.read(LocalAws.templatePath(), Map.of("SnapStart", "yes"), LOCAL))
                .hasMessageContaining("SnapStart");
    }

    @Test
    void conditionsFollowTheParameters() {
        SamTemplate withAuth = SamTemplate.read(LocalAws.templatePath(), Map.of("CallApiAuthHeader", "Authorization: Bearer x",
                "AllowedOrigin", "http://localhost:8080"), LOCAL);

        assertThat(withAuth.functions().get(0).environment()).containsEntry("CALL_API_AUTH_HEADER", "Authorization: Bearer x");
    }

    @Test
    void routesSchedulesCorsAndResources() {
        assertThat(template.functions()).flatExtracting(SamTemplate.Function::routes).containsExactlyInAnyOrder(
                new SamTemplate.Route("POST", "/calls", null), new SamTemplate.Route("GET", "/calls", null),
                new SamTemplate.Route("GET", "/calls/{id}", null), new SamTemplate.Route("GET", "/calls/counts", null),
                new SamTemplate.Route("DELETE", "/calls/{id}", null),
                new SamTemplate.Route("PATCH", "/calls/{id}", null),
                new SamTemplate.Route("PUT", "/suppressions/{phoneNumber}", null),
                new SamTemplate.Route("DELETE", "/suppressions/{phoneNumber}", null),
                new SamTemplate.Route("GET", "/suppressions", null),
                new SamTemplate.Route("GET", "/reports/outcomes", null),
                new SamTemplate.Route("POST", "/series", null), new SamTemplate.Route("GET", "/series", null),
                new SamTemplate.Route("POST", "/series/preview", null), new SamTemplate.Route("GET", "/series/{id}", null),
                new SamTemplate.Route("PATCH", "/series/{id}", null), new SamTemplate.Route("DELETE", "/series/{id}", null),
                new SamTemplate.Route("GET", "/series/{id}/calls", null),
                new SamTemplate.Route("POST", "/series/{id}/pause", null), new SamTemplate.Route("POST", "/series/{id}/resume", null),
                new SamTemplate.Route("POST", "/suppressions", null),
                new SamTemplate.Route("POST", "/webhook-endpoints", null), new SamTemplate.Route("GET", "/webhook-endpoints", null),
                new SamTemplate.Route("GET", "/webhook-endpoints/{id}", null),
                new SamTemplate.Route("PATCH", "/webhook-endpoints/{id}", null),
                new SamTemplate.Route("DELETE", "/webhook-endpoints/{id}", null),
                new SamTemplate.Route("POST", "/webhook-endpoints/{id}/rotate-secret", null),
                new SamTemplate.Route("GET", "/webhook-endpoints/{id}/deliveries", null),
                new SamTemplate.Route("POST", "/webhook-endpoints/{id}/deliveries/{messageId}/replay", null),
                new SamTemplate.Route("POST", "/webhook-endpoints/{id}/recover", null),
                new SamTemplate.Route("POST", "/webhook-endpoints/{id}/test", null),
                // Signed by the provider, which sends no API key.
                new SamTemplate.Route("POST", "/webhooks/twilio/status", false),
                new SamTemplate.Route("POST", "/webhooks/twilio/opt-out", false),
                new SamTemplate.Route("POST", "/webhooks/generic/status", false), new SamTemplate.Route("GET", "/calling-hours", null),
                new SamTemplate.Route("POST", "/campaigns", null), new SamTemplate.Route("GET", "/campaigns", null),
                new SamTemplate.Route("GET", "/campaigns/{id}", null), new SamTemplate.Route("PATCH", "/campaigns/{id}", null),
                new SamTemplate.Route("POST", "/campaigns/{id}/start", null), new SamTemplate.Route("POST", "/campaigns/{id}/pause", null),
                new SamTemplate.Route("POST", "/campaigns/{id}/resume", null), new SamTemplate.Route("POST", "/campaigns/{id}/stop", null),
                new SamTemplate.Route("GET", "/campaigns/{id}/results.csv", null),
                new SamTemplate.Route("POST", "/campaigns/{id}/contacts", null),
                // The API's description, public.
                new SamTemplate.Route("GET", "/openapi.json", false));
        assertThat(function("CampaignRunnerFunction").schedules()).singleElement()
                .extracting(SamTemplate.ScheduleEvent::expression).isEqualTo("rate(1 minute)");
        assertThat(function("StatusSyncFunction").schedules()).singleElement()
                .extracting(SamTemplate.ScheduleEvent::expression).isEqualTo("rate(1 minute)");
        assertThat(template.api().stageName()).isEqualTo("Prod");
        assertThat(template.api().cors()).isEqualTo(new SamTemplate.Cors("http://localhost:8080",
                "GET,POST,PUT,PATCH,DELETE,OPTIONS", "Content-Type,X-Api-Key,Idempotency-Key", "600"));
        assertThat(template.api().gatewayResponseHeaders(403)).containsEntry("Access-Control-Allow-Origin", "http://localhost:8080");
        assertThat(template.api().gatewayResponseHeaders(502)).containsEntry("Access-Control-Allow-Origin", "http://localhost:8080");
        assertThat(template.tables()).containsOnlyKeys("call-scheduler-CallsTable");
        assertThat(template.scheduleGroups()).containsExactly("call-scheduler-calls");
        assertThat(template.queues()).containsExactlyInAnyOrderEntriesOf(Map.of("DispatchDeadLetterQueue", "call-scheduler-dispatch-dlq",
                "WebhookDeliveryQueue", "call-scheduler-webhook-delivery",
                "WebhookDeliveryDeadLetterQueue", "call-scheduler-webhook-delivery-dlq",
                "EventFanOutFailuresQueue", "call-scheduler-event-fan-out-failures",
                "OutcomeAggregatesFailuresQueue", "call-scheduler-outcome-aggregates-failures",
                "SeriesRollerFailuresQueue", "call-scheduler-series-roller-failures"));
        assertThat(template.queueAttributes("WebhookDeliveryQueue")).containsEntry("VisibilityTimeout", "360")
                .containsEntry("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:call-scheduler-webhook-delivery-dlq\",\"maxReceiveCount\":\"5\"}");
        assertThat(template.streamEvents()).filteredOn(e -> e.functionName().equals("call-scheduler-event-fan-out"))
                .singleElement().satisfies(e -> {
                    assertThat(e.tableName()).isEqualTo("call-scheduler-CallsTable");
                    assertThat(e.startingPosition()).isEqualTo("TRIM_HORIZON");
                    assertThat(e.reportBatchItemFailures()).isTrue();
                    assertThat(e.onFailureQueueArn()).endsWith(":call-scheduler-event-fan-out-failures");
                });
    }

    @Test
    void whatCannotBeResolvedLocallyIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Runtime: java21
                      Environment:
                        Variables:
                          ZONE: !Select [0, !GetAZs '']
                """);
        SamTemplate unsupported = SamTemplate.read(file, Map.of(), LOCAL);

        assertThatThrownBy(unsupported::functions).isInstanceOf(SamTemplate.TemplateException.class)
                .hasMessageContaining("Fn::Select is not resolved by the local cloud");
        assertThatThrownBy(() -> SamTemplate.read(file, Map.of("Nope", "x"), LOCAL))
                .hasMessageContaining("parameter Nope is not declared");
    }

    @Test
    void eventSourceMappingsAndQueueAttributesAreReadWithSamsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
                  Deliveries:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub ${AWS::StackName}-deliveries
                      VisibilityTimeout: 60
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt DeliveriesDlq.Arn
                        maxReceiveCount: 5
                  DeliveriesDlq:
                    Type: AWS::SQS::Queue
                  FanOut:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.FanOut::handleRequest
                      Runtime: java17
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt Table.StreamArn
                            StartingPosition: TRIM_HORIZON
                            BatchSize: 25
                            MaximumBatchingWindowInSeconds: 1
                            FunctionResponseTypes: [ReportBatchItemFailures]
                            MaximumRetryAttempts: 10
                            BisectBatchOnFunctionError: true
                            DestinationConfig:
                              OnFailure:
                                Destination: !GetAtt DeliveriesDlq.Arn
                  Deliver:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.Deliver::handleRequest
                      Runtime: java17
                      Environment:
                        Variables:
                          STREAM: !GetAtt Table.StreamArn
                      Events:
                        Queued:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Deliveries.Arn
                        Paused:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt DeliveriesDlq.Arn
                            Enabled: false
                """);
        SamTemplate mapped = SamTemplate.read(file, Map.of(), LOCAL);

        assertThat(mapped.functions()).hasSize(2); // the events are no reason to refuse the functions
        assertThat(mapped.streamEvents()).containsExactly(new SamTemplate.StreamEvent("call-scheduler-FanOut", "Changes",
                "call-scheduler-Table", "TRIM_HORIZON", 25, 1, true, 10, true,
                "arn:aws:sqs:us-east-1:000000000000:call-scheduler-DeliveriesDlq"));
        assertThat(mapped.queueEvents()).as("Enabled: false left out").containsExactly(new SamTemplate.QueueEvent(
                "call-scheduler-Deliver", "Queued", "call-scheduler-deliveries", 10, 0, false));
        assertThat(mapped.queueAttributes("Deliveries")).containsEntry("VisibilityTimeout", "60")
                .containsEntry("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:call-scheduler-DeliveriesDlq\",\"maxReceiveCount\":\"5\"}")
                .doesNotContainKey("QueueName");
        assertThat(mapped.functions().get(1).environment().get("STREAM"))
                .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/call-scheduler-Table/stream/*");

        Files.writeString(file, Files.readString(file).replace("StartingPosition: TRIM_HORIZON", "StartingPosition: AT_TIMESTAMP"));
        assertThatThrownBy(() -> SamTemplate.read(file, Map.of(), LOCAL).streamEvents())
                .hasMessageContaining("StartingPosition AT_TIMESTAMP is not run by the local cloud");
    }

    @Test
    void theCallsTableHasTheStreamTheEventsAreEmittedFrom() {
        assertThat(template.tables().get("call-scheduler-CallsTable")).containsEntry("StreamSpecification",
                Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
    }

    private SamTemplate.Function function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
