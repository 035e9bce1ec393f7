package io.callscheduler.localcloud.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A secret the local cloud makes on its first start and keeps in its data folder across restarts: one file,
 * readable by its owner only from the moment it exists, whose first writer wins when two starts race.
 */
public final class KeptSecrets {
    public static final String LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptSecrets() {
    }

    /**
     * The secret {@code read} finds in {@code file}; when the file is missing, or holds nothing {@code read} accepts
     * (it answers null), a new one {@code make} writes there first.
     */
    public static <T> T readOrMake(Path file, Function<String, T> read, Supplier<String> make) throws IOException {
        if (Files.exists(file)) {
            T kept = read.apply(Files.readString(file, StandardCharsets.UTF_8));
            if (kept != null) {
                return kept;
            }
            Files.delete(file);
        }
        String made = make.get();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(DataFolder.FILE_MODE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            return readOrMake(file, read, make); // another start made it first
        }
        Files.writeString(file, made, StandardCharsets.UTF_8);
        return read.apply(made);
    }

    /** {@code length} characters drawn from {@code alphabet} by a cryptographic random generator. */
    public static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
