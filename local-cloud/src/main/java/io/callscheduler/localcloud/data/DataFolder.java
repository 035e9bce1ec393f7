package io.callscheduler.localcloud.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The local cloud's data directory, private to its owner: it holds every call (phone numbers, messages), the
 * API key and the callback secrets. The folder and its subfolders are created 0700, the files written here
 * 0600, both at creation (never world-readable for a moment, whatever the umask); an existing folder with a
 * wider mode is narrowed on start. What the emulators and DynamoDB Local write inside keeps their own modes,
 * out of reach behind the 0700 folders. On a file system without POSIX permissions it says so once and goes on.
 */
public final class DataFolder {
    public static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final boolean posix;

    private DataFolder(Path path, boolean posix) {
        this.path = path;
        this.posix = posix;
    }

    /**
     * Creates the folder (0700), or makes an existing one 0700.
     *
     * @param say where a change of mode, or the lack of POSIX permissions, is reported (one line)
     */
    public static DataFolder open(Path path, Consumer<String> say) throws IOException {
        Path folder = path.toAbsolutePath().normalize();
        if (folder.getParent() != null) {
            Files.createDirectories(folder.getParent()); // the user's own folders keep their modes
        }
        boolean posix = Files.getFileStore(folder.getParent() == null ? folder : folder.getParent())
                .supportsFileAttributeView("posix");
        if (!posix) {
            Files.createDirectories(folder);
            say.accept("note: " + folder + " is on a file system without POSIX permissions, so it cannot be made"
                    + " private; keep it where only you can read it (it holds the API key and callback secrets)");
            return new DataFolder(folder, false);
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER_MODE));
        } else {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
            if (!mode.equals(FOLDER_MODE)) {
                Files.setPosixFilePermissions(folder, FOLDER_MODE);
                say.accept("Made " + folder + " private to you (was " + PosixFilePermissions.toString(mode) + ", now rwx------)");
            }
        }
        return new DataFolder(folder, true);
    }

    public Path path() {
        return path;
    }

    /** Whether modes are enforced here (false on a file system without POSIX permissions). */
    public boolean posix() {
        return posix;
    }

    /** A subfolder, created 0700 when absent. */
    public Path folder(String name) throws IOException {
        Path folder = path.resolve(name);
        if (!Files.isDirectory(folder)) {
            Files.createDirectory(folder, folderAttributes());
        }
        return folder;
    }

    /** Opens a file of the folder, created 0600 when absent. */
    public FileChannel open(String name, OpenOption... options) throws IOException {
        Set<OpenOption> opening = new java.util.HashSet<>(Set.of(options));
        opening.add(StandardOpenOption.CREATE);
        return FileChannel.open(path.resolve(name), opening, fileAttributes());
    }

    /** Creates a file (0600) holding {@code content}; fails if it exists. */
    public Path createFile(String name, String content) throws IOException {
        Path file = Files.createFile(path.resolve(name), fileAttributes());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Replaces a file's content at once (a 0600 copy moved over it), so a crash leaves the old or the new. */
    public Path replaceFile(String name, String content) throws IOException {
        Path file = path.resolve(name);
        Path fresh = Files.createTempFile(path, name, ".new", fileAttributes());
        try {
            Files.writeString(fresh, content, StandardCharsets.UTF_8);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(fresh);
        }
        return file;
    }

    private FileAttribute<?>[] folderAttributes() {
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FOLDER_MODE)} : new FileAttribute<?>[0];
    }

    private FileAttribute<?>[] fileAttributes() {
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
    }
}
