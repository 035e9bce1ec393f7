package io.callscheduler.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's OpenAPI description: openapi.yaml (the repository root's openapi.yaml links to this module's resource, so
 * that {@code sam build}, which copies functions/ alone, bundles it too), read and turned into JSON once per container,
 * on first use.
 */
public final class OpenApiDocument {
    /** Where the build puts openapi.yaml on the classpath. */
    public static final String RESOURCE = "/openapi.yaml";

    private OpenApiDocument() {
    }

    /** The document as a JSON tree (shared: do not change it). */
    public static JsonNode tree() {
        return Loaded.TREE;
    }

    /** The document as JSON text, as GET /openapi.json answers it. */
    public static String json() {
        return Loaded.JSON;
    }

    /** Loaded when first asked for (holder idiom): the functions that never serve it never pay for it. */
    private static final class Loaded {
        static final JsonNode TREE = read();
        static final String JSON = TREE.toString();

        private static JsonNode read() {
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the classpath");
                }
                return new ObjectMapper(new YAMLFactory()).readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("openapi.yaml cannot be read", e);
            }
        }
    }
}
