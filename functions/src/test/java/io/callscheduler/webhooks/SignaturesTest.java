package io.callscheduler.webhooks;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our signature checks against Twilio's own RequestValidator, and the generic contract's HMAC-SHA256. */
class SignaturesTest {
    private static final String TOKEN = "12345";
    private static final String URL = "https://abcdef1234.execute-api.us-east-1.amazonaws.com/Prod/webhooks/twilio/status?callId=0b7c3d52-8f9e-4b1a-9c2d-3e4f5a6b7c8d";
    private static final Map<String, String> PARAMETERS = Map.of("CallSid", "CA1234567890abcdef1234567890abcdef",
            "CallStatus", "ringing", "AccountSid", "AC" + "0".repeat(32), "SequenceNumber", "1",
            "To", "+14155550123", "From", "+15005550006", "Timestamp", "Thu, 26 Nov 2026 08:00:00 +0000");

    @Test
    void twilioOwnValidatorAcceptsOurSignatureAndWeAcceptWhatItAccepts() {
        String signature = TwilioSignatures.sign(TOKEN, URL, PARAMETERS);

        assertThat(new RequestValidator(TOKEN).validate(URL, PARAMETERS, signature)).isTrue();
        assertThat(TwilioSignatures.isValid(TOKEN, URL, PARAMETERS, signature)).isTrue();
    }

    @Test
    void aSignatureIsRefusedForAnotherTokenUrlStageOrParameter() {
        String signature = TwilioSignatures.sign(TOKEN, URL, PARAMETERS);
        Map<String, String> tampered = new HashMap<>(PARAMETERS);
        tampered.put("CallStatus", "completed");

        assertThat(TwilioSignatures.isValid("other", URL, PARAMETERS, signature)).isFalse();
        assertThat(TwilioSignatures.isValid(TOKEN, URL.replace("/Prod", ""), PARAMETERS, signature))
                .as("without the stage").isFalse();
        assertThat(TwilioSignatures.isValid(TOKEN, URL.replace("callId=0", "callId=1"), PARAMETERS, signature)).isFalse();
        assertThat(TwilioSignatures.isValid(TOKEN, URL, tampered, signature)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(URL, tampered, signature)).isFalse();
        assertThat(TwilioSignatures.isValid(TOKEN, URL, PARAMETERS, null)).isFalse();
        assertThat(TwilioSignatures.isValid(TOKEN, URL, PARAMETERS, "")).isFalse();
    }

    @Test
    void theDefaultPortIsOptionalAsInTwiliosValidator() {
        String withPort = URL.replace(".amazonaws.com/", ".amazonaws.com:443/");
        String signature = TwilioSignatures.sign(TOKEN, withPort, PARAMETERS);

        assertThat(new RequestValidator(TOKEN).validate(URL, PARAMETERS, signature)).isTrue();
        assertThat(TwilioSignatures.isValid(TOKEN, URL, PARAMETERS, signature)).isTrue();
    }

    @Test
    void genericCallbacksAreSignedWithHmacSha256OfTheBody() {
        byte[] body = "{\"id\":\"sim-1\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        String signature = GenericSignatures.sign("secret", body);

        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(GenericSignatures.isValid("secret", body, signature)).isTrue();
        assertThat(GenericSignatures.isValid("secret", body, signature.toUpperCase().replace("SHA256", "sha256"))).isTrue();
        assertThat(GenericSignatures.isValid("other", body, signature)).isFalse();
        assertThat(GenericSignatures.isValid("secret", "{}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(GenericSignatures.isValid("secret", body, null)).isFalse();
        assertThat(GenericSignatures.isValid(null, body, signature)).isFalse();
    }
}
