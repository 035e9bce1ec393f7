package io.callscheduler.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.util.Arrays;
import java.util.Optional;

/**
 * Third-party command-line tools some tests run (cfn-lint, the AWS CLI). On a laptop without the tool the
 * test is skipped with a reason that says what to install; under CI (CI=true) a missing tool fails it,
 * so CI never silently skips.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** The tool's path, or the test is skipped (locally) or failed (CI). */
    public static String require(String command, String howToInstall) {
        Optional<String> path = find(command);
        if (path.isPresent()) {
            return path.get();
        }
        String reason = command + " is not on the PATH; " + howToInstall;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must provide " + reason);
        }
        // Maven's summary shows a class skipped this way as "Tests run: 0" with no reason; say it here.
        System.out.println("[SKIPPED] " + testClass() + ": " + reason);
        Assumptions.abort(reason);
        return null;
    }

    /** The test class asking (through helpers, if any), for the skip message. */
    private static String testClass() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .filter(name -> name.endsWith("Test") || name.endsWith("IT"))
                .findFirst().orElse("a test"));
    }

    public static Optional<String> find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> new File(dir, command))
                .filter(f -> f.isFile() && f.canExecute()).map(File::getAbsolutePath).findFirst();
    }
}
