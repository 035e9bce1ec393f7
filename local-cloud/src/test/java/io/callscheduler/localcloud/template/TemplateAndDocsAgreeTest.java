package io.callscheduler.localcloud.template;

import io.callscheduler.TemplateTest;
import io.callscheduler.localcloud.testing.Templates;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template, the local cloud's reading of it, the code's settings and the README say the same thing:
 * the same functions with the same handlers and triggers, and every environment variable documented.
 */
class TemplateAndDocsAgreeTest {
    private static final Path ROOT = LocalAws.templatePath().getParent();
    private final SamTemplate template = Templates.forStack("http://localhost:4566");

    @Test
    void theReadmesFunctionTableIsTheTemplatesFunctions() throws IOException {
        Pattern row = Pattern.compile("^\\| `(call-scheduler-[a-z-]+)` \\| `(\\w+)` \\| (.+) \\|$");
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                documented.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3));
            }
        }
        List<String> fromTemplate = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            String handlerClass = function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1);
            String trigger = function.routes().isEmpty() ? null
                    : "`" + function.routes().get(0).method() + " " + function.routes().get(0).path() + "`";
            if (trigger == null && !function.schedules().isEmpty()) {
                trigger = "`" + function.schedules().get(0).expression() + "`";
            }
            fromTemplate.add(function.name() + " " + handlerClass + " " + trigger);
        }

        assertThat(documented).hasSameSizeAs(fromTemplate);
        for (String function : fromTemplate) {
            String[] parts = function.split(" ", 3);
            assertThat(documented).as("README row for " + parts[0])
                    .anyMatch(row2 -> row2.startsWith(parts[0] + " " + parts[1] + " ")
                            && (parts[2].equals("null") || row2.contains(parts[2])));
        }
    }

    @Test
    void theLocalCloudServesExactlyTheDocumentedRoutes() {
        Set<String> served = new TreeSet<>();
        template.functions().forEach(function -> function.routes().forEach(route -> served.add(route.method() + " " + route.path())));

        assertThat(served).containsExactlyInAnyOrderElementsOf(TemplateTest.readmeRoutes());
    }

    @Test
    void everyVariableTheTemplateSetsOrTheCodeReadsIsDocumented() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> variables = new TreeSet<>();
        template.functions().forEach(function -> variables.addAll(function.environment().keySet()));
        variables.add("CALL_API_AUTH_HEADER"); // set only when the parameter is given (!If ... AWS::NoValue)
        Matcher read = Pattern.compile("(?:require|integer|env\\.get|getOrDefault)\\(\"([A-Z_]+)\"")
                .matcher(Files.readString(ROOT.resolve("functions/src/main/java/io/callscheduler/config/AppConfig.java")));
        while (read.find()) {
            variables.add(read.group(1));
        }

        assertThat(variables).hasSizeGreaterThan(10);
        for (String variable : variables) {
            assertThat(readme).as("README documents " + variable).contains("`" + variable + "`");
        }
    }
}
