package io.callscheduler.localcloud.apigateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The local API's key: made on the first start that needs one, then kept in the data directory, so that a
 * page or a script that stored it keeps working across restarts. Forty letters and digits, like the keys
 * API Gateway generates.
 */
public final class LocalApiKey {
    public static final String FILE_NAME = "api-key";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalApiKey() {
    }

    /** The key kept in {@code dataDir}, made (readable by its owner only) when there is none yet. */
    public static String loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
            Files.delete(file);
        }
        String key = newKey();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(dataDir);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        return key;
    }

    static String newKey() {
        StringBuilder key = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }
}
