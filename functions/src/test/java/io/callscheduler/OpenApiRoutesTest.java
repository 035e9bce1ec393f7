package io.callscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openapi.yaml describes exactly the routes template.yaml deploys (method and path), and asks for the API key exactly
 * where API Gateway does: a route added to one and not the other fails here.
 */
class OpenApiRoutesTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyDeployedRouteIsDescribedAndNothingElse() throws IOException {
        assertThat(described(openApi(), false)).isEqualTo(deployed(false)).hasSizeGreaterThan(20);
    }

    @Test
    void theRoutesWithoutAnApiKeyAreTheSameInBoth() throws IOException {
        assertThat(described(openApi(), true)).isEqualTo(deployed(true))
                .contains("GET /openapi.json", "POST /webhooks/twilio/status");
    }

    @Test
    void theDescriptionIsOpenApi31AndTheBuildBundlesTheRepositorysFile() throws IOException {
        JsonNode document = openApi();
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("components").path("securitySchemes").path("apiKey").path("name").asText()).isEqualTo("x-api-key");
        assertThat(io.callscheduler.openapi.OpenApiDocument.tree()).isEqualTo(document);
    }

    @Test
    void theRowRejectCodesAreTheImportsOwn() throws IOException {
        Set<String> described = new TreeSet<>();
        openApi().path("components").path("schemas").path("RowRejectCode").path("enum").forEach(code -> described.add(code.asText()));
        Set<String> answered = new TreeSet<>();
        java.util.stream.Stream.of(io.callscheduler.campaigns.contacts.RejectCode.values(),
                        io.callscheduler.suppressions.imports.SuppressionRejectCode.values())
                .flatMap(java.util.Arrays::stream).forEach(code -> answered.add(code.name()));
        assertThat(described).isEqualTo(answered);
    }

    /**
     * The error codes described are those the page has a sentence for: MessagesCoverEveryApiErrorCodeTest holds every
     * code the functions' sources answer to messages.js, so none can be answered undescribed. API_KEY_REQUIRED is the
     * page's own name for API Gateway's 403, whose body has no code.
     */
    @Test
    void theErrorCodesAreTheOnesThePageExplains() throws IOException {
        Set<String> described = new TreeSet<>();
        openApi().path("components").path("schemas").path("ErrorCode").path("enum").forEach(code -> described.add(code.asText()));
        Set<String> explained = new TreeSet<>();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("^\\s+([A-Z][A-Z0-9_]+): ", java.util.regex.Pattern.MULTILINE)
                .matcher(java.nio.file.Files.readString(LocalAws.templatePath().resolveSibling("web/js/shared/messages.js")));
        while (key.find()) {
            explained.add(key.group(1));
        }
        explained.remove("API_KEY_REQUIRED");
        assertThat(described).isEqualTo(explained);
    }

    /** "METHOD /path" of every operation; {@code keyless}: only those with {@code security: []}. */
    private static Set<String> described(JsonNode document, boolean keyless) {
        Set<String> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                JsonNode security = operation.getValue().path("security");
                boolean open = security.isArray() && security.isEmpty();
                if (!keyless || open) {
                    routes.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }));
        return routes;
    }

    /** "METHOD /path" of every Api event of template.yaml; {@code keyless}: only those with ApiKeyRequired false. */
    private static Set<String> deployed(boolean keyless) throws IOException {
        Set<String> routes = new TreeSet<>();
        YAML.readTree(LocalAws.templatePath().toFile()).path("Resources").forEach(resource ->
                resource.path("Properties").path("Events").forEach(event -> {
                    JsonNode properties = event.path("Properties");
                    boolean open = properties.path("Auth").has("ApiKeyRequired")
                            && !properties.path("Auth").path("ApiKeyRequired").asBoolean();
                    if ("Api".equals(event.path("Type").asText()) && (!keyless || open)) {
                        routes.add(properties.path("Method").asText().toUpperCase() + " " + properties.path("Path").asText());
                    }
                }));
        return routes;
    }

    private static JsonNode openApi() throws IOException {
        Path file = LocalAws.templatePath().resolveSibling("openapi.yaml");
        return YAML.readTree(file.toFile());
    }
}
