package io.callscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.testing.ExternalTools;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart applies only to published versions, so every function publishes one behind the alias {@code live}
 * and everything that invokes a function targets the alias: checked in template.yaml and in what the SAM
 * transform makes of it.
 */
class SnapStartTemplateTest {
    private static final String ALIAS = "live";
    private static JsonNode template;

    @BeforeAll
    static void read() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(LocalAws.templatePath().toFile());
    }

    @Test
    void everyFunctionPublishesAVersionBehindTheAliasWithSnapStartByTheParameter() {
        JsonNode globals = template.path("Globals").path("Function");
        assertThat(globals.path("AutoPublishAlias").asText()).isEqualTo(ALIAS);
        // Without it a changed parameter (environment) would leave the alias on the old version.
        assertThat(globals.path("AutoPublishAliasAllProperties").asBoolean()).isTrue();
        JsonNode parameter = template.path("Parameters").path("SnapStart");
        assertThat(parameter.path("Default").asText()).isEqualTo("true");
        assertThat(template.path("Conditions").path("UseSnapStart").toString()).contains("SnapStart", "true");
        // jackson-dataformat-yaml drops the !If tag and keeps its list (PLATFORM_NOTES).
        assertThat(globals.path("SnapStart").path("ApplyOn").toString())
                .isEqualTo("[\"UseSnapStart\",\"PublishedVersions\",\"None\"]");
        template.path("Resources").fields().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                assertThat(properties.has("AutoPublishAlias") || properties.has("SnapStart"))
                        .as(resource.getKey() + " keeps the global alias and SnapStart").isFalse();
            }
        });
    }

    @Test
    void schedulesAndDirectInvokesTargetTheDispatchAliasAndThePoliciesAllowIt() {
        String arn = template.path("Globals").path("Function").path("Environment").path("Variables")
                .path("DISPATCH_FUNCTION_ARN").asText();
        assertThat(arn).endsWith("-dispatch:" + ALIAS);
        List<List<String>> invokeStatements = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(resource -> collectInvokeResources(resource.getValue(), invokeStatements));
        // An alias ARN is its own resource: a statement naming only the unqualified function would be denied.
        // Eight invoke dispatch, and the campaign runner; start, resume and stop invoke the campaign runner.
        assertThat(invokeStatements).hasSize(16).allSatisfy(resources -> assertThat(resources)
                .as("lambda:InvokeFunction must cover the alias")
                .anyMatch(r -> r.matches(".*-(dispatch|campaign-runner)(:" + ALIAS + "|:\\*)")));
        assertThat(invokeStatements.stream().filter(r -> r.toString().contains("campaign-runner"))).hasSize(3);
        assertThat(template.path("Globals").path("Function").path("Environment").path("Variables")
                .path("CAMPAIGN_RUNNER_FUNCTION_ARN").asText()).endsWith("-campaign-runner:" + ALIAS);
    }

    @Test
    void theTransformedTemplateInvokesOnlyAliases() throws Exception {
        JsonNode resources = transformed().path("Resources");
        List<String> aliases = new ArrayList<>();
        resources.fields().forEachRemaining(resource -> {
            if ("AWS::Lambda::Alias".equals(resource.getValue().path("Type").asText())) {
                assertThat(resource.getValue().path("Properties").path("Name").asText()).isEqualTo(ALIAS);
                aliases.add(resource.getKey());
            }
        });
        assertThat(aliases).hasSize(53);
        for (Map.Entry<String, JsonNode> resource : iterable(resources)) {
            JsonNode properties = resource.getValue().path("Properties");
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::Lambda::Permission" -> assertThat(properties.path("FunctionName").path("Ref").asText())
                        .as(resource.getKey()).isIn(aliases);
                case "AWS::Scheduler::Schedule" -> assertThat(properties.path("Target").path("Arn").path("Ref").asText())
                        .as(resource.getKey()).isIn(aliases);
                case "AWS::Serverless::Api", "AWS::ApiGateway::RestApi" -> properties.path("Body").path("paths").forEach(path ->
                        path.forEach(method -> {
                            String uri = method.path("x-amazon-apigateway-integration").path("uri").toString();
                            if (!uri.equals("\"\"") && !uri.isEmpty() && uri.contains("functions")) {
                                assertThat(uri).as("API integration").containsPattern("\\$\\{\\w+Aliaslive}");
                            }
                        }));
                case "AWS::Lambda::EventInvokeConfig" -> assertThat(properties.path("Qualifier").asText())
                        .as(resource.getKey()).isIn(ALIAS, "$LATEST");
                default -> {
                }
            }
        }
        assertThat(resources.path("DispatchFunctionEventInvokeConfig").path("Properties").path("Qualifier").asText()).isEqualTo(ALIAS);
        // Schedules created before the alias existed still name $LATEST and keep their retries and dead letters.
        assertThat(resources.path("DispatchLatestEventInvokeConfig").path("Properties").path("DestinationConfig").toString())
                .contains("DispatchDeadLetterQueue");
        assertThat(resources.path("DispatchFunction").path("Properties").path("SnapStart").toString())
                .contains("UseSnapStart", "PublishedVersions", "None");
    }

    private static void collectInvokeResources(JsonNode node, List<List<String>> found) {
        if (node.isObject()) {
            if ("lambda:InvokeFunction".equals(node.path("Action").asText())) {
                JsonNode resource = node.path("Resource");
                List<String> resources = new ArrayList<>();
                (resource.isArray() ? resource : List.of(resource)).forEach(r -> resources.add(r.asText()));
                found.add(resources);
            }
            node.forEach(child -> collectInvokeResources(child, found));
        } else if (node.isArray()) {
            node.forEach(child -> collectInvokeResources(child, found));
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static JsonNode transformed() throws Exception {
        String python = ExternalTools.require("python3", "install Python 3 with cfn-lint (pip install cfn-lint), which brings the SAM translator");
        Path script = Path.of(SnapStartTemplateTest.class.getResource("/sam-transform.py").toURI());
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), LocalAws.templatePath().toString());
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        Path errors = Files.createTempFile("sam-transform", ".err");
        Process process = builder.redirectError(errors.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(errors)).isZero();
        Files.deleteIfExists(errors);
        return new ObjectMapper().readTree(new String(output, StandardCharsets.UTF_8));
    }
}
