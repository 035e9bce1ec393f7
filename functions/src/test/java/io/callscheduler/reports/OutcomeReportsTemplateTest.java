package io.callscheduler.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports' two functions in template.yaml: the stream they read, and only the report items they may touch. */
class OutcomeReportsTemplateTest {
    @Test
    void theAggregatesReadTheStreamRetryUntilItExpiresAndMayWriteOnlyReportItems() {
        JsonNode function = LocalAws.templateResource("OutcomeAggregatesFunction").path("Properties");
        assertThat(function.path("Handler").asText()).isEqualTo("io.callscheduler.entrypoints.OutcomeAggregatesHandler::handleRequest");
        JsonNode mapping = function.path("Events").path("CallsTableStream").path("Properties");
        assertThat(mapping.path("Stream").asText()).isEqualTo("CallsTable.StreamArn");
        assertThat(mapping.path("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
        assertThat(mapping.path("MaximumRetryAttempts").asInt()).isEqualTo(-1);
        assertThat(mapping.path("DestinationConfig").path("OnFailure").path("Destination").asText())
                .isEqualTo("OutcomeAggregatesFailuresQueue.Arn");
        List<JsonNode> statements = statements(function);
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).path("Action").toString()).isEqualTo("[\"dynamodb:PutItem\",\"dynamodb:UpdateItem\"]");
        assertThat(statements.get(0).path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").toString())
                .isEqualTo("[\"report#*\"]");
    }

    @Test
    void theReportQueriesTheCollectionIndexAndReadsOnlyTheAsOfItem() {
        JsonNode function = LocalAws.templateResource("OutcomeReportsFunction").path("Properties");
        assertThat(function.path("Events").path("Api").path("Properties").path("Path").asText()).isEqualTo("/reports/outcomes");
        List<JsonNode> statements = statements(function);
        assertThat(statements).extracting(st -> st.path("Action").asText() + " " + st.path("Resource").asText())
                .containsExactlyInAnyOrder("dynamodb:Query ${CallsTable.Arn}/index/byCollection",
                        "dynamodb:GetItem CallsTable.Arn");
        assertThat(statements.get(1).path("Condition").path("ForAllValues:StringEquals").path("dynamodb:LeadingKeys").toString())
                .isEqualTo("[\"report#as-of\"]");
    }

    private static List<JsonNode> statements(JsonNode function) {
        List<JsonNode> statements = new ArrayList<>();
        function.path("Policies").forEach(policy -> policy.path("Statement").forEach(statements::add));
        return statements;
    }
}
