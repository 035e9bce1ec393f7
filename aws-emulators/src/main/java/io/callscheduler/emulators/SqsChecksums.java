package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The MD5 digests SQS answers with, which the SDKs check: of a body, and of message attributes. */
final class SqsChecksums {
    private SqsChecksums() {
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SQS's digest of message attributes: each, sorted by name, as length-prefixed name, type and value. */
    static String md5OfAttributes(JsonNode attributes) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        attributes.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, JsonNode> attribute : sorted.entrySet()) {
            String type = attribute.getValue().path("DataType").asText("String");
            writeLengthPrefixed(out, attribute.getKey().getBytes(StandardCharsets.UTF_8));
            writeLengthPrefixed(out, type.getBytes(StandardCharsets.UTF_8));
            if (type.startsWith("Binary")) {
                out.write(2);
                writeLengthPrefixed(out, java.util.Base64.getDecoder().decode(attribute.getValue().path("BinaryValue").asText()));
            } else {
                out.write(1);
                writeLengthPrefixed(out, attribute.getValue().path("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return md5Hex(out.toByteArray());
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
