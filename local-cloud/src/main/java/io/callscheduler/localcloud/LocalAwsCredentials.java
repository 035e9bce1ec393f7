package io.callscheduler.localcloud;

import io.callscheduler.emulators.AwsEndpoint;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The key pair the AWS endpoint requires with {@code --require-aws-credentials}: made on the first such start,
 * then kept in the data directory (readable by its owner only) in the AWS CLI's credentials-file syntax, so an
 * {@code aws configure} profile keeps working across restarts.
 */
final class LocalAwsCredentials {
    static final String FILE_NAME = "aws-credentials";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ANY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalAwsCredentials() {
    }

    static AwsEndpoint.Credentials loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties kept = new Properties();
            kept.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String key = kept.getProperty("aws_access_key_id", "").strip();
            String secret = kept.getProperty("aws_secret_access_key", "").strip();
            if (!key.isEmpty() && !secret.isEmpty()) {
                return new AwsEndpoint.Credentials(key, secret);
            }
            Files.delete(file);
        }
        // Shaped like AWS's own: a 20-character id starting with a recognisable prefix, a 40-character secret.
        AwsEndpoint.Credentials made = new AwsEndpoint.Credentials("LKIA" + random(UPPER, 16), random(ANY, 40));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(dataDir);
        }
        Files.writeString(file, "[local-cloud]\naws_access_key_id = " + made.accessKeyId()
                + "\naws_secret_access_key = " + made.secretAccessKey() + "\n", StandardCharsets.UTF_8);
        return made;
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
