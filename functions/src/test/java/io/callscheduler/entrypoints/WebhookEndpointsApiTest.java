package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.events.signing.WebhookSigner;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.AppUnderTest;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook-endpoint routes through the production wiring: items in DynamoDB Local, secrets in the emulated Secrets
 * Manager through the real SDK, with loopback URLs allowed as the local cloud allows them (one handler is wired as on
 * AWS, for the refusals).
 */
class WebhookEndpointsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "call-scheduler/webhook-endpoints/";
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();
    private static Map<String, String> local;
    private static CreateWebhookEndpointHandler create;
    private static CreateWebhookEndpointHandler createOnAws;
    private static ListWebhookEndpointsHandler list;
    private static GetWebhookEndpointHandler get;
    private static UpdateWebhookEndpointHandler update;
    private static DeleteWebhookEndpointHandler delete;
    private static RotateWebhookSecretHandler rotate;

    @BeforeAll
    static void start() {
        local = new HashMap<>(app.environment);
        local.put("ALLOW_LOOPBACK_WEBHOOKS", "true");
        create = new CreateWebhookEndpointHandler(local);
        createOnAws = new CreateWebhookEndpointHandler(app.environment);
        list = new ListWebhookEndpointsHandler(local);
        get = new GetWebhookEndpointHandler(local);
        update = new UpdateWebhookEndpointHandler(local);
        delete = new DeleteWebhookEndpointHandler(local);
        rotate = new RotateWebhookSecretHandler(local);
    }

    private static APIGatewayProxyRequestEvent onEndpoint(String method, String resource, String id, String body) {
        return ApiEvents.event(method, resource, resource.replace("{id}", id), body, Map.of("id", id), null);
    }

    private static APIGatewayProxyResponseEvent post(CreateWebhookEndpointHandler handler, String body) {
        return handler.handleRequest(ApiEvents.event("POST", "/webhook-endpoints", "/webhook-endpoints", body, null, null),
                new TestContext());
    }

    private static JsonNode created(String body) throws Exception {
        APIGatewayProxyResponseEvent response = post(create, body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode ok(APIGatewayProxyResponseEvent response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode error(APIGatewayProxyResponseEvent response, int status) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return JSON.readTree(response.getBody()).get("error");
    }

    private static JsonNode storedSecret(String id) throws Exception {
        return JSON.readTree(app.aws.secretsManagerClient().getSecretValue(r -> r.secretId(PREFIX + id)).secretString());
    }

    @Test
    void aCreateAnswersTheSecretOnceAndNoReadShowsItAgain() throws Exception {
        APIGatewayProxyResponseEvent response = post(create, """
                {"url": "http://127.0.0.1:8099/hooks", "events": ["call.failed", "call.completed", "call.failed"],
                 "description": "CRM"}""");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode endpoint = JSON.readTree(response.getBody());
        String id = endpoint.get("id").asText();
        String secret = endpoint.get("secret").asText();

        assertThat(response.getHeaders().get("Location")).endsWith("/webhook-endpoints/" + id);
        assertThat(secret).startsWith("whsec_");
        assertThat(endpoint.get("events").toString()).as("known order, no repeats").isEqualTo("[\"call.completed\",\"call.failed\"]");
        assertThat(endpoint.get("disabled").asBoolean()).isFalse();
        assertThat(storedSecret(id).get("current").asText()).isEqualTo(secret);

        APIGatewayProxyResponseEvent read = get.handleRequest(onEndpoint("GET", "/webhook-endpoints/{id}", id, null), new TestContext());
        assertThat(ok(read).get("url").asText()).isEqualTo("http://127.0.0.1:8099/hooks");
        assertThat(read.getBody()).doesNotContain(secret).doesNotContain("\"secret\"");
        APIGatewayProxyResponseEvent all = list.handleRequest(ApiEvents.event("GET", "/webhook-endpoints",
                "/webhook-endpoints", null, null, Map.of("limit", "200")), new TestContext());
        assertThat(ok(all).get("items").findValuesAsText("id")).contains(id);
        assertThat(all.getBody()).doesNotContain(secret);
    }

    @Test
    void leftOutEventsSubscribeToEveryType() throws Exception {
        assertThat(created("""
                {"url": "http://localhost:8099/all"}""").get("events").toString()).isEqualTo("[\"*\"]");
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWritten() throws Exception {
        Map<String, String> refusals = Map.of(
                "{\"events\": [\"call.completed\"]}", "url",
                "{\"url\": \"http://127.0.0.1:1/\", \"events\": []}", "events",
                "{\"url\": \"http://127.0.0.1:1/\", \"events\": [\"call.exploded\"]}", "events",
                "{\"url\": \"http://127.0.0.1:1/\", \"events\": [\"*\", \"call.failed\"]}", "events",
                "{\"url\": \"http://127.0.0.1:1/\", \"events\": \"call.failed\"}", "events",
                "{\"url\": \"http://127.0.0.1:1/\", \"description\": \"%s\"}".formatted("x".repeat(501)), "description",
                "{\"url\": \"http://127.0.0.1:1/\", \"secret\": \"whsec_mine\"}", "secret",
                "{\"url\": 42}", "url",
                "{\"url\": \"http://10.0.0.8/hooks\"}", "url");
        int before = ok(list.handleRequest(ApiEvents.event("GET", "/webhook-endpoints", "/webhook-endpoints", null, null,
                Map.of("limit", "200")), new TestContext())).get("items").size();
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            JsonNode error = error(post(create, refusal.getKey()), 400);
            assertThat(error.get("field").asText()).as(refusal.getKey()).isEqualTo(refusal.getValue());
            assertThat(error.get("message").asText()).as(refusal.getKey()).isNotBlank();
        }
        assertThat(ok(list.handleRequest(ApiEvents.event("GET", "/webhook-endpoints", "/webhook-endpoints", null, null,
                Map.of("limit", "200")), new TestContext())).get("items")).hasSize(before);
    }

    @Test
    void onAwsOnlyPublicHttpsUrlsAreAccepted() throws Exception {
        JsonNode metadata = error(post(createOnAws, """
                {"url": "https://169.254.169.254/latest/meta-data/"}"""), 400);
        assertThat(metadata.get("code").asText()).isEqualTo("FORBIDDEN_ADDRESS");
        assertThat(metadata.get("field").asText()).isEqualTo("url");
        assertThat(metadata.get("message").asText()).contains("169.254.169.254").contains("link-local");

        JsonNode loopback = error(post(createOnAws, """
                {"url": "https://localhost/hooks"}"""), 400);
        assertThat(loopback.get("code").asText()).isEqualTo("FORBIDDEN_ADDRESS");
        assertThat(loopback.get("message").asText()).contains("127.0.0.1").contains("loopback");

        assertThat(error(post(createOnAws, """
                {"url": "http://93.184.215.14/hooks"}"""), 400).get("code").asText()).isEqualTo("INSECURE_URL");
        APIGatewayProxyResponseEvent publicHttps = post(createOnAws, """
                {"url": "https://93.184.215.14/hooks"}""");
        assertThat(publicHttps.getStatusCode()).as(publicHttps.getBody()).isEqualTo(201);
    }

    @Test
    void aPatchChangesOnlyTheMembersGiven() throws Exception {
        String id = created("""
                {"url": "http://127.0.0.1:8099/a", "events": ["call.completed"], "description": "first"}""").get("id").asText();

        JsonNode disabled = ok(update.handleRequest(onEndpoint("PATCH", "/webhook-endpoints/{id}", id, """
                {"disabled": true, "events": ["*"]}"""), new TestContext()));
        assertThat(disabled.get("disabled").asBoolean()).isTrue();
        assertThat(disabled.get("events").toString()).isEqualTo("[\"*\"]");
        assertThat(disabled.get("url").asText()).isEqualTo("http://127.0.0.1:8099/a");
        assertThat(disabled.get("description").asText()).isEqualTo("first");

        JsonNode moved = ok(update.handleRequest(onEndpoint("PATCH", "/webhook-endpoints/{id}", id, """
                {"url": "http://localhost:8100/b", "description": null}"""), new TestContext()));
        assertThat(moved.get("url").asText()).isEqualTo("http://localhost:8100/b");
        assertThat(moved.get("description").isNull()).isTrue();
        assertThat(moved.get("disabled").asBoolean()).isTrue();
        assertThat(ok(get.handleRequest(onEndpoint("GET", "/webhook-endpoints/{id}", id, null), new TestContext())))
                .isEqualTo(moved);

        for (String bad : List.of("{\"disabled\": \"yes\"}", "{\"url\": null}", "{}", "{\"url\": \"http://192.168.1.1/\"}")) {
            assertThat(error(update.handleRequest(onEndpoint("PATCH", "/webhook-endpoints/{id}", id, bad), new TestContext()), 400)
                    .get("code").asText()).as(bad).isNotBlank();
        }
    }

    @Test
    void anEditOfAVersionAnotherWriteReplacedIsRefused() throws Exception {
        String id = created("""
                {"url": "http://127.0.0.1:8099/c"}""").get("id").asText();
        var store = new DynamoDbEndpointStore(app.aws.dynamoDb(), app.table);
        var read = store.find(id).orElseThrow();
        update.handleRequest(onEndpoint("PATCH", "/webhook-endpoints/{id}", id, "{\"disabled\": true}"), new TestContext());

        assertThatThrownBy(() -> store.update(read, read.version()))
                .isInstanceOf(io.callscheduler.events.endpoints.EndpointChangedException.class);
        assertThat(store.find(id).orElseThrow().disabled()).isTrue();
    }

    @Test
    void aRotationAnswersANewSecretAndBothSignForADay() throws Exception {
        JsonNode endpoint = created("""
                {"url": "http://127.0.0.1:8099/rotated"}""");
        String id = endpoint.get("id").asText();
        String first = endpoint.get("secret").asText();

        Instant before = Instant.now();
        APIGatewayProxyResponseEvent response = rotate.handleRequest(onEndpoint("POST",
                "/webhook-endpoints/{id}/rotate-secret", id, null), new TestContext());
        JsonNode rotated = ok(response);
        String second = rotated.get("secret").asText();
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(Instant.parse(rotated.get("previousSecretExpiresAt").asText()))
                .isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
        JsonNode stored = storedSecret(id);
        assertThat(stored.get("current").asText()).isEqualTo(second);
        assertThat(stored.get("previous").asText()).isEqualTo(first);

        // What the delivery signs with now: both secrets; a receiver holding either verifies the message.
        WebhookEndpoints endpoints = Services.forEnvironment(local).webhooks().endpoints();
        List<String> signing = endpoints.signingSecrets(id);
        assertThat(signing).containsExactly(second, first);
        String body = "{\"type\":\"call.completed\"}";
        Map<String, List<String>> headers = WebhookSigner.headers("msg_rot", Instant.now(), body, signing).entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        new Webhook(first).verify(body, headers);
        new Webhook(second).verify(body, headers);

        // A second rotation: the first secret stops signing at once, the second keeps a day.
        String third = ok(rotate.handleRequest(onEndpoint("POST", "/webhook-endpoints/{id}/rotate-secret", id, null),
                new TestContext())).get("secret").asText();
        assertThat(endpoints.signingSecrets(id)).containsExactly(third, second);
    }

    @Test
    void aRotationWhileAnotherIsUnderWayIsA409AndLosesNoSecret() throws Exception {
        JsonNode endpoint = created("""
                {"url": "http://127.0.0.1:8099/busy"}""");
        String id = endpoint.get("id").asText();
        // Another rotation has claimed rotation 1 and not yet written its secret.
        var store = new DynamoDbEndpointStore(app.aws.dynamoDb(), app.table);
        Instant now = Instant.now();
        assertThat(store.claimRotation(id, 1, now, now.minus(Duration.ofMinutes(1)))).isTrue();

        JsonNode refused = error(rotate.handleRequest(onEndpoint("POST", "/webhook-endpoints/{id}/rotate-secret", id, null),
                new TestContext()), 409);
        assertThat(refused.get("code").asText()).isEqualTo("CONCURRENT_UPDATE");
        assertThat(storedSecret(id).get("current").asText()).isEqualTo(endpoint.get("secret").asText());
        // Abandoned (older than its function could run), it no longer blocks.
        assertThat(store.claimRotation(id, 1, now.plus(Duration.ofMinutes(2)), now.plus(Duration.ofMinutes(1)))).isTrue();
    }

    @Test
    void aDeleteRemovesTheEndpointAndItsSecret() throws Exception {
        String id = created("""
                {"url": "http://127.0.0.1:8099/gone"}""").get("id").asText();

        JsonNode deleted = ok(delete.handleRequest(onEndpoint("DELETE", "/webhook-endpoints/{id}", id, null), new TestContext()));
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(error(get.handleRequest(onEndpoint("GET", "/webhook-endpoints/{id}", id, null), new TestContext()), 404)
                .get("field").asText()).isEqualTo("id");
        assertThatThrownBy(() -> storedSecret(id)).isInstanceOf(ResourceNotFoundException.class);
        error(delete.handleRequest(onEndpoint("DELETE", "/webhook-endpoints/{id}", id, null), new TestContext()), 404);
        error(rotate.handleRequest(onEndpoint("POST", "/webhook-endpoints/{id}/rotate-secret", id, null), new TestContext()), 404);
        error(update.handleRequest(onEndpoint("PATCH", "/webhook-endpoints/{id}", id, "{\"disabled\": true}"), new TestContext()), 404);
    }

    @Test
    void anIdThatCannotExistIsA404() throws Exception {
        assertThat(error(get.handleRequest(onEndpoint("GET", "/webhook-endpoints/{id}", "not-an-id", null), new TestContext()), 404)
                .get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void theListPagesInCreationOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            created("{\"url\": \"http://127.0.0.1:8099/page%d\"}".formatted(i));
        }
        List<String> urls = new java.util.ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = ok(list.handleRequest(ApiEvents.event("GET", "/webhook-endpoints", "/webhook-endpoints", null,
                    null, query), new TestContext()));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            urls.addAll(page.get("items").findValuesAsText("url"));
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
            pages++;
        } while (token != null && pages < 50);
        assertThat(urls).containsSubsequence("http://127.0.0.1:8099/page0", "http://127.0.0.1:8099/page1",
                "http://127.0.0.1:8099/page2").doesNotHaveDuplicates();

        JsonNode foreign = error(list.handleRequest(ApiEvents.event("GET", "/webhook-endpoints", "/webhook-endpoints", null,
                null, Map.of("nextToken", "bm9wZQ")), new TestContext()), 400);
        assertThat(foreign.get("field").asText()).isEqualTo("nextToken");
    }
}
