package io.callscheduler.events.signing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our signatures against the Standard Webhooks specification's own Java library (com.standardwebhooks). */
class WebhookSignerTest {
    /** The test's moment: now, to the second (the specification's library refuses timestamps far from its clock). */
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String BODY = "{\"type\":\"call.completed\",\"timestamp\":\"" + NOW + "\",\"data\":{\"id\":\"c1\",\"sequence\":4}}";

    @Test
    void aSignatureIsTheOneTheSpecificationsLibraryComputesForAFixedMomentAndId() throws Exception {
        String secret = SigningSecret.generate();
        Instant at = Instant.parse("2020-01-01T10:00:00Z"); // a fixed moment in the past: only its formatting is checked

        Map<String, String> headers = WebhookSigner.headers("msg_2Kx", at, BODY, List.of(secret));

        assertThat(headers).containsEntry("webhook-id", "msg_2Kx").containsEntry("webhook-timestamp", "1577872800");
        assertThat(headers.get("webhook-signature")).isEqualTo(new Webhook(secret).sign("msg_2Kx", at.getEpochSecond(), BODY));
    }

    @Test
    void theSpecificationsPublishedExampleSignsAsPublished() throws Exception {
        // The example of standard-webhooks' own test suites: secret, id, timestamp and payload give this signature.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        Map<String, String> headers = WebhookSigner.headers("msg_p5jXN8AQM9LWM0D4loKWxJek",
                Instant.ofEpochSecond(1614265330), body, List.of(secret));
        assertThat(headers.get("webhook-signature")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theLibraryVerifiesAMessageSignedNowAndRefusesATamperedBody() throws Exception {
        // The library checks the timestamp against its own clock (5 minutes' tolerance): signed at this moment.
        String secret = SigningSecret.generate();
        Map<String, List<String>> headers = asHttpHeaders(WebhookSigner.headers("msg_1", Instant.now(), BODY, List.of(secret)));

        new Webhook(secret).verify(BODY, headers);
        assertThatThrownBy(() -> new Webhook(secret).verify(BODY.replace("4}", "5}"), headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(SigningSecret.generate()).verify(BODY, headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void duringARotationBothSecretsSignAndAReceiverKnowingEitherVerifies() throws Exception {
        String previous = SigningSecret.generate();
        SigningKeys rotated = SigningKeys.first(previous).rotatedTo(SigningSecret.generate(), Instant.now());
        Map<String, String> signed = WebhookSigner.headers("msg_2", Instant.now(), BODY, rotated.signingAt(Instant.now()));

        assertThat(signed.get("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(rotated.current()).verify(BODY, asHttpHeaders(signed));
        new Webhook(previous).verify(BODY, asHttpHeaders(signed));
    }

    @Test
    void thePreviousSecretSignsForADayAfterTheRotationAndThenNoMore() {
        Instant rotatedAt = NOW;
        SigningKeys keys = SigningKeys.first("whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
                .rotatedTo(SigningSecret.generate(), rotatedAt);

        assertThat(keys.signingAt(rotatedAt.plusSeconds(86_399))).containsExactly(keys.current(), keys.previous());
        assertThat(keys.signingAt(rotatedAt.plusSeconds(86_400))).containsExactly(keys.current());
        assertThat(keys.rotation()).isEqualTo(1);
        assertThat(keys.toString()).doesNotContain(keys.current()).doesNotContain(keys.previous());
    }

    @Test
    void aSecretIsPrefixedAndCarries32RandomBytes() {
        String secret = SigningSecret.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(SigningSecret.generate()).isNotEqualTo(secret);
    }

    private static Map<String, List<String>> asHttpHeaders(Map<String, String> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }
}
