package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;

import io.callscheduler.localcloud.data.KeptSecrets;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The key pair the AWS endpoint requires with {@code --require-aws-credentials}: made on the first such start,
 * then kept in the data directory (readable by its owner only) in the AWS CLI's credentials-file syntax, so an
 * {@code aws configure} profile keeps working across restarts.
 */
final class LocalAwsCredentials {
    static final String FILE_NAME = "aws-credentials";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private LocalAwsCredentials() {
    }

    static AwsEndpoint.Credentials loadOrCreate(Path dataDir) throws IOException {
        return KeptSecrets.readOrMake(dataDir.resolve(FILE_NAME), LocalAwsCredentials::parse, () -> {
            // Shaped like AWS's own: a 20-character id starting with a recognisable prefix, a 40-character secret.
            return "[local-cloud]\naws_access_key_id = LKIA" + KeptSecrets.random(UPPER, 16)
                    + "\naws_secret_access_key = " + KeptSecrets.random(KeptSecrets.LETTERS_AND_DIGITS, 40) + "\n";
        });
    }

    /** The pair in the CLI's credentials syntax, or null when either half is missing. */
    private static AwsEndpoint.Credentials parse(String text) {
        Properties kept = new Properties();
        try {
            kept.load(new StringReader(text));
        } catch (IOException e) {
            return null;
        }
        String key = kept.getProperty("aws_access_key_id", "").strip();
        String secret = kept.getProperty("aws_secret_access_key", "").strip();
        return key.isEmpty() || secret.isEmpty() ? null : new AwsEndpoint.Credentials(key, secret);
    }
}
