package io.callscheduler.localcloud.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The local API Gateway with a recording function: the event it builds, CORS, and its own errors. */
class LocalApiGatewayTest {
    private static final SamTemplate.Api API = new SamTemplate.Api("Prod",
            new SamTemplate.Cors("http://localhost:8080,http://127.0.0.1:8080", "GET,POST", "Content-Type", "600"),
            java.util.Map.of("DEFAULT_4XX", java.util.Map.of("Access-Control-Allow-Origin", "http://localhost:8080,http://127.0.0.1:8080"),
                    "DEFAULT_5XX", java.util.Map.of("Access-Control-Allow-Origin", "http://localhost:8080,http://127.0.0.1:8080")), true);
    private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private LocalApiGateway gateway;

    private URI start(LocalApiGateway.Invoker invoker) throws Exception {
        gateway = LocalApiGateway.start("127.0.0.1", 0, List.of(
                new LocalApiGateway.Binding("GET", "/calls/{id}", "get-call"),
                new LocalApiGateway.Binding("POST", "/calls", "create-call")), API, invoker, "000000000000");
        return URI.create("http://127.0.0.1:" + gateway.uri().getPort());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void requestBecomesTheProxyEventAndTheResponseComesBack() throws Exception {
        URI base = start((function, payload) -> {
            lastEvent.set(RunningCloud.JSON.readTree(payload));
            return "{\"statusCode\":201,\"headers\":{\"X-Function\":\"%s\"},\"body\":\"{\\\"ok\\\":true}\"}"
                    .formatted(function).getBytes(StandardCharsets.UTF_8);
        });

        HttpResponse<String> response = RunningCloud.exchange("GET", base.resolve("/calls/a%20b?x=1&x=2&y="), null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().firstValue("X-Function")).hasValue("get-call");
        JsonNode event = lastEvent.get();
        assertThat(event.path("resource").asText()).isEqualTo("/calls/{id}");
        assertThat(event.path("path").asText()).isEqualTo("/calls/a%20b");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("a b");
        assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("2");
        assertThat(event.path("multiValueQueryStringParameters").path("x")).hasSize(2);
        assertThat(event.path("queryStringParameters").path("y").asText()).isEmpty();
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("Prod");
        assertThat(event.path("requestContext").path("requestId").asText()).isNotBlank();
        assertThat(event.path("body").isNull()).isTrue();

        RunningCloud.exchange("GET", base.resolve("/calls/+1%20415"), null);
        assertThat(lastEvent.get().path("pathParameters").path("id").asText()).as("a path's + is a plus").isEqualTo("+1 415");
    }

    @Test
    void preflightIsAnsweredFromTheTemplatesCors() throws Exception {
        URI base = start((function, payload) -> {
            throw new AssertionError("a preflight must not reach a function");
        });

        HttpResponse<String> response = RunningCloud.exchange("OPTIONS", base.resolve("/calls/123"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    }

    @Test
    void unknownRoutesAndFailedFunctionsAnswerAsApiGatewayDoes() throws Exception {
        URI base = start((function, payload) -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> unknown = RunningCloud.exchange("GET", base.resolve("/nope"), null);
        HttpResponse<String> wrongMethod = RunningCloud.exchange("DELETE", base.resolve("/calls"), null);
        HttpResponse<String> failed = RunningCloud.exchange("POST", base.resolve("/calls"), "{}");

        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(wrongMethod.statusCode()).isEqualTo(403);
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).isEqualTo("{\"message\":\"Internal server error\"}");
    }

    @Test
    void theGatewaysOwnErrorsCarryCorsForThePagesOriginSoThePageCanReadThem() throws Exception {
        URI base = start((function, payload) -> {
            throw new IllegalStateException("boom");
        });

        for (String origin : List.of("http://localhost:8080", "http://127.0.0.1:8080")) {
            var unknown = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve("/nope"))
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            var failed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve("/calls"))
                    .header("Origin", origin).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var preflight = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve("/calls"))
                    .header("Origin", origin).method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(unknown.statusCode()).isEqualTo(403);
            assertThat(unknown.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        }
    }

    @Test
    void aRouteThatRequiresTheKeyAnswersForbiddenWithoutItAsApiGatewayDoes() throws Exception {
        gateway = LocalApiGateway.start("127.0.0.1", 0, List.of(
                new LocalApiGateway.Binding("POST", "/calls", "create-call", true),
                new LocalApiGateway.Binding("POST", "/webhooks/twilio/status", "webhook", false)), API,
                (function, payload) -> "{\"statusCode\":200,\"body\":\"%s\"}".formatted(function).getBytes(StandardCharsets.UTF_8),
                "000000000000", "the-key");
        URI base = URI.create("http://127.0.0.1:" + gateway.uri().getPort());
        Map<String, String> fromThePage = Map.of("Origin", "http://localhost:8080");

        HttpResponse<String> missing = RunningCloud.exchange("POST", base.resolve("/calls"), "{}", fromThePage);
        HttpResponse<String> wrong = RunningCloud.exchange("POST", base.resolve("/calls"), "{}",
                Map.of("Origin", "http://localhost:8080", "x-api-key", "the-kez"));
        HttpResponse<String> right = RunningCloud.exchange("POST", base.resolve("/calls"), "{}", Map.of("X-Api-Key", "the-key"));
        HttpResponse<String> webhook = RunningCloud.exchange("POST", base.resolve("/webhooks/twilio/status"), "{}", Map.of());
        HttpResponse<String> preflight = RunningCloud.exchange("OPTIONS", base.resolve("/calls"), null, fromThePage);

        for (HttpResponse<String> refused : List.of(missing, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("{\"message\":\"Forbidden\"}");
            assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
            // The page can read the refusal, and so ask for the key.
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        }
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("create-call");
        assertThat(webhook.body()).isEqualTo("webhook");
        assertThat(preflight.statusCode()).isEqualTo(200);
    }
}
