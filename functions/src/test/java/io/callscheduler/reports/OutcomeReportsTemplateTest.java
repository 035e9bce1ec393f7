package io.callscheduler.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports' functions in template.yaml: the stream the counting reads, and what the report may read. */
class OutcomeReportsTemplateTest {
    @Test
    void theCallEndingsReadTheStreamAndRetryUntilItExpires() {
        JsonNode function = LocalAws.templateResource("CallEndingsFunction").path("Properties");
        assertThat(function.path("Handler").asText()).isEqualTo("io.callscheduler.entrypoints.CallEndingsHandler::handleRequest");
        JsonNode mapping = function.path("Events").path("CallsTableStream").path("Properties");
        assertThat(mapping.path("Stream").asText()).isEqualTo("CallsTable.StreamArn");
        assertThat(mapping.path("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
        assertThat(mapping.path("MaximumRetryAttempts").asInt()).isEqualTo(-1);
        assertThat(mapping.path("DestinationConfig").path("OnFailure").path("Destination").asText())
                .isEqualTo("CallEndingsFailuresQueue.Arn");
        // Counting and rolling are transactions of PutItem/UpdateItem with conditions (GetItem for the roll's reads).
        assertThat(statements(function).get(0).path("Action").toString())
                .isEqualTo("[\"dynamodb:PutItem\",\"dynamodb:GetItem\",\"dynamodb:UpdateItem\"]");
    }

    /** A DynamoDB stream shard serves two readers before it throttles them: the fan-out and the call endings. */
    @Test
    void theCallsTableStreamHasAtMostTwoReaders() {
        List<String> readers = new ArrayList<>();
        LocalAws.template().path("Resources").fields().forEachRemaining(resource ->
                resource.getValue().path("Properties").path("Events").forEach(event -> {
                    if (event.path("Type").asText().equals("DynamoDB")) {
                        readers.add(resource.getKey());
                    }
                }));
        assertThat(readers).containsExactlyInAnyOrder("EventFanOutFunction", "CallEndingsFunction");
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
