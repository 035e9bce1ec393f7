package io.callscheduler.localcloud.web;

import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error code the API can answer has a sentence for people in web/js/shared/messages.js. The codes are read
 * from the functions' sources: the literal or constant given to an ApiException, a ValidationException or a
 * LimitExceededException, or to a handler's error(...), errorBody(...) or response(...) answer.
 */
class MessagesCoverEveryApiErrorCodeTest {
    private static final Path ROOT = LocalAws.templatePath().getParent();
    private static final Pattern ANSWER = Pattern.compile(
            "(?:new (?:Api|Validation|LimitExceeded)Exception|\\berror(?:Body)?|\\bresponse)\\(([^;]{0,200})");
    private static final Pattern CODE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_?)\"");
    private static final Pattern CONSTANT = Pattern.compile("static final String ([A-Z_]+) = \"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern MESSAGE_KEY = Pattern.compile("^\\s+([A-Z][A-Z0-9_]+): ", Pattern.MULTILINE);

    @Test
    void everyCodeTheFunctionsAnswerHasASentence() throws IOException {
        Set<String> codes = apiErrorCodes();
        Set<String> sentences = new TreeSet<>();
        Matcher keys = MESSAGE_KEY.matcher(Files.readString(ROOT.resolve("web/js/shared/messages.js")));
        while (keys.find()) {
            sentences.add(keys.group(1));
        }

        // The scan finds the codes (a check of the test itself: these are answered today).
        assertThat(codes).contains("INVALID_PHONE_NUMBER", "NUMBER_NOT_ALLOWED", "COUNTRY_NOT_ALLOWED",
                "DAILY_LIMIT_REACHED", "IN_THE_PAST", "OUTSIDE_CALLING_HOURS", "INVALID_TIME_ZONE",
                "TWIML_HOST_NOT_ALLOWED", "INVALID_REDIAL", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "UNSUPPORTED_");
        for (String code : codes) {
            if (code.endsWith("_")) { // a prefix completed by a field's name: UNSUPPORTED_VOICE, UNSUPPORTED_LANGUAGE
                assertThat(sentences).as("sentences for codes starting " + code).anyMatch(s -> s.startsWith(code));
            } else {
                assertThat(sentences).as("a sentence for " + code).contains(code);
            }
        }
        assertThat(sentences).contains("UNSUPPORTED_VOICE", "UNSUPPORTED_LANGUAGE");
    }

    private static Set<String> apiErrorCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("functions/src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String source = read(file);
                Matcher constants = CONSTANT.matcher(source);
                java.util.Map<String, String> named = new java.util.HashMap<>();
                while (constants.find()) {
                    named.put(constants.group(1), constants.group(2));
                }
                Matcher answer = ANSWER.matcher(source);
                while (answer.find()) {
                    String arguments = answer.group(1);
                    Matcher literal = CODE_LITERAL.matcher(arguments);
                    if (literal.find()) {
                        codes.add(literal.group(1));
                        continue;
                    }
                    named.forEach((name, value) -> {
                        if (Pattern.compile("\\b" + name + "\\b").matcher(arguments).find()) {
                            codes.add(value);
                        }
                    });
                }
            });
        }
        return codes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
