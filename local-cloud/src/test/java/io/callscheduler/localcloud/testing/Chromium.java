package io.callscheduler.localcloud.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.callscheduler.testing.ExternalTools;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's headless Chromium driven by Playwright (no browser download: Maven Central and apt only). */
public final class Chromium {
    private Chromium() {
    }

    /** The executable, or the test is failed with how to install it. */
    public static String require() {
        return ExternalTools.require("chromium", "install Debian's browser: apt-get install -y chromium");
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright, String executable) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(executable))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }
}
