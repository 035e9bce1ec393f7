package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /openapi.json answers the repository's openapi.yaml as JSON, with nothing but the environment to build on. */
class OpenApiHandlerTest {
    private final OpenApiHandler handler = new OpenApiHandler(Map.of("ALLOWED_ORIGIN", "https://page.example"));

    @Test
    void answersTheRepositorysDescriptionAsJson() throws Exception {
        var response = handler.handleRequest(ApiEvents.event("GET", "/openapi.json", "/openapi.json", null, null, null),
                new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8")
                .containsEntry("Access-Control-Allow-Origin", "https://page.example");
        JsonNode served = new ObjectMapper().readTree(response.getBody());
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(LocalAws.templatePath().resolveSibling("openapi.yaml").toFile());
        assertThat(served).isEqualTo(file);
        assertThat(served.path("paths").has("/openapi.json")).isTrue();
    }

    @Test
    void refusesQueryParametersItDoesNotTake() {
        JsonNode error = ApiEvents.answer(handler, ApiEvents.event("GET", "/openapi.json", "/openapi.json", null, null,
                Map.of("format", "yaml")), 400);
        assertThat(error.path("error").path("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
        assertThat(error.path("error").path("field").asText()).isEqualTo("format");
    }
}
