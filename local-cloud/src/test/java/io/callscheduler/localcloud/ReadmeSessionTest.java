package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "short session" with curl, run as written against a local cloud (only its ports and data
 * directory put in): the key read from the data directory, a call created, read back and followed until it
 * completes.
 */
class ReadmeSessionTest {
    @TempDir
    Path data;

    @Test
    void theShortSessionWorksAsWritten() throws Exception {
        ExternalTools.require("jq", "install jq (apt-get install -y jq) to run the README's curl session");
        List<String> session = sessionLines();
        assertThat(session).anyMatch(line -> line.startsWith("KEY=$(cat .local-cloud/api-key)"));

        try (RunningCloud app = RunningCloud.start(data, null)) {
            String script = String.join("\n", session)
                    .replace("http://localhost:3000", app.api.toString())
                    .replace("http://localhost:5000", app.callApi.toString())
                    .replace(".local-cloud/api-key", data.resolve("api-key").toString());
            List<String> lines = script.lines().toList();
            // Everything up to the first read, then the ID for the follow-up.
            String start = String.join("\n", lines.subList(0, lines.size() - 2)) + "\necho \"ID=$ID\"";
            String output = AwsTools.run(data, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c", start));

            assertThat(output).startsWith("\"SCHEDULED\"");
            String id = output.lines().filter(l -> l.startsWith("ID=")).findFirst().orElseThrow().substring(3);
            assertThat(app.status(id)).isEqualTo("SCHEDULED");
            String followUp = lines.get(0) + "\n" + lines.get(1) + "\nID=" + id + "\n" + lines.get(lines.size() - 1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(AwsTools.run(data, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c", followUp)))
                            .startsWith("\"COMPLETED\""));
        }
    }

    /** The session's commands: the block after "A short session:", without the start command and comments. */
    private static List<String> sessionLines() throws Exception {
        String readme = Files.readString(AwsTools.ROOT.resolve("README.md"));
        String block = readme.substring(readme.indexOf("A short session:"));
        block = block.substring(block.indexOf("```bash\n") + 8);
        block = block.substring(0, block.indexOf("\n```"));
        List<String> commands = new ArrayList<>();
        StringBuilder continued = new StringBuilder();
        for (String line : block.lines().toList()) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("./local-cloud.sh")) {
                continue;
            }
            String code = line.replaceAll("\\s+# .*$", "");
            continued.append(code);
            if (code.endsWith("\\")) {
                continued.setLength(continued.length() - 1);
                continue;
            }
            commands.add(continued.toString());
            continued.setLength(0);
        }
        return commands;
    }
}
