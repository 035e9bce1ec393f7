package io.callscheduler.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the benchmark runs in: where ./local-cloud.sh, the built jars and BENCHMARKS.md are. */
final class Repository {
    static final Path ROOT = findRoot();

    private Repository() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-cloud.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }
}
