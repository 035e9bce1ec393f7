package io.callscheduler.localcloud.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.callscheduler.testing.ExternalTools;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright (no browser download: Maven Central and apt only), with a
 * context per test as a user in Paris would have it.
 */
public final class Chromium implements AutoCloseable {
    /** Reports each Content-Security-Policy violation a page meets to its console, where the context collects it. */
    private static final String REPORT_CSP_VIOLATIONS = "document.addEventListener('securitypolicyviolation', e => "
            + "console.error('CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')"
            + " + ' (' + (e.sourceFile || e.documentURI) + ':' + e.lineNumber + ')'), true);";
    private final Playwright playwright;
    private final Browser browser;
    private final List<String> cspViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** The executable, or the test is failed with how to install it. */
    public static String require() {
        return ExternalTools.require("chromium", "install Debian's browser: apt-get install -y chromium");
    }

    public static Chromium launch(String executable) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(executable))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new Chromium(playwright, browser);
    }

    /**
     * A fresh context (its own storage) in Paris time, British English, a desktop screen; every CSP violation
     * its pages meet is collected ({@link #takeCspViolations}).
     */
    public BrowserContext parisContext() {
        return contextIn("Europe/Paris");
    }

    /** As {@link #parisContext()}, with the browser's clock in another zone (an IANA id). */
    public BrowserContext contextIn(String timezoneId) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setTimezoneId(timezoneId)
                .setLocale("en-GB").setViewportSize(1280, 900));
        context.addInitScript(REPORT_CSP_VIOLATIONS);
        context.onConsoleMessage(message -> {
            // The page's listener above, and Chromium's own "Refused to ... Content Security Policy" line.
            if (message.text().startsWith("CSP violation: ") || message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
        return context;
    }

    /** The CSP violations met since the last call, by the pages of every context made here. */
    public List<String> takeCspViolations() {
        List<String> taken = List.copyOf(cspViolations);
        cspViolations.removeAll(taken);
        return taken;
    }

    /**
     * A Paris context whose pages already keep the API's key, as after the user entered it once (null: none,
     * and the page asks for it).
     */
    public BrowserContext parisContext(String apiKey) {
        return contextIn("Europe/Paris", apiKey);
    }

    /** A context in that zone whose pages already keep the API's key (null: none). */
    public BrowserContext contextIn(String timezoneId, String apiKey) {
        BrowserContext context = contextIn(timezoneId);
        if (apiKey != null) {
            context.addInitScript("localStorage.setItem('call-scheduler.api-key', " + quoted(apiKey) + ");");
        }
        return context;
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
