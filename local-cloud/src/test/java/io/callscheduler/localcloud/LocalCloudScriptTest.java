package io.callscheduler.localcloud;

import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ./local-cloud.sh itself: what it answers without building or starting anything. */
class LocalCloudScriptTest {
    private static final Path SCRIPT = LocalAws.templatePath().resolveSibling("local-cloud.sh");

    /**
     * --help prints exactly the options LocalCloudOptions knows, and neither Maven nor Java runs: on PATH, they
     * are stand-ins that leave a mark and fail.
     */
    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpAnswersWithTheOptionsTextWithoutABuild(String flag, @TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path mark = dir.resolve("ran");
        for (String tool : List.of("mvn", "java")) {
            Path standIn = bin.resolve(tool);
            Files.writeString(standIn, "#!/bin/sh\necho " + tool + " >> '" + mark + "'\nexit 97\n");
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--api-port", "3100", flag);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.redirectError(dir.resolve("stderr").toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(read(dir.resolve("stderr"))).isZero();
        assertThat(out).isEqualTo(LocalCloudOptions.USAGE);
        assertThat(mark).as("mvn or java ran").doesNotExist();
    }

    @Test
    void theScriptBuildsWithoutTestDependencies() throws IOException {
        // -DskipTests would still resolve test scope (Playwright's ~200 MB driver) on a first run.
        assertThat(Files.readString(SCRIPT)).contains("-Dmaven.test.skip=true").doesNotContain("-DskipTests");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
