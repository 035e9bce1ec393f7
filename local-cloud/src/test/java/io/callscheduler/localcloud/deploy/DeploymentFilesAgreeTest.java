package io.callscheduler.localcloud.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.localcloud.LocalCloudOptions;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.localcloud.testing.Templates;
import io.callscheduler.localcloud.web.WebsiteServer;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LocalStack and AWS deploy files agree with the template and with each other, so that none of them
 * can drift: {@code localstack/env.json} sets only variables the template declares (SAM ignores the
 * others), names the same resources the template does for the stack {@code call-scheduler}, and reaches
 * the compose file's services on its network; the image is pinned; the stack name is the same everywhere.
 */
class DeploymentFilesAgreeTest {
    private static final Path ROOT = LocalAws.templatePath().getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String STACK = Templates.STACK;

    private final JsonNode envJson = read(HttpJson.MAPPER, "localstack/env.json").path("Parameters");
    private final JsonNode compose = read(YAML, "localstack/docker-compose.yml");
    private final SamTemplate template = Templates.forStack("http://localstack:4566");

    @Test
    void envJsonSetsOnlyVariablesTheTemplateDeclares() {
        // Tags such as !If are dropped by this reader, but the keys stay: exactly what SAM checks against.
        Set<String> declared = new TreeSet<>();
        read(YAML, "template.yaml").path("Globals").path("Function").path("Environment").path("Variables")
                .fieldNames().forEachRemaining(declared::add);
        Set<String> set = new TreeSet<>();
        envJson.fieldNames().forEachRemaining(set::add);

        assertThat(declared).containsAll(set);
        assertThat(set).contains("AWS_ENDPOINT_URL", "CALL_API_URL", "SWEEP_GRACE_SECONDS");
    }

    @Test
    void envJsonNamesTheResourcesTheTemplateCreatesForTheStack() {
        Map<String, String> resolved = template.functions().get(0).environment();
        for (String variable : List.of("TABLE_NAME", "SCHEDULE_GROUP_NAME", "DISPATCH_FUNCTION_ARN", "DIAL_WAITER_FUNCTION_ARN", "SCHEDULER_ROLE_ARN",
                "DEAD_LETTER_QUEUE_ARN")) {
            assertThat(envJson.path(variable).asText()).as(variable).isEqualTo(resolved.get(variable));
        }
        // The init hook creates them under the same names (LocalStackInitHookTest runs it).
        assertThat(template.tables()).containsKey(envJson.path("TABLE_NAME").asText());
        assertThat(template.scheduleGroups()).containsExactly(envJson.path("SCHEDULE_GROUP_NAME").asText());
    }

    @Test
    void envJsonReachesTheComposeServicesOnTheNetworkTheDocsName() throws IOException {
        Set<String> services = new TreeSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        String network = compose.path("networks").path("default").path("name").asText();

        assertThat(services).contains(URI.create(envJson.path("AWS_ENDPOINT_URL").asText()).getHost(),
                URI.create(envJson.path("CALL_API_URL").asText()).getHost());
        assertThat(network).isEqualTo(STACK);
        String readme = Files.readString(ROOT.resolve("README.md"));
        String statusSync = Files.readString(ROOT.resolve("localstack/status-sync.sh"));
        for (String text : List.of(readme, statusSync)) {
            assertThat(text).contains("--env-vars localstack/env.json").contains("--docker-network " + network);
        }
        assertThat(readme).contains("sam local start-api --port 3000 --env-vars localstack/env.json");
    }

    @Test
    void theComposePageTalksToTheApiWhereTheReadmeStartsIt() throws IOException {
        assertThat(Files.readString(ROOT.resolve("localstack/web-config.js")))
                .isEqualTo(WebsiteServer.configScript("http://localhost:3000"));
        assertThat(compose.path("services").path("web").path("volumes").toString())
                .contains("../web:/usr/share/nginx/html:ro", "./web-config.js:/usr/share/nginx/html/config.js:ro");
    }

    @Test
    void theStatusSyncLoopAndTheHealthCheckNameWhatTheTemplateDeclares() throws IOException {
        // Nothing fires the template's rate schedules on LocalStack: the loop invokes every scheduled function.
        List<String> scheduled = template.functions().stream().filter(function -> !function.schedules().isEmpty())
                .map(function -> function.logicalId()).toList();
        String loop = Files.readString(ROOT.resolve("localstack/status-sync.sh"));

        assertThat(scheduled).contains("StatusSyncFunction", "CampaignRunnerFunction");
        assertThat(loop).contains("sam local invoke \"$function\"")
                .contains("for function in " + String.join(" ", scheduled) + "; do");
        // The health check waits for the hook's last resource, so that `up --wait` returns once all exist.
        assertThat(compose.path("services").path("localstack").path("healthcheck").path("test").toString())
                .contains(template.queues().values().iterator().next());
    }

    @Test
    void theLocalStackImageIsPinnedAndTheTestUsesTheSameOne() {
        String image = compose.path("services").path("localstack").path("image").asText();

        assertThat(image).matches("localstack/localstack:\\d+\\.\\d+\\.\\d+");
        assertThat(LocalStackDeployment.composeImage()).isEqualTo(image);
    }

    @Test
    void theStackIsNamedTheSameInSamconfigTheLocalCloudAndTheHook() throws IOException {
        assertThat(Files.readString(ROOT.resolve("samconfig.toml"))).contains("stack_name = \"" + STACK + "\"");
        assertThat(LocalCloudOptions.defaults(Map.of()).stackName()).isEqualTo(STACK);
        assertThat(Files.readString(ROOT.resolve("localstack/init/ready.d/create-resources.sh")))
                .contains("STACK=\"${STACK_NAME:-" + STACK + "}\"");
    }

    private static JsonNode read(ObjectMapper mapper, String file) {
        try {
            return mapper.readTree(ROOT.resolve(file).toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
