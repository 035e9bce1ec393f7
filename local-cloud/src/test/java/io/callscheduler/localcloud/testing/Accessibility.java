package io.callscheduler.localcloud.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Accessibility checks with axe-core (vendored under test resources {@code axe-core/}, see its README) on what
 * a page shows now, from any browser test: {@code Accessibility.assertNoSeriousA11yViolations(page)}.
 *
 * <p>axe is run as a function Playwright calls over the DevTools protocol, not as a script tag: the page's
 * Content-Security-Policy (no inline script) stays in force and is still checked, so the context never needs
 * {@code setBypassCSP}.
 */
public final class Accessibility {
    public static final String AXE_VERSION = "4.14.1";
    private static final String AXE_SOURCE = load("/axe-core/axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BLOCKING = List.of("serious", "critical");

    private Accessibility() {
    }

    /**
     * Runs every axe rule over the page as it is (an open dialog included) and fails, naming each rule, its
     * help and the elements it found, when any violation is at impact serious or critical.
     */
    public static void assertNoSeriousA11yViolations(Page page) {
        List<String> found = seriousViolations(page);
        if (!found.isEmpty()) {
            throw new AssertionError("axe-core " + AXE_VERSION + " found " + found.size()
                    + " serious or critical accessibility violation(s) on " + page.url() + ":\n" + String.join("\n", found));
        }
    }

    /** The serious and critical violations, one text per rule: id, impact, help, its URL and the targets. */
    public static List<String> seriousViolations(Page page) {
        inject(page);
        String json = (String) page.evaluate("""
                async () => {
                  const results = await axe.run(document, { resultTypes: ['violations'] });
                  return JSON.stringify(results.violations);
                }""");
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(json)) {
                String impact = violation.path("impact").asText();
                if (!BLOCKING.contains(impact)) {
                    continue;
                }
                StringBuilder text = new StringBuilder("- ").append(violation.path("id").asText()).append(" (")
                        .append(impact).append("): ").append(violation.path("help").asText()).append(" <")
                        .append(violation.path("helpUrl").asText()).append(">");
                for (JsonNode node : violation.path("nodes")) {
                    text.append("\n    ").append(node.path("target")).append(": ")
                            .append(node.path("failureSummary").asText().replace("\n", " "));
                }
                found.add(text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void inject(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) {
            // A function body, so that Playwright calls it rather than the page evaluating a string.
            page.evaluate("() => {\n" + AXE_SOURCE + "\n}");
        }
    }

    private static String load(String resource) {
        try (InputStream in = Accessibility.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
