package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.domain.CallService;
import io.callscheduler.model.Call;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.store.ForwardingCallStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bug in an API function (an exception nothing maps to a 4xx or 503) answers 500 {@code INTERNAL_ERROR} in the
 * API's error JSON with the invocation's request id and the CORS headers, and is logged with its stack trace and
 * that id; never the exception thrown out of the handler, which API Gateway turns into a bare 502.
 */
@org.junit.jupiter.api.parallel.Isolated // its appender on the root logger would catch other classes' errors
class UnexpectedFailureTest {
    /** The test's clock: the moment it runs, so that no date written here can pass. */
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "http://localhost:8080";

    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("unexpected-failure-test", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            logged.add(event.toImmutable());
        }
    };

    @BeforeEach
    void captureLogs() {
        capture.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().addAppender(capture, Level.ERROR, null);
        logging.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(capture.getName());
        logging.updateLoggers();
        capture.stop();
    }

    /** A store whose every read and write fails the way a bug would: the real one underneath, never reached. */
    private static CallService serviceFailingWith(Supplier<RuntimeException> bug) {
        var store = new ForwardingCallStore(new DynamoDbCallStore(LocalAws.get().dynamoDb(), "never-reached")) {
            @Override
            public void insert(Call call, io.callscheduler.model.IdempotencyRecord record,
                               io.callscheduler.destinations.NumberQuota quota) {
                throw bug.get();
            }

            @Override
            public java.util.Optional<Call> find(String id) {
                throw bug.get();
            }
        };
        DialScheduler noSchedules = new DialScheduler() {
            @Override
            public void schedule(Call call, Duration lead) {
            }

            @Override
            public void unschedule(String callId) {
            }
        };
        return new CallService(store, noSchedules, request -> { }, new MutableClock(NOW));
    }

    static Stream<Supplier<RuntimeException>> bugs() {
        return Stream.of(() -> new IllegalStateException("a state the code never expected"),
                () -> new NullPointerException("Cannot invoke \"String.strip()\" because \"value\" is null"));
    }

    @ParameterizedTest
    @MethodSource("bugs")
    void aBugAnswers500WithTheRequestIdAndCorsAndIsLoggedWithItsStackTrace(Supplier<RuntimeException> bug) throws Exception {
        CallService failing = serviceFailingWith(bug);
        Map<String, ApiHandler> handlers = Map.of(
                "POST /calls", new CreateCallHandler(failing, ORIGIN),
                "GET /calls/{id}", new GetCallHandler(failing, ORIGIN));
        Map<String, APIGatewayProxyRequestEvent> requests = Map.of(
                "POST /calls", ApiEvents.post("{\"phoneNumber\": \"+14155550123\", \"scheduledAt\": \"" + NOW.plus(java.time.Duration.ofHours(1)) + "\"}"),
                "GET /calls/{id}", ApiEvents.onCall("GET", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", null));

        for (var route : handlers.keySet()) {
            APIGatewayProxyRequestEvent request = requests.get(route);
            request.setHeaders(Map.of("Origin", ORIGIN));
            TestContext context = new TestContext();

            APIGatewayProxyResponseEvent response = handlers.get(route).handleRequest(request, context);

            assertThat(response.getStatusCode()).as(route + ": " + response.getBody()).isEqualTo(500);
            assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", ORIGIN)
                    .containsEntry("Content-Type", "application/json; charset=utf-8");
            JsonNode error = JSON.readTree(response.getBody()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(error.path("message").asText()).contains("try again").contains("requestId");
            assertThat(error.has("field")).as("the same shape as every other error").isTrue();
            assertThat(error.path("field").isNull()).isTrue();
            assertThat(error.path("requestId").asText()).isEqualTo(context.getAwsRequestId());
            assertThat(response.getBody()).as("no internals leak to the caller").doesNotContain(bug.get().getMessage());

            LogEvent line = logged.stream().filter(e -> e.getMessage().getFormattedMessage().contains(context.getAwsRequestId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no log line with the request id in " + logged));
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getMessage().getFormattedMessage()).contains(request.getHttpMethod()).contains(request.getPath());
            assertThat(line.getThrown()).isInstanceOf(bug.get().getClass()).hasMessage(bug.get().getMessage());
            assertThat(line.getThrown().getStackTrace()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("bugs")
    void withoutALambdaRequestIdOneIsMadeUpAndLoggedWithTheFailure(Supplier<RuntimeException> bug) throws Exception {
        APIGatewayProxyResponseEvent response = new GetCallHandler(serviceFailingWith(bug), ORIGIN)
                .handleRequest(ApiEvents.onCall("GET", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", null), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        String requestId = JSON.readTree(response.getBody()).path("error").path("requestId").asText();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(logged).anyMatch(e -> e.getMessage().getFormattedMessage().contains(requestId));
    }
}
