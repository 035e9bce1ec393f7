package io.callscheduler.localcloud;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line and environment of ./local-cloud.sh. */
class LocalCloudOptionsTest {
    @Test
    void defaultsAreThePortsTheReadmeNames() {
        LocalCloudOptions options = LocalCloudOptions.parse(List.of(), Map.of());

        assertThat(List.of(options.apiPort(), options.awsPort(), options.webPort(), options.callApiPort()))
                .containsExactly(3000, 4566, 8080, 5000);
        assertThat(options.dataDir()).isEqualTo(Path.of(".local-cloud"));
        assertThat(options.stackName()).isEqualTo("call-scheduler");
        assertThat(options.callApiUrl()).as("the simulator").isNull();
        assertThat(options.statusSyncEvery()).as("the template's rate").isNull();
        assertThat(options.effectiveAllowedOrigin()).isEqualTo("http://localhost:8080,http://127.0.0.1:8080");
        assertThat(options.template().getFileName().toString()).isEqualTo("template.yaml");
        assertThat(options.logFormatJson()).as("text for a person").isFalse();
        assertThat(LocalCloudOptions.parse(List.of("--log-format", "json"), Map.of()).logFormatJson()).isTrue();
    }

    @Test
    void theAwsEndpointTakesAnyCredentialsUnlessTheFlagSaysOtherwise() {
        assertThat(LocalCloudOptions.parse(List.of(), Map.of()).requireAwsCredentials()).as("as LocalStack").isFalse();
        assertThat(LocalCloudOptions.parse(List.of("--require-aws-credentials", "--api-port", "3100"), Map.of())
                .requireAwsCredentials()).isTrue();
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--require-aws-credentials=yes"), Map.of()))
                .hasMessageContaining("--require-aws-credentials");
        assertThat(LocalCloudOptions.USAGE).contains("--require-aws-credentials");
    }

    @Test
    void callApiUrlInTheEnvironmentReplacesTheSimulator() {
        assertThat(LocalCloudOptions.parse(List.of(), Map.of("CALL_API_URL", "https://provider.example")).callApiUrl())
                .isEqualTo("https://provider.example");
        assertThat(LocalCloudOptions.parse(List.of("--call-api-url", "http://other:9000"),
                Map.of("CALL_API_URL", "https://provider.example")).callApiUrl()).isEqualTo("http://other:9000");
    }

    @Test
    void optionsTakeSpaceOrEqualsSeparatedValues() {
        LocalCloudOptions options = LocalCloudOptions.parse(List.of("--api-port=3100", "--web-port", "8180",
                "--status-sync-every", "1m30s", "--data-dir", "/tmp/x", "--stack-name", "demo"), Map.of());

        assertThat(options.apiPort()).isEqualTo(3100);
        assertThat(options.webPort()).isEqualTo(8180);
        assertThat(options.statusSyncEvery()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.stackName()).isEqualTo("demo");
        assertThat(options.effectiveAllowedOrigin()).isEqualTo("http://localhost:8180,http://127.0.0.1:8180");
    }

    @Test
    void parameterOverridesTakeSamsForms() {
        LocalCloudOptions options = LocalCloudOptions.parse(List.of("--parameter-overrides", "DialDeadlineMinutes=5",
                "ParameterKey=DialRetryBackoffSeconds,ParameterValue=2", "--web-port", "8181"), Map.of());
        LocalCloudOptions quoted = LocalCloudOptions.parse(List.of("--parameter-overrides=A=1 B=x=y"), Map.of());

        assertThat(options.parameterOverrides()).containsExactlyInAnyOrderEntriesOf(
                Map.of("DialDeadlineMinutes", "5", "DialRetryBackoffSeconds", "2"));
        assertThat(options.webPort()).isEqualTo(8181);
        assertThat(quoted.parameterOverrides()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "x=y"));
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--parameter-overrides", "NoValue"), Map.of()))
                .hasMessageContaining("Key=Value");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--parameter-overrides"), Map.of()))
                .hasMessageContaining("at least one");
    }

    @Test
    void thePageIsAllowedUnderEveryNameTheLocalCloudListensOn() {
        assertThat(LocalCloudOptions.parse(List.of("--host", "192.0.2.10"), Map.of()).effectiveAllowedOrigin())
                .isEqualTo("http://localhost:8080,http://127.0.0.1:8080,http://192.0.2.10:8080");
        assertThat(LocalCloudOptions.parse(List.of("--host", "::1"), Map.of()).effectiveAllowedOrigin())
                .isEqualTo("http://localhost:8080,http://127.0.0.1:8080,http://[::1]:8080");
        assertThat(LocalCloudOptions.parse(List.of("--host", "0.0.0.0"), Map.of()).effectiveAllowedOrigin())
                .as("every interface: the page's host name is not known").isEqualTo("*");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--api-port", "0"), Map.of()))
                .hasMessage("--api-port must be a port number from 1 to 65535, not '0'");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--verbose"), Map.of()))
                .hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--data-dir"), Map.of()))
                .hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--status-sync-every", "soon"), Map.of()))
                .hasMessageContaining("--status-sync-every must be a duration such as 10s");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--web-port", "3000"), Map.of()))
                .hasMessage("port 3000 is given to two servers; each needs its own");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--stack-name", "9 lives"), Map.of()))
                .hasMessageContaining("--stack-name must start with a letter");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--template", "/nope/template.yaml"), Map.of()))
                .hasMessageContaining("template not found");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--log-format", "xml"), Map.of()))
                .hasMessage("--log-format is text or json, not 'xml'");
    }
}
