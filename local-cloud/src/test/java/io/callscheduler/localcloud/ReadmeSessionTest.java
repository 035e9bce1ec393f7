package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "short session" with curl, run as written against a local cloud (only its ports and data
 * directory put in): the key read from the data directory, a call created, read back and followed until it
 * completes. Its API examples that carry a time run as written too, on whatever day the test runs.
 *
 * <p>Examples must compute their times from today in the shell: a written-down date becomes a past one and the
 * example then answers IN_THE_PAST. The functions read the real clock (faking it slows DynamoDB Local a
 * hundredfold), so instead of running every block on a controlled clock, no code block may carry a literal date
 * and the examples with a time are run today.
 */
class ReadmeSessionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;

    private static final Pattern WRITTEN_DOWN_DATE = Pattern.compile("(?<![/\\d])20\\d\\d-[01]\\d-[0-3]\\d");

    @Test
    void noCodeBlockCarriesAWrittenDownDate() throws Exception {
        List<String> dated = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(AwsTools.ROOT.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (inBlock && WRITTEN_DOWN_DATE.matcher(line).find()) {
                dated.add(line);
            }
        }
        assertThat(dated).as("README examples with a literal date (compute it: $(date -u -d '+1 hour' +%FT%TZ))").isEmpty();
    }

    @Test
    void theApiExamplesWithATimeWorkAsWritten() throws Exception {
        List<String> block = codeBlockAfter("## API").lines().toList();
        String setup = paragraph(block, "API=");
        String create = paragraph(block, "# Schedule a call");
        String reschedule = paragraph(block, "# Reschedule a pending call");

        try (RunningCloud app = RunningCloud.start(data, null)) {
            JsonNode call = JSON.readTree(AwsTools.run(data, null, Map.of(), 0,
                    List.of("bash", "-euo", "pipefail", "-c", local(setup + "\n" + create, app))));
            assertThat(call.path("status").asText()).as(call.toString()).isEqualTo("SCHEDULED");
            assertThat(Instant.parse(call.path("scheduledAt").asText())).isAfter(Instant.now());

            JsonNode moved = JSON.readTree(AwsTools.run(data, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c",
                    local(setup + "\n" + reschedule.replace("<id>", call.path("id").asText()), app))));
            assertThat(moved.path("status").asText()).as(moved.toString()).isEqualTo("SCHEDULED");
            assertThat(Instant.parse(moved.path("scheduledAt").asText())).isAfter(Instant.now().plus(Duration.ofDays(1)));
        }
    }

    @Test
    void theCampaignContactsFromCsvExampleWorksAsWritten() throws Exception {
        ExternalTools.require("jq", "install jq (apt-get install -y jq) to run the README's campaign CSV example");
        String block = codeBlockAfter("## Campaign contacts from CSV");
        List<String> lines = block.lines().toList();
        try (RunningCloud app = RunningCloud.start(data, null)) {
            String output = AwsTools.run(data, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c",
                    local(block + "\necho \"ID=$ID\"", app)));
            assertThat(output).contains("{\"rows\":3,\"accepted\":2,\"rejected\":1,\"imported\":0}\n",
                    "{\"accepted\":2,\"imported\":2}\n", "\"row\",\"column\",\"code\",\"message\"",
                    "\"2\",\"phoneNumber\",\"DUPLICATE_IN_CAMPAIGN\"", "\"3\",\"phoneNumber\",\"DUPLICATE_IN_CAMPAIGN\"",
                    "\"4\",\"calleeTimeZone\",\"BAD_TIME_ZONE\"");
            String id = output.lines().filter(l -> l.startsWith("ID=")).findFirst().orElseThrow().substring(3);

            // The import sent again with its key: the same answer, nothing added twice.
            String again = AwsTools.run(data, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c",
                    local(paragraph(lines, "API=") + "\nID=" + id + "\n" + paragraph(lines, "# Import it"), app)));
            assertThat(again).isEqualTo("{\"accepted\":2,\"imported\":2}\n");
            JsonNode campaign = JSON.readTree(AwsTools.run(data, null, Map.of(), 0, List.of("curl", "-s",
                    app.api.resolve("/campaigns/" + id).toString(), "-H", "x-api-key: " + app.cloud.apiKey())));
            assertThat(campaign.path("progress").path("total").asLong()).isEqualTo(2);
        }
    }

    @Test
    void theRecurringCallsExampleWorksAsWritten() throws Exception {
        String block = codeBlockAfter("## Recurring calls");
        try (RunningCloud app = RunningCloud.start(data, null)) {
            List<String> answers = AwsTools.run(data, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c",
                    local(block.replace("-d \"$BODY\"", "-d \"$BODY\"; echo"), app))).lines().toList();
            JsonNode preview = JSON.readTree(answers.get(0));
            JsonNode series = JSON.readTree(answers.get(1));
            assertThat(preview.path("nextOccurrences")).hasSize(10);
            assertThat(preview.path("nextOccurrences").get(0).path("occurrence").asText()).endsWith("T09:30");
            assertThat(series.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(series.path("nextOccurrences")).isEqualTo(preview.path("nextOccurrences"));
            assertThat(series.path("currentOccurrence").asText()).isEqualTo(preview.path("nextOccurrences").get(0)
                    .path("occurrence").asText());
        }
    }

    /** The commands put on this test's cloud: its API, and the key in its data directory. */
    private String local(String script, RunningCloud app) {
        return script.replace("http://localhost:3000", app.api.toString())
                .replace(".local-cloud/api-key", data.resolve("api-key").toString());
    }

    private static String codeBlockAfter(String heading) throws Exception {
        String readme = Files.readString(AwsTools.ROOT.resolve("README.md"));
        String block = readme.substring(readme.indexOf(heading));
        block = block.substring(block.indexOf("```bash\n") + 8);
        return block.substring(0, block.indexOf("\n```"));
    }

    /** The lines from the one starting with {@code start} to the next blank line. */
    private static String paragraph(List<String> lines, String start) {
        int from = 0;
        while (!lines.get(from).startsWith(start)) {
            from++;
        }
        int to = from;
        while (to < lines.size() && !lines.get(to).isBlank()) {
            to++;
        }
        return String.join("\n", lines.subList(from, to));
    }

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
        String block = codeBlockAfter("A short session:");
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
