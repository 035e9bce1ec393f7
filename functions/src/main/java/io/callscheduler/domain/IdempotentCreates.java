package io.callscheduler.domain;

import io.callscheduler.model.IdempotencyRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The rules of {@code Idempotency-Key} on create (POST /calls, POST /series), as payment APIs have them: the key is
 * 1–255 printable ASCII characters; within {@link #RETENTION} the same key with the same request answers with what
 * the first created, and with another request is refused.
 */
public final class IdempotentCreates {
    public static final String HEADER = "Idempotency-Key";
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 255;

    private IdempotentCreates() {
    }

    /** @throws ValidationException naming the header when the key is not 1–255 printable ASCII characters */
    public static String validKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new ValidationException(HEADER, "INVALID_IDEMPOTENCY_KEY", HEADER
                    + " must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters (a UUID is a good choice)");
        }
        return key;
    }

    /** A digest of the request as sent: the same fields with the same values give the same fingerprint. */
    static String fingerprint(NewCallRequest request) {
        // The script's fields join only when given, so that records written before they existed still match.
        String[] fields = request.hasScript()
                ? new String[]{request.phoneNumber(), request.scheduledAt(), request.timeZone(), request.contactName(),
                        request.notes(), request.callerId(), request.message(), request.voice(), request.language(),
                        request.twimlUrl(), request.calleeTimeZone(), String.valueOf(request.redial())}
                : new String[]{request.phoneNumber(), request.scheduledAt(), request.timeZone(), request.contactName(),
                        request.notes()};
        return fingerprint(Arrays.asList(fields));
    }

    /** A digest of a request's fields in a fixed order (null values included): equal only for the same values. */
    public static String fingerprint(List<String> fields) {
        String canonical = String.join("\u0000", fields.stream().map(value -> value == null ? "\u0001" : value).toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static IdempotencyRecord record(String key, NewCallRequest request, String callId, Instant now) {
        return new IdempotencyRecord(key, fingerprint(request), callId, now.plus(RETENTION));
    }
}
