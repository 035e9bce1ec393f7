package io.callscheduler.secrets.secretsmanager;

import io.callscheduler.config.AwsClients;
import io.callscheduler.emulators.AwsEndpoint;
import io.callscheduler.emulators.SecretsManagerEmulator;
import io.callscheduler.secrets.ProviderSecretsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider secret through the real SDK against the emulated Secrets Manager: read once, re-read on refresh. */
class SecretsManagerSecretsTest {
    private static AwsEndpoint endpoint;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() throws Exception {
        endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(new SecretsManagerEmulator("us-east-1", "000000000000", null,
                Clock.systemUTC()));
        client = new AwsClients(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL", endpoint.uri().toString())).secretsManager();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void theSecretIsReadOnceAndAgainOnlyAfterARefresh() {
        String arn = client.createSecret(r -> r.name("twilio-" + System.nanoTime())
                .secretString("{\"accountSid\": \"AC1\", \"authToken\": \"first\"}")).arn();
        var secrets = new SecretsManagerSecrets(client, arn);
        assertThat(secrets.get("authToken")).isEqualTo("first");

        client.putSecretValue(r -> r.secretId(arn).secretString("{\"accountSid\": \"AC1\", \"authToken\": \"rotated\"}"));
        assertThat(secrets.get("authToken")).as("cached").isEqualTo("first");

        secrets.refresh();
        assertThat(secrets.get("authToken")).isEqualTo("rotated");
        assertThat(secrets.get("apiKeySid")).isNull();
    }

    @Test
    void aMissingOrMalformedSecretFailsWithAMessageThatShowsNoValue() {
        var missing = new SecretsManagerSecrets(client, "arn:aws:secretsmanager:us-east-1:000000000000:secret:nope-abcdef");
        assertThatThrownBy(missing::current).isInstanceOf(ProviderSecretsException.class).hasMessageContaining("cannot read");

        String arn = client.createSecret(r -> r.name("bad-" + System.nanoTime()).secretString("not json: hunter2")).arn();
        assertThatThrownBy(() -> new SecretsManagerSecrets(client, arn).current())
                .isInstanceOf(ProviderSecretsException.class).hasMessageContaining("JSON object").hasMessageNotContaining("hunter2");
    }
}
