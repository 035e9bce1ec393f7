package io.callscheduler.localcloud.web;

import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebsiteServerTest {
    @TempDir
    Path root;
    private WebsiteServer server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>page</h1>");
        Files.createDirectories(root.resolve("js"));
        Files.writeString(root.resolve("js/app.js"), "export {};");
        Files.writeString(root.getParent().resolve("secret.txt"), "secret");
        server = WebsiteServer.start("127.0.0.1", 0, root, 3000);
        base = server.uri();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageAndItsGeneratedConfig() {
        HttpResponse<String> index = RunningCloud.exchange("GET", base.resolve("/"), null);
        HttpResponse<String> script = RunningCloud.exchange("GET", base.resolve("/js/app.js"), null);
        HttpResponse<String> config = RunningCloud.exchange("GET", base.resolve("/config.js"), null);

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).isEqualTo("<h1>page</h1>");
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(config.body()).isEqualTo("window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"http://localhost:3000\" };\n");
    }

    @Test
    void theConfigNamesTheApiUnderTheHostNameThePageWasRequestedWith() throws Exception {
        URI numeric = URI.create("http://127.0.0.1:" + base.getPort());

        assertThat(RunningCloud.exchange("GET", numeric.resolve("/config.js"), null).body())
                .isEqualTo("window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"http://127.0.0.1:3000\" };\n");
        assertThat(rawGetConfig("evil.example\"};alert(1);//")).as("a Host that is none of the server's names is refused")
                .startsWith("HTTP/1.1 421").doesNotContain("alert");
        assertThat(rawGetConfig("[::1]:8080")).contains("apiBaseUrl: \"http://[::1]:3000\"");
    }

    /** A GET of /config.js with a Host header that a browser would never send (java.net.http refuses to). */
    private String rawGetConfig(String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.getOutputStream().write(("GET /config.js HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void nothingOutsideTheDirectoryAndOnlyReads() {
        assertThat(RunningCloud.exchange("GET", base.resolve("/../secret.txt"), null).statusCode()).isEqualTo(404);
        assertThat(RunningCloud.exchange("GET", base.resolve("/%2e%2e/secret.txt"), null).statusCode()).isEqualTo(404);
        assertThat(RunningCloud.exchange("GET", base.resolve("/missing.html"), null).statusCode()).isEqualTo(404);
        HttpResponse<String> post = RunningCloud.exchange("POST", base.resolve("/index.html"), "x");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void refusesAMissingDirectory() {
        assertThatThrownBy(() -> WebsiteServer.start("127.0.0.1", 0, root.resolve("nope"), 3000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web page directory not found");
    }
}
