package io.callscheduler.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret is a constant of the source: without the environment's, each simulator makes its own Twilio
 * Auth Token and callback secret, accepts only its own token, and (standalone) says what it made, once.
 */
class SimulatorSecretsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutTheEnvironmentsSecretsEachSimulatorMakesItsOwn() {
        CallApiSimulator.Secrets first = CallApiSimulator.Secrets.fromEnvironment(Map.of());
        CallApiSimulator.Secrets second = CallApiSimulator.Secrets.fromEnvironment(Map.of());

        assertThat(first.twilio().authToken()).matches("[0-9a-f]{32}").isNotEqualTo(second.twilio().authToken());
        assertThat(first.callbackSecret()).matches("[0-9a-f]{64}").isNotEqualTo(second.callbackSecret());
        assertThat(first.twilio().accountSid()).isEqualTo(TwilioVoice.Credentials.TEST_ACCOUNT_SID);
    }

    @Test
    void theEnvironmentsSecretsWin() {
        CallApiSimulator.Secrets chosen = CallApiSimulator.Secrets.fromEnvironment(Map.of(
                "TWILIO_ACCOUNT_SID", "AC" + "1".repeat(32), "TWILIO_AUTH_TOKEN", "chosen-token",
                "CALL_API_CALLBACK_SECRET", "chosen-secret"));

        assertThat(chosen.twilio()).isEqualTo(new TwilioVoice.Credentials("AC" + "1".repeat(32), "chosen-token"));
        assertThat(chosen.callbackSecret()).isEqualTo("chosen-secret");
        assertThat(StandaloneSimulator.generatedSecretsNotice(Map.of("TWILIO_ACCOUNT_SID", "AC" + "1".repeat(32),
                "TWILIO_AUTH_TOKEN", "chosen-token", "CALL_API_CALLBACK_SECRET", "chosen-secret"), chosen))
                .as("nothing to say about secrets the user chose").isEmpty();
    }

    @Test
    void standaloneItSaysTheSecretsItMadeOnce() {
        CallApiSimulator.Secrets made = CallApiSimulator.Secrets.fromEnvironment(Map.of());

        String notice = StandaloneSimulator.generatedSecretsNotice(Map.of(), made);

        assertThat(notice.lines()).hasSize(2);
        assertThat(notice).contains("auth token " + made.twilio().authToken() + " (generated for this run")
                .contains("Callback secret: " + made.callbackSecret() + " (generated for this run");
    }

    @Test
    void noSecretIsPrintedWhenTheyAreLogged() {
        CallApiSimulator.Secrets secrets = CallApiSimulator.Secrets.fromEnvironment(Map.of());

        assertThat(secrets.twilio().toString()).contains(secrets.twilio().accountSid())
                .doesNotContain(secrets.twilio().authToken());
        assertThat(secrets.toString()).contains(secrets.twilio().accountSid())
                .doesNotContain(secrets.twilio().authToken()).doesNotContain(secrets.callbackSecret());
    }

    @Test
    void itsTwilioApiAcceptsOnlyTheTokenItWasGiven() throws Exception {
        CallApiSimulator.Secrets secrets = CallApiSimulator.Secrets.fromEnvironment(Map.of());
        try (CallApiSimulator simulator = CallApiSimulator.start("127.0.0.1", 0, null, SimulatorSettings.DEFAULTS, secrets)) {
            assertThat(list(simulator.uri(), secrets.twilio().authToken())).isEqualTo(200);
            assertThat(list(simulator.uri(), "simulator-auth-token")).as("the old constant").isEqualTo(401);
            assertThat(simulator.callbackSecret()).isEqualTo(secrets.callbackSecret());
        }
    }

    private int list(URI simulator, String token) throws Exception {
        String sid = TwilioVoice.Credentials.TEST_ACCOUNT_SID;
        String basic = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(simulator.resolve("/2010-04-01/Accounts/" + sid + "/Calls.json"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
