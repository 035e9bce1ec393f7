package io.callscheduler.localcloud.deploy;

import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code functions/pom.xml} has no parent (so that {@code sam build} can build it alone) and pins its own
 * versions. They must stay those of the root pom, which the local cloud, the emulators and the benchmark
 * use: the local cloud runs the functions on its classpath, so two SDK or Jackson versions would clash.
 */
class PomVersionsAgreeTest {
    private static final Path ROOT = LocalAws.templatePath().getParent();

    @Test
    void theFunctionsModulePinsTheRootPomsVersions() throws IOException {
        String functions = Files.readString(ROOT.resolve("functions/pom.xml"));
        String root = Files.readString(ROOT.resolve("pom.xml"));

        Map<String, String> functionVersions = versionProperties(functions);
        assertThat(functionVersions).containsKeys("aws-sdk.version", "jackson.version", "lambda-core.version");
        assertThat(versionProperties(root)).containsAllEntriesOf(functionVersions);
        assertThat(pluginVersions(root)).containsAllEntriesOf(pluginVersions(functions));
        assertThat(projectVersion(functions)).isEqualTo(projectVersion(root));
    }

    private static Map<String, String> versionProperties(String pom) {
        return matches(Pattern.compile("<([\\w.-]+\\.version)>([^<]+)</\\1>"), pom);
    }

    private static Map<String, String> pluginVersions(String pom) {
        return matches(Pattern.compile("<artifactId>(maven-[\\w-]+-plugin)</artifactId>\\s*<version>([^<]+)</version>"), pom);
    }

    private static String projectVersion(String pom) {
        Matcher matcher = Pattern.compile("<artifactId>(?:functions|call-scheduler-parent)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static Map<String, String> matches(Pattern pattern, String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2));
        }
        return found;
    }
}
