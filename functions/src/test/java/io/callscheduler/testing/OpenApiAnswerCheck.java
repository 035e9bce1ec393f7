package io.callscheduler.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.callscheduler.entrypoints.AnswerObserver;
import io.callscheduler.openapi.OpenApiDocument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds an API answer to openapi.yaml: the route (method and path) must be described, the status declared for it,
 * the content type declared for that status, a JSON body valid against its schema (JSON Schema 2020-12 with the
 * OpenAPI 3.1 dialect, by networknt's validator), the headers it requires present and no API header it does not
 * declare. Registered (META-INF/services) as an {@link AnswerObserver}, it sees every answer every handler gives in
 * the tests, and fails the test with an {@link AssertionError} that says what disagrees.
 */
public final class OpenApiAnswerCheck implements AnswerObserver {
    /** The document as the tests' classpath has it (the build copies the repository's openapi.yaml there). */
    private static final String DOCUMENT = "classpath:openapi.yaml";
    /** Headers every answer may carry whatever the description says: transport and CORS. */
    private static final Set<String> GENERAL_HEADERS = Set.of("content-type", "cache-control", "vary",
            "access-control-allow-origin", "access-control-expose-headers");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * OpenAPI 3.1's dialect; the document is loaded whole as the schemas' root, so its OpenAPI members (paths, info...)
     * are read as annotations, not warned about as unknown keywords.
     */
    private static final com.networknt.schema.JsonMetaSchema DIALECT = com.networknt.schema.JsonMetaSchema
            .builder(OpenApi31.getInstance()).unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private final JsonNode spec = OpenApiDocument.tree();

    @Override
    public void answered(APIGatewayProxyRequestEvent request, APIGatewayProxyResponseEvent response) {
        if (request.getHttpMethod() == null && request.getPath() == null) {
            return; // not an API request (a function invoked directly, as LocalServersGuardsTest does): no route to hold it to
        }
        List<String> problems = problems(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer to " + request.getHttpMethod() + " " + request.getPath()
                    + " disagrees with openapi.yaml: " + String.join("; ", problems) + "\n  status " + response.getStatusCode()
                    + ", headers " + response.getHeaders() + "\n  body " + response.getBody());
        }
    }

    /** What in the answer disagrees with the description; empty when nothing does. */
    public List<String> problems(APIGatewayProxyRequestEvent request, APIGatewayProxyResponseEvent response) {
        List<String> problems = new ArrayList<>();
        String method = request.getHttpMethod() == null ? "" : request.getHttpMethod().toLowerCase(Locale.ROOT);
        String path = route(request);
        if (path == null) {
            problems.add("no path of openapi.yaml matches " + request.getPath());
            return problems;
        }
        String operationPointer = "/paths/" + escape(path) + "/" + method;
        if (spec.at(operationPointer).isMissingNode()) {
            problems.add(method.toUpperCase(Locale.ROOT) + " " + path + " is not in openapi.yaml");
            return problems;
        }
        String status = String.valueOf(response.getStatusCode());
        String answerPointer = operationPointer + "/responses/" + status;
        if (spec.at(answerPointer).isMissingNode()) {
            answerPointer = operationPointer + "/responses/" + status.charAt(0) + "XX";
        }
        if (spec.at(answerPointer).isMissingNode()) {
            answerPointer = operationPointer + "/responses/default";
        }
        if (spec.at(answerPointer).isMissingNode()) {
            problems.add("status " + status + " is not declared for " + method.toUpperCase(Locale.ROOT) + " " + path);
            return problems;
        }
        answerPointer = resolved(answerPointer);
        JsonNode answer = spec.at(answerPointer);
        Map<String, String> headers = lowerCased(response.getHeaders());
        checkHeaders(answer, headers, problems);
        checkBody(answerPointer, answer, headers.get("content-type"), response.getBody(), problems);
        return problems;
    }

    private void checkHeaders(JsonNode answer, Map<String, String> headers, List<String> problems) {
        Map<String, JsonNode> declared = new java.util.HashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> declared.put(h.getKey().toLowerCase(Locale.ROOT),
                h.getValue().has("$ref") ? spec.at(h.getValue().get("$ref").asText().substring(1)) : h.getValue()));
        declared.forEach((name, header) -> {
            if (header.path("required").asBoolean(false) && !headers.containsKey(name)) {
                problems.add("header " + name + " is required but absent");
            }
        });
        for (String name : headers.keySet()) {
            if (!GENERAL_HEADERS.contains(name) && !declared.containsKey(name)) {
                problems.add("header " + name + " is not declared for this status");
            }
        }
    }

    private void checkBody(String answerPointer, JsonNode answer, String contentType, String body, List<String> problems) {
        JsonNode content = answer.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add("a body is answered where none is declared");
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            List<String> allowed = new ArrayList<>();
            content.fieldNames().forEachRemaining(allowed::add);
            problems.add("content type '" + contentType + "' is not declared (declared: " + allowed + ")");
            return;
        }
        if (!mediaType.equals("application/json")) {
            return; // CSV, TwiML: declared as strings
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            problems.add("the body is not JSON: " + e.getMessage());
            return;
        }
        if (instance == null || instance.isMissingNode()) {
            problems.add("the JSON body is empty");
            return;
        }
        String schemaPointer = answerPointer + "/content/" + escape(mediaType) + "/schema";
        JsonSchema schema = COMPILED.computeIfAbsent(schemaPointer,
                pointer -> SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer)));
        Set<ValidationMessage> errors = schema.validate(instance);
        problems.addAll(errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList()));
    }

    /**
     * What in an outbound event's payload disagrees with its schema under openapi.yaml's {@code webhooks}; empty when
     * nothing does. For the events' own tests: a payload is held to the description as the API's answers are.
     */
    public List<String> eventProblems(String type, JsonNode payload) {
        String pointer = "/webhooks/" + escape(type);
        if (spec.at(pointer).isMissingNode()) {
            return List.of("event type " + type + " is not under webhooks in openapi.yaml");
        }
        String schemaPointer = resolved(pointer) + "/post/requestBody/content/application~1json/schema";
        JsonSchema schema = COMPILED.computeIfAbsent(schemaPointer,
                p -> SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT + "#" + p)));
        List<String> problems = new ArrayList<>(schema.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList());
        if (!type.equals(payload.path("type").asText())) {
            problems.add("type is '" + payload.path("type").asText() + "', not " + type);
        }
        return problems;
    }

    /** The route's path as openapi.yaml writes it: the event's resource, else the template its path matches. */
    private String route(APIGatewayProxyRequestEvent request) {
        String resource = request.getResource();
        if (resource != null && spec.path("paths").has(resource)) {
            return resource;
        }
        if (request.getPath() != null && spec.path("paths").has(request.getPath())) {
            return request.getPath();
        }
        for (Iterator<String> paths = spec.path("paths").fieldNames(); paths.hasNext(); ) {
            String template = paths.next();
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (request.getPath() != null && request.getPath().matches(regex)) {
                return template;
            }
        }
        return resource;
    }

    /** Follows a response object's $ref (#/components/responses/...) to the pointer of what it names. */
    private String resolved(String pointer) {
        JsonNode node = spec.at(pointer);
        while (node.has("$ref")) {
            pointer = node.get("$ref").asText().substring(1);
            node = spec.at(pointer);
        }
        return pointer;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        Map<String, String> lower = new java.util.HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        }
        return lower;
    }
}
