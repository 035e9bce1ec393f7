package io.callscheduler.localcloud.apigateway;

import io.callscheduler.localcloud.data.KeptSecrets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local API's key: made on the first start that needs one, then kept in the data directory, so that a
 * page or a script that stored it keeps working across restarts. Forty letters and digits, like the keys
 * API Gateway generates.
 */
public final class LocalApiKey {
    public static final String FILE_NAME = "api-key";
    private static final int LENGTH = 40;

    private LocalApiKey() {
    }

    /** The key kept in {@code dataDir}, made (readable by its owner only) when there is none yet. */
    public static String loadOrCreate(Path dataDir) throws IOException {
        return KeptSecrets.readOrMake(dataDir.resolve(FILE_NAME), text -> text.isBlank() ? null : text.strip(),
                () -> newKey() + "\n");
    }

    static String newKey() {
        return KeptSecrets.random(KeptSecrets.LETTERS_AND_DIGITS, LENGTH);
    }
}
