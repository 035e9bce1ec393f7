package io.callscheduler.localcloud.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;

/**
 * A local cloud and a browser to drive its page, for a whole browser test class ({@code @RegisterExtension
 * static}): the cloud as {@link LocalCloudExtension} starts it, then Debian's Chromium (the class fails,
 * saying how to install it, when it is missing); both closed after the last test. A test's pages from
 * {@link #parisPage()} are closed after that test.
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final LocalCloudExtension cloud;
    private Chromium chromium;
    /** Per thread: the test's own, as a test and its after-each callbacks run on one thread. */
    private final ThreadLocal<BrowserContext> testContext = new ThreadLocal<>();

    /** @param parameterOverrides template parameters, as {@code --parameter-overrides} gives them */
    public BrowserExtension(Map<String, String> parameterOverrides) {
        this.cloud = new LocalCloudExtension(parameterOverrides);
    }

    public RunningCloud app() {
        return cloud.app();
    }

    public Chromium chromium() {
        if (chromium == null) {
            throw new IllegalStateException("the browser starts before the class's first test");
        }
        return chromium;
    }

    /** A new page for the current test, in a browser set to Paris and given the cloud's API key; closed after the test. */
    public Page parisPage() {
        if (testContext.get() == null) {
            testContext.set(chromium().parisContext(app().cloud.apiKey()));
        }
        return testContext.get().newPage();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserContext pages = testContext.get();
        if (pages != null) {
            pages.close();
            testContext.remove();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String executable = Chromium.require();
        cloud.beforeAll(context);
        chromium = Chromium.launch(executable);
    }

    /** Fails the class if its pages met any Content-Security-Policy violation: the page must work within its policy. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> violations = chromium == null ? List.of() : chromium.takeCspViolations();
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            cloud.afterAll(context);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("the page broke its Content-Security-Policy: " + violations);
        }
    }
}
