package io.callscheduler;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml and the code agree: handlers, routes, settings, indexes, schedules, least privilege. */
public class TemplateTest {
    private static JsonNode resources;
    private static JsonNode template;

    @BeforeAll
    static void read() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(LocalAws.templatePath().toFile());
        resources = template.get("Resources");
    }

    private static List<Map.Entry<String, JsonNode>> functions() {
        List<Map.Entry<String, JsonNode>> functions = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::Serverless::Function".equals(e.getValue().path("Type").asText())) {
                functions.add(e);
            }
        });
        return functions;
    }

    @Test
    void everyHandlerExistsWithTheConstructorsTheRuntimesUse() throws Exception {
        assertThat(functions()).hasSize(53);
        for (Map.Entry<String, JsonNode> function : functions()) {
            String handler = function.getValue().path("Properties").path("Handler").asText();
            assertThat(handler).as(function.getKey()).endsWith("::handleRequest");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
                    .as(handler).isTrue();
            assertThat(type.getConstructor()).as("Lambda runtime constructor of " + handler).isNotNull();
            assertThat(type.getConstructor(Map.class)).as("local cloud constructor of " + handler).isNotNull();
        }
    }

    @Test
    void theApiHasExactlyTheDocumentedRoutes() {
        Set<String> routes = new HashSet<>();
        for (Map.Entry<String, JsonNode> function : functions()) {
            function.getValue().path("Properties").path("Events").forEach(event -> {
                if ("Api".equals(event.path("Type").asText())) {
                    routes.add(event.path("Properties").path("Method").asText().toUpperCase() + " "
                            + event.path("Properties").path("Path").asText());
                }
            });
        }
        assertThat(routes).containsExactlyInAnyOrderElementsOf(readmeRoutes());
    }

    /** The routes of the README's API table (rows such as | `GET /calls/{id}` | ...); the local cloud's tests use it too. */
    public static Set<String> readmeRoutes() {
        Path readme = LocalAws.templatePath().resolveSibling("README.md");
        Set<String> routes = new HashSet<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\| `((GET|POST|PUT|PATCH|DELETE) /\\S+)` \\|");
        try {
            for (String line : Files.readAllLines(readme)) {
                java.util.regex.Matcher matcher = row.matcher(line);
                if (matcher.find()) {
                    routes.add(matcher.group(1));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(routes).as("routes documented in README.md").isNotEmpty();
        return routes;
    }

    @Test
    void functionsGetEverySettingTheCodeRequires() {
        JsonNode variables = template.path("Globals").path("Function").path("Environment").path("Variables");
        for (String name : List.of("TABLE_NAME", "SCHEDULE_GROUP_NAME", "DISPATCH_FUNCTION_ARN", "SCHEDULER_ROLE_ARN",
                "DEAD_LETTER_QUEUE_ARN", "CALL_API_URL", "CALL_API_AUTH_HEADER", "ALLOWED_ORIGIN")) {
            assertThat(variables.has(name)).as(name).isTrue();
        }
    }

    @Test
    void theTableHasTheIndexesTheStoreQueries() {
        JsonNode table = resources.path("CallsTable").path("Properties");
        List<String> indexes = new ArrayList<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(i.path("IndexName").asText()));
        assertThat(indexes).containsExactlyInAnyOrder(DynamoDbCallStore.BY_STATUS, DynamoDbCallStore.BY_SCHEDULED_AT,
                DynamoDbCallStore.BY_VIEW, io.callscheduler.store.dynamodb.CallsTable.BY_COLLECTION);
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
    }

    @Test
    void statusSyncRunsEveryMinute() {
        JsonNode event = resources.path("StatusSyncFunction").path("Properties").path("Events").path("EveryMinute");
        assertThat(event.path("Type").asText()).isEqualTo("ScheduleV2");
        assertThat(event.path("Properties").path("ScheduleExpression").asText()).isEqualTo("rate(1 minute)");
    }

    @Test
    void noPolicyGrantsAWildcardAction() throws Exception {
        String text = Files.readString(LocalAws.templatePath());
        assertThat(text).doesNotContainPattern("Action:\\s*['\"]?\\*").doesNotContainPattern("Action:\\s*\\[[^]]*['\"]?\\*['\"]?\\s*[],]")
                .doesNotContainPattern("Action:\\s*\\w+:\\*");
    }

    @Test
    void rolesArePassedOnlyToTheSchedulerWhichActsOnlyForThisAccountsCallSchedules() {
        List<JsonNode> passRoles = new ArrayList<>();
        collect(resources, node -> "iam:PassRole".equals(node.path("Action").asText()), passRoles);
        assertThat(passRoles).isNotEmpty().allSatisfy(statement -> assertThat(statement.path("Condition").path("StringEquals")
                .path("iam:PassedToService").asText()).isEqualTo("scheduler.amazonaws.com"));

        JsonNode trust = resources.path("SchedulerRole").path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0);
        assertThat(trust.path("Condition").path("StringEquals").has("aws:SourceAccount")).isTrue();
        assertThat(trust.path("Condition").path("ArnLike").path("aws:SourceArn").asText()).endsWith(":schedule-group/${CallSchedules}");
    }

    @Test
    void theProviderSecretIsReadOnlyByTheFunctionsThatDialOrVerifyCallbacks() {
        Set<String> readers = new HashSet<>();
        for (Map.Entry<String, JsonNode> function : functions()) {
            List<JsonNode> reads = new ArrayList<>();
            collect(function.getValue(), node -> "secretsmanager:GetSecretValue".equals(node.path("Action").asText())
                    && node.path("Resource").asText().equals("ProviderSecretArn"), reads);
            if (!reads.isEmpty()) {
                readers.add(function.getKey());
            }
        }
        assertThat(readers).containsExactlyInAnyOrder("DispatchFunction", "StatusSyncFunction",
                "TwilioStatusWebhookFunction", "GenericStatusWebhookFunction", "TwilioOptOutWebhookFunction");
    }

    /**
     * The webhook endpoints' signing secrets: only their own functions touch Secrets Manager beyond the provider's
     * secret, each with just the actions it uses, and only on the secrets named under the stack's endpoint prefix.
     */
    @Test
    void endpointSecretsAreReachedOnlyUnderTheirPrefixAndOnlyByTheirFunctions() {
        Map<String, Set<String>> granted = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> function : functions()) {
            List<JsonNode> statements = new ArrayList<>();
            collect(function.getValue().path("Properties").path("Policies"), node -> node.has("Action")
                    && node.toString().contains("secretsmanager:") && !node.path("Resource").asText().equals("ProviderSecretArn"),
                    statements);
            for (JsonNode statement : statements) {
                assertThat(statement.path("Resource").asText()).as(function.getKey())
                        .endsWith(":secret:${AWS::StackName}/webhook-endpoints/*");
                JsonNode action = statement.path("Action");
                (action.isArray() ? action : new ObjectMapper().createArrayNode().add(action.asText())).forEach(a ->
                        granted.computeIfAbsent(function.getKey(), k -> new java.util.TreeSet<>()).add(a.asText()));
            }
        }
        assertThat(granted).isEqualTo(Map.of(
                "CreateWebhookEndpointFunction", Set.of("secretsmanager:CreateSecret", "secretsmanager:DeleteSecret"),
                "DeleteWebhookEndpointFunction", Set.of("secretsmanager:DeleteSecret"),
                "RotateWebhookSecretFunction", Set.of("secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"),
                "WebhookDeliveryFunction", Set.of("secretsmanager:GetSecretValue")));
        assertThat(template.path("Globals").path("Function").path("Environment").path("Variables")
                .path("WEBHOOK_SECRET_PREFIX").asText()).isEqualTo("${AWS::StackName}/webhook-endpoints/");
    }

    /**
     * IAM is not enforced on the local cloud, so a missing grant shows only on AWS: the functions whose code queries
     * the index (a running campaign's progress reads its latest call; an upload of 1,000+ numbers reads a short
     * do-not-call list whole) must be allowed to.
     */
    @Test
    void theFunctionsThatQueryTheCollectionIndexMay() {
        for (String name : List.of("GetCampaignFunction", "UpdateCampaignFunction", "StartCampaignFunction",
                "ResumeCampaignFunction", "UploadContactsFunction", "ListCampaignsFunction", "CampaignResultsFunction",
                "CampaignRunnerFunction", "ListSuppressionsFunction", "ListWebhookEndpointsFunction", "ListWebhookDeliveriesFunction",
                "RecoverWebhookDeliveriesFunction")) {
            List<JsonNode> queries = new ArrayList<>();
            collect(resources.path(name).path("Properties").path("Policies"),
                    node -> "dynamodb:Query".equals(node.path("Action").asText())
                            && node.path("Resource").toString().contains("/index/byCollection"), queries);
            assertThat(queries).as(name + " may query index/byCollection").isNotEmpty();
        }
    }

    @Test
    void theEventFanOutReadsTheTablesStreamAsDecidedAndMayOnlyListEndpointsAndQueueDeliveries() {
        JsonNode function = resources.path("EventFanOutFunction").path("Properties");
        assertThat(function.path("Handler").asText()).isEqualTo("io.callscheduler.entrypoints.EventFanOutHandler::handleRequest");
        JsonNode mapping = function.path("Events").path("CallsTableStream");
        assertThat(mapping.path("Type").asText()).isEqualTo("DynamoDB");
        JsonNode settings = mapping.path("Properties");
        assertThat(settings.path("Stream").asText()).isEqualTo("CallsTable.StreamArn");
        assertThat(settings.path("StartingPosition").asText()).isEqualTo("TRIM_HORIZON");
        assertThat(settings.path("BatchSize").asInt()).isEqualTo(100);
        assertThat(settings.path("MaximumBatchingWindowInSeconds").asInt()).isZero();
        assertThat(settings.path("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
        assertThat(settings.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(settings.path("MaximumRetryAttempts").asInt()).as("retried, not dropped, through an outage").isEqualTo(-1);
        assertThat(settings.path("MaximumRecordAgeInSeconds").asInt(-1)).as("kept until the stream's 24 h").isEqualTo(-1);
        JsonNode lagAlarm = resources.path("EventFanOutIteratorAgeAlarm").path("Properties");
        assertThat(lagAlarm.path("MetricName").asText()).isEqualTo("IteratorAge");
        assertThat(lagAlarm.path("Dimensions").get(0).path("Value").asText()).isEqualTo("EventFanOutFunction");
        assertThat(settings.path("DestinationConfig").path("OnFailure").path("Destination").asText())
                .isEqualTo("EventFanOutFailuresQueue.Arn");
        assertThat(resources.path("CallsTable").path("Properties").path("StreamSpecification").path("StreamViewType").asText())
                .isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(function.path("Environment").path("Variables").path("WEBHOOK_DELIVERY_QUEUE_URL").asText())
                .isEqualTo("WebhookDeliveryQueue");

        List<JsonNode> statements = new ArrayList<>();
        collect(function.path("Policies"), node -> node.has("Action"), statements);
        assertThat(statements).extracting(st -> st.path("Action").asText() + " " + st.path("Resource").asText())
                .containsExactlyInAnyOrder("dynamodb:Query ${CallsTable.Arn}/index/byCollection",
                        "sqs:SendMessage WebhookDeliveryQueue.Arn");
    }

    @Test
    void theDeliveryQueueOutlastsTheDeliveryFunctionAndSendsCrashesToItsDeadLetterQueue() {
        JsonNode queue = resources.path("WebhookDeliveryQueue").path("Properties");
        // Six times the delivery function's 60 s timeout, as AWS advises for a queue that feeds a function.
        assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * 60);
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").asText()).isEqualTo("WebhookDeliveryDeadLetterQueue.Arn");
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(5);
        for (String name : List.of("WebhookDeliveryQueue", "WebhookDeliveryDeadLetterQueue", "EventFanOutFailuresQueue")) {
            JsonNode properties = resources.path(name).path("Properties");
            assertThat(properties.path("MessageRetentionPeriod").asInt()).as(name).isEqualTo(14 * 24 * 3600);
            assertThat(properties.path("SqsManagedSseEnabled").asBoolean()).as(name).isTrue();
        }
        JsonNode alarm = resources.path("WebhookDeliveryDeadLetterAlarm").path("Properties");
        assertThat(alarm.path("Dimensions").get(0).path("Value").asText()).isEqualTo("WebhookDeliveryDeadLetterQueue.QueueName");
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.path("Threshold").asInt()).isZero();
        assertThat(resources.path("EventFanOutFailuresAlarm").path("Properties").path("Dimensions").get(0).path("Value").asText())
                .isEqualTo("EventFanOutFailuresQueue.QueueName");
    }

    @Test
    void enablingAWebhookEndpointAgainMayDeleteItsFailingStreak() {
        // WebhookEndpoints.edit calls EndpointHealthReset (a DeleteItem) before the write; the local cloud does not
        // enforce IAM, so without this grant only AWS would answer every re-enable with AccessDenied (a 503).
        List<JsonNode> statements = new ArrayList<>();
        collect(resources.path("UpdateWebhookEndpointFunction").path("Properties").path("Policies"),
                node -> node.has("Action"), statements);
        assertThat(statements).anySatisfy(statement -> {
            assertThat(statement.path("Action").toString()).contains("dynamodb:DeleteItem");
            assertThat(statement.path("Resource").toString()).contains("CallsTable");
        });
    }

    @Test
    void theOptOutWebhookMayOnlyReadCallsWriteTheDoNotCallListAndReadTheProviderSecret() {
        JsonNode function = resources.path("TwilioOptOutWebhookFunction");
        List<JsonNode> statements = new ArrayList<>();
        collect(function.path("Properties").path("Policies"), node -> node.has("Action"), statements);
        Set<String> actions = new HashSet<>();
        statements.forEach(statement -> {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        });
        assertThat(actions).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "secretsmanager:GetSecretValue");
        JsonNode route = function.path("Properties").path("Events").path("Api").path("Properties");
        assertThat(route.path("Path").asText()).isEqualTo("/webhooks/twilio/opt-out");
        assertThat(route.path("Method").asText()).isEqualTo("post");
        assertThat(function.path("Properties").path("Handler").asText())
                .isEqualTo("io.callscheduler.entrypoints.TwilioOptOutWebhookHandler::handleRequest");
    }

    @Test
    void everyFunctionLogsToAGroupOfItsOwnKeptForTheConfiguredDays() {
        for (Map.Entry<String, JsonNode> function : functions()) {
            JsonNode properties = function.getValue().path("Properties");
            String group = properties.path("LoggingConfig").path("LogGroup").asText();
            assertThat(group).as(function.getKey()).isEqualTo(function.getKey().replace("Function", "LogGroup"));
            JsonNode logGroup = resources.path(group).path("Properties");
            assertThat(logGroup.path("RetentionInDays").asText()).as(group).isEqualTo("LogRetentionDays");
            assertThat(logGroup.path("LogGroupName").asText()).as(group)
                    .isEqualTo("/aws/lambda/" + properties.path("FunctionName").asText());
        }
        assertThat(template.path("Parameters").path("LogRetentionDays").path("Default").asInt()).isEqualTo(30);
    }

    @Test
    void theAlarmsWatchDeadLettersDispatchErrorsAndTheStatusSyncsTimeAndNotifyTheTopic() {
        Map<String, String> watched = new java.util.TreeMap<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::CloudWatch::Alarm".equals(e.getValue().path("Type").asText())) {
                JsonNode alarm = e.getValue().path("Properties");
                watched.put(e.getKey(), alarm.has("Metrics") ? metricsOf(alarm) : alarm.path("Namespace").asText() + " " + alarm.path("MetricName").asText());
                assertThat(alarm.path("AlarmActions").toString()).as(e.getKey()).contains("AlarmTopic");
                assertThat(alarm.path("TreatMissingData").asText()).as(e.getKey()).isEqualTo("notBreaching");
            }
        });
        assertThat(watched).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("DeadLetterAlarm", "AWS/SQS ApproximateNumberOfMessagesVisible"),
                Map.entry("DispatchErrorsAlarm", "AWS/Lambda Errors"),
                Map.entry("StatusSyncNearTimeoutAlarm", "AWS/Lambda Duration"),
                Map.entry("FailedCallRateAlarm", "CallScheduler CallsFailed,CallsDialed"),
                Map.entry("RejectedCallbacksAlarm", "CallScheduler CallbacksRejected"),
                Map.entry("ProviderCredentialsAlarm", "CallScheduler ProviderErrors"),
                Map.entry("WebhookDeliveryDeadLetterAlarm", "AWS/SQS ApproximateNumberOfMessagesVisible"),
                Map.entry("EventFanOutFailuresAlarm", "AWS/SQS ApproximateNumberOfMessagesVisible"),
                Map.entry("EventFanOutIteratorAgeAlarm", "AWS/Lambda IteratorAge"),
                Map.entry("WebhookEndpointsDisabledAlarm", "CallScheduler WebhookEndpointsDisabled"),
                Map.entry("OutcomeAggregatesFailuresAlarm", "AWS/SQS ApproximateNumberOfMessagesVisible"),
                Map.entry("SeriesRollerFailuresAlarm", "AWS/SQS ApproximateNumberOfMessagesVisible")));
        assertThat(resources.path("StatusSyncNearTimeoutAlarm").path("Properties").path("Threshold").asInt())
                .isLessThan(resources.path("StatusSyncFunction").path("Properties").path("Timeout").asInt() * 1000);
        assertThat(resources.path("AlarmEmailSubscription").path("Condition").asText()).isEqualTo("HasAlarmEmail");
    }

    @Test
    void everyRequestIsThrottledAtTheStageAndTheKeyHasADailyQuota() {
        JsonNode api = resources.path("CallsApi").path("Properties");
        JsonNode all = api.path("MethodSettings").get(0);
        assertThat(all.path("ResourcePath").asText()).isEqualTo("/*");
        assertThat(all.path("HttpMethod").asText()).isEqualTo("*");
        assertThat(all.path("ThrottlingRateLimit").asText()).isEqualTo("ApiThrottleRate");
        assertThat(all.path("ThrottlingBurstLimit").asText()).isEqualTo("ApiThrottleBurst");
        JsonNode plan = api.path("Auth").path("UsagePlan");
        assertThat(plan.path("Quota").path("Limit").asText()).isEqualTo("ApiDailyQuota");
        assertThat(plan.path("Quota").path("Period").asText()).isEqualTo("DAY");
    }

    @Test
    void everyRouteButTheSignedWebhooksAndTheApiDescriptionRequiresTheApiKeyByDefault() {
        assertThat(template.path("Parameters").path("ApiKeyRequired").path("Default").asText()).isEqualTo("true");
        // This reader drops tags: !If [RequireApiKey, true, false] reads as its three arguments.
        assertThat(resources.path("CallsApi").path("Properties").path("Auth").path("ApiKeyRequired").toString())
                .isEqualTo("[\"RequireApiKey\",true,false]");
        Set<String> open = new HashSet<>();
        for (Map.Entry<String, JsonNode> function : functions()) {
            function.getValue().path("Properties").path("Events").forEach(event -> {
                if (event.path("Properties").path("Auth").path("ApiKeyRequired").asText().equals("false")) {
                    open.add(event.path("Properties").path("Path").asText());
                }
            });
        }
        assertThat(open).containsExactlyInAnyOrder("/webhooks/twilio/status", "/webhooks/generic/status",
                "/webhooks/twilio/opt-out", "/openapi.json");
    }

    @Test
    void thePageIsServedOverHttpsByCloudFrontFromAPrivateBucket() {
        JsonNode bucket = resources.path("WebsiteBucket").path("Properties");
        assertThat(bucket.has("WebsiteConfiguration")).as("no S3 website endpoint").isFalse();
        bucket.path("PublicAccessBlockConfiguration").fields().forEachRemaining(setting ->
                assertThat(setting.getValue().asBoolean()).as(setting.getKey()).isTrue());
        assertThat(bucket.path("PublicAccessBlockConfiguration").size()).isEqualTo(4);

        JsonNode distribution = resources.path("WebsiteDistribution").path("Properties").path("DistributionConfig");
        JsonNode origin = distribution.path("Origins").get(0);
        assertThat(origin.path("OriginAccessControlId").asText()).isEqualTo("WebsiteOriginAccessControl.Id");
        assertThat(origin.path("DomainName").asText()).isEqualTo("WebsiteBucket.RegionalDomainName");
        assertThat(distribution.path("DefaultCacheBehavior").path("ViewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
        assertThat(distribution.path("DefaultRootObject").asText()).isEqualTo("index.html");
        assertThat(resources.path("WebsiteOriginAccessControl").path("Properties").path("OriginAccessControlConfig")
                .path("SigningBehavior").asText()).isEqualTo("always");

        List<JsonNode> statements = new ArrayList<>();
        resources.path("WebsiteBucketPolicy").path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
        assertThat(statements).filteredOn(s -> s.path("Effect").asText().equals("Allow")).singleElement().satisfies(read -> {
            assertThat(read.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
            assertThat(read.path("Action").asText()).isEqualTo("s3:GetObject");
            assertThat(read.path("Condition").path("StringEquals").path("aws:SourceArn").asText())
                    .endsWith(":distribution/${WebsiteDistribution}");
        });
        assertThat(statements).anySatisfy(deny -> assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport")
                .asText()).isEqualTo("false"));

        JsonNode outputs = template.path("Outputs");
        assertThat(outputs.path("WebsiteUrl").path("Value").asText()).isEqualTo("https://${WebsiteDistribution.DomainName}");
        assertThat(outputs.path("WebsiteDistributionId").path("Value").asText()).isEqualTo("WebsiteDistribution");
    }

    @Test
    void theApiAllowsTheStacksOwnPageUnlessToldOtherwise() {
        assertThat(template.path("Parameters").path("AllowedOrigin").path("Default").asText()).isEmpty();
        String ownPage = "[\"HasAllowedOrigin\",\"AllowedOrigin\",\"https://${WebsiteDistribution.DomainName}\"]";
        assertThat(template.path("Globals").path("Function").path("Environment").path("Variables").path("ALLOWED_ORIGIN").toString())
                .isEqualTo(ownPage);
        JsonNode api = resources.path("CallsApi").path("Properties");
        String quoted = "[\"HasAllowedOrigin\",\"'${AllowedOrigin}'\",\"'https://${WebsiteDistribution.DomainName}'\"]";
        assertThat(api.path("Cors").path("AllowOrigin").toString()).isEqualTo(quoted);
        for (String response : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            assertThat(api.path("GatewayResponses").path(response).path("ResponseParameters").path("Headers")
                    .path("Access-Control-Allow-Origin").toString()).as(response).isEqualTo(quoted);
        }
    }

    @Test
    void thePageGetsTheSecurityHeadersAndAContentSecurityPolicyAdmittingOnlyItselfAndTheApi() {
        JsonNode behavior = resources.path("WebsiteDistribution").path("Properties").path("DistributionConfig")
                .path("DefaultCacheBehavior");
        assertThat(behavior.path("ResponseHeadersPolicyId").asText()).isEqualTo("WebsiteResponseHeadersPolicy");
        JsonNode headers = resources.path("WebsiteResponseHeadersPolicy").path("Properties")
                .path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");
        // What the managed SecurityHeadersPolicy sends...
        assertThat(headers.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt()).isEqualTo(31536000);
        assertThat(headers.path("ContentTypeOptions").path("Override").asBoolean()).isTrue();
        assertThat(headers.path("FrameOptions").path("FrameOption").asText()).isEqualTo("SAMEORIGIN");
        assertThat(headers.path("ReferrerPolicy").path("ReferrerPolicy").asText()).isEqualTo("strict-origin-when-cross-origin");
        assertThat(headers.path("XSSProtection").path("ModeBlock").asBoolean()).isTrue();
        // ...and the page's policy: no inline code, requests only to itself and API Gateway in the stack's region.
        assertThat(headers.path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText()).isEqualTo(
                "default-src 'self'; connect-src 'self' https://*.execute-api.${AWS::Region}.${AWS::URLSuffix}; "
                        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'");
        headers.fields().forEachRemaining(header ->
                assertThat(header.getValue().path("Override").asBoolean()).as(header.getKey()).isTrue());
    }

    /** A metric-math alarm's namespace and the metrics it reads, in the order first read. */
    private static String metricsOf(JsonNode alarm) {
        Set<String> namespaces = new java.util.LinkedHashSet<>();
        Set<String> names = new java.util.LinkedHashSet<>();
        alarm.path("Metrics").forEach(query -> {
            JsonNode metric = query.path("MetricStat").path("Metric");
            if (!metric.isMissingNode()) {
                namespaces.add(metric.path("Namespace").asText());
                names.add(metric.path("MetricName").asText());
            }
        });
        return String.join(",", namespaces) + " " + String.join(",", names);
    }

    @Test
    void theFailedCallRateAlarmDividesFailuresByEveryDialAndTheDashboardShowsTheFunctionsMetrics() throws Exception {
        String recorded = Files.readString(Path.of("src/main/java/io/callscheduler/metrics/RecordedMetrics.java"));
        JsonNode rate = resources.path("FailedCallRateAlarm").path("Properties");
        List<JsonNode> returned = new ArrayList<>();
        rate.path("Metrics").forEach(q -> {
            if (q.path("ReturnData").asBoolean(false)) {
                returned.add(q);
            }
        });
        assertThat(returned).singleElement().satisfies(q -> assertThat(q.path("Expression").asText())
                .contains("failedByDispatch", "failedBySync", "dialedByDispatch", "dialedBySync").contains(") / ("));
        assertThat(rate.path("Threshold").asDouble()).isEqualTo(0.2);
        String dashboard = resources.path("OperationsDashboard").path("Properties").path("DashboardBody").get(0).asText();
        for (String metric : List.of("CallsDialed", "CallsFailed", "DialLateness", "ProviderErrors", "DialHeld",
                "CallbacksReceived", "CallbacksRejected", "StatusSyncDuration", "CallsReconciled")) {
            assertThat(dashboard).as("dashboard shows " + metric).contains("\"" + metric + "\"");
            assertThat(recorded).as("the functions publish " + metric).contains("\"" + metric + "\"");
        }
        assertThat(template.path("Parameters").path("Tracing").path("Default").asText()).isEqualTo("false");
        assertThat(template.path("Globals").path("Function").path("Tracing").toString()).isEqualTo("[\"TraceWithXRay\",\"Active\",\"PassThrough\"]");
    }

    /** Every object node below {@code node} (itself included) that {@code test} accepts. */
    private static void collect(JsonNode node, java.util.function.Predicate<JsonNode> test, List<JsonNode> found) {
        if (node.isObject() && test.test(node)) {
            found.add(node);
        }
        node.elements().forEachRemaining(child -> collect(child, test, found));
    }
}
