package io.callscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.config.AppConfig;
import io.callscheduler.config.DialWaiterServices;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dial waiter in template.yaml: schedules target it with DialPrecision=second and dispatch with minute; it is
 * small, may invoke only the dispatch alias, outlasts its wait plus a whole dispatch run, and the Scheduler's
 * role may invoke its alias.
 */
class DialWaiterTemplateTest {
    private static JsonNode template;
    private static JsonNode waiter;

    @BeforeAll
    static void read() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(LocalAws.templatePath().toFile());
        waiter = template.path("Resources").path("DialWaiterFunction").path("Properties");
    }

    /** The functions' environment as the template gives it (jackson-yaml keeps a !Sub's string, drops the tag). */
    private static Map<String, String> environment(String dialPrecision) {
        Map<String, String> environment = new HashMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").fields()
                .forEachRemaining(variable -> environment.put(variable.getKey(), variable.getValue().asText()));
        environment.put("DIAL_PRECISION", dialPrecision);
        return environment;
    }

    @Test
    void schedulesTargetTheWaitersAliasWithSecondPrecisionAndTheDispatchAliasWithMinute() {
        assertThat(new AppConfig(environment("second")).scheduleTargetArn())
                .endsWith(":function:${AWS::StackName}-dial-waiter:live");
        assertThat(new AppConfig(environment("minute")).scheduleTargetArn())
                .endsWith(":function:${AWS::StackName}-dispatch:live");
        assertThat(waiter.path("FunctionName").asText()).isEqualTo("${AWS::StackName}-dial-waiter");
    }

    @Test
    void theWaiterIsSmallAndMayInvokeOnlyTheDispatchAlias() {
        assertThat(waiter.path("Handler").asText()).isEqualTo("io.callscheduler.entrypoints.DialWaiterHandler::handleRequest");
        assertThat(waiter.path("MemorySize").asInt()).isEqualTo(128);
        assertThat(waiter.path("Environment").path("Variables").path("DIAL_HANDOVER_MS").asInt()).isBetween(500, 5000);
        List<JsonNode> statements = new ArrayList<>();
        waiter.path("Policies").forEach(policy -> policy.path("Statement").forEach(statements::add));
        assertThat(statements).singleElement().satisfies(statement -> {
            assertThat(statement.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
            assertThat(statement.path("Resource").asText())
                    .isEqualTo("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-dispatch:live");
        });
        // A trigger whose hand-over failed is retried by Lambda, then dead-lettered with dispatch's.
        assertThat(waiter.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure").path("Destination").asText())
                .isEqualTo("DispatchDeadLetterQueue.Arn");
    }

    @Test
    void theWaiterOutlastsTheLongestLeadPlusAWholeDispatchRunAndWaitsThatLongForDispatchesAnswer() {
        int dispatchTimeout = template.path("Resources").path("DispatchFunction").path("Properties").path("Timeout").asInt();
        int longestLead = 60 + template.path("Parameters").path("DialClaimLeadSeconds").path("MaxValue").asInt();
        assertThat(DialWaiterServices.DISPATCH_RESPONSE_TIMEOUT.toSeconds()).isGreaterThan(dispatchTimeout);
        assertThat(waiter.path("Timeout").asLong())
                .isGreaterThanOrEqualTo(longestLead + DialWaiterServices.DISPATCH_RESPONSE_TIMEOUT.toSeconds());
    }

    @Test
    void theSchedulersRoleMayInvokeTheWaitersAlias() {
        List<String> invokable = new ArrayList<>();
        template.path("Resources").path("SchedulerRole").path("Properties").path("Policies").forEach(policy ->
                policy.path("PolicyDocument").path("Statement").forEach(statement -> {
                    if (statement.path("Action").asText().equals("lambda:InvokeFunction")) {
                        statement.path("Resource").forEach(resource -> invokable.add(resource.asText()));
                    }
                }));
        assertThat(invokable).contains(
                "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-dial-waiter:live",
                // Schedules made before the waiter, and those of DialPrecision=minute, still invoke dispatch.
                "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-dispatch:*");
    }
}
