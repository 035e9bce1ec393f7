package io.callscheduler.localcloud.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.TwilioVoice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The secrets only machines use locally: the generic provider's callback signing secret and the simulator's
 * Twilio Auth Token. Made with SecureRandom on the first start, kept in the data folder ({@value #FILE_NAME},
 * 0600) and reused, so a call scheduled before a restart still gets its callbacks verified after it. Never
 * printed: nobody types them. The environment's own ({@code CALL_API_CALLBACK_SECRET},
 * {@code TWILIO_ACCOUNT_SID}/{@code TWILIO_AUTH_TOKEN}) still win, as before.
 */
public record LocalSecrets(String callbackSecret, String simulatorAuthToken) {
    public static final String FILE_NAME = "secrets.json";
    private static final String CALLBACK_SECRET = "callApiCallbackSecret";
    private static final String SIMULATOR_AUTH_TOKEN = "simulatorTwilioAuthToken";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The secrets kept in {@code folder}, with any missing made now and kept. */
    public static LocalSecrets loadOrCreate(DataFolder folder) throws IOException {
        Path file = folder.path().resolve(FILE_NAME);
        ObjectNode kept = JSON.createObjectNode();
        if (Files.exists(file)) {
            JsonNode read;
            try {
                read = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(file + " is not the JSON the local cloud wrote (" + e.getMessage()
                        + "); delete it to make new secrets", e);
            }
            if (read instanceof ObjectNode object) {
                kept = object;
            }
        }
        boolean made = false;
        made |= putIfMissing(kept, CALLBACK_SECRET, 32); // HMAC-SHA256's block-sized key
        made |= putIfMissing(kept, SIMULATOR_AUTH_TOKEN, 16); // 32 hex digits, as Twilio's Auth Tokens are
        if (made) {
            folder.replaceFile(FILE_NAME, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kept) + "\n");
        }
        return new LocalSecrets(kept.get(CALLBACK_SECRET).asText(), kept.get(SIMULATOR_AUTH_TOKEN).asText());
    }

    /** What the simulator signs and authenticates with: these, unless the environment names its own. */
    public CallApiSimulator.Secrets forSimulator(Map<String, String> environment) {
        TwilioVoice.Credentials twilio = blank(environment.get("TWILIO_ACCOUNT_SID")) || blank(environment.get("TWILIO_AUTH_TOKEN"))
                ? new TwilioVoice.Credentials(TwilioVoice.Credentials.TEST_ACCOUNT_SID, simulatorAuthToken)
                : new TwilioVoice.Credentials(environment.get("TWILIO_ACCOUNT_SID"), environment.get("TWILIO_AUTH_TOKEN"));
        String callback = environment.get("CALL_API_CALLBACK_SECRET");
        return new CallApiSimulator.Secrets(twilio, blank(callback) ? callbackSecret : callback);
    }

    private static boolean putIfMissing(ObjectNode secrets, String name, int bytes) {
        if (secrets.path(name).isTextual() && !secrets.path(name).asText().isBlank()) {
            return false;
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        secrets.put(name, HexFormat.of().formatHex(random));
        return true;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Never the values: a record's toString would otherwise print them into a log or a test report. */
    @Override
    public String toString() {
        return "LocalSecrets[kept in " + FILE_NAME + "]";
    }
}
