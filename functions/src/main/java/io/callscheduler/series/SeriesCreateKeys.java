package io.callscheduler.series;

import io.callscheduler.domain.IdempotencyKeyReusedException;
import io.callscheduler.domain.IdempotentCreates;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.IdempotencyKeyTakenException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * POST /series's {@code Idempotency-Key}, by POST /calls' rules ({@link IdempotentCreates}): the series is written
 * with its key's record in one transaction, so that of requests racing with one key exactly one creates it and the
 * others answer it.
 */
final class SeriesCreateKeys {
    /** Tries at the write while a racing request with the key is still writing it. */
    private static final int MAX_KEY_RACES = 8;

    private final SeriesStore store;

    SeriesCreateKeys(SeriesStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** @throws io.callscheduler.domain.ValidationException naming the header when the key is malformed */
    static String validKey(String key) {
        return key == null ? null : IdempotentCreates.validKey(key);
    }

    /** The series an earlier request with this key created, or null when the key is new (or expired). */
    Series replay(String key, SeriesRequest request, Instant now) {
        SeriesIdempotencyRecord record = store.findIdempotencyRecord(key, now).orElse(null);
        if (record == null) {
            return null;
        }
        if (!record.requestFingerprint().equals(fingerprint(request))) {
            throw new IdempotencyKeyReusedException("this Idempotency-Key was used within the last 24 hours with a "
                    + "different request; use a new key for a new series");
        }
        return store.find(record.seriesId()).orElseThrow(() -> new SeriesNotFoundException(record.seriesId()));
    }

    /**
     * Writes the series with its key's record; when a concurrent request with the key holds it (or is writing it at
     * this moment), answers as that request's retry instead.
     *
     * @return null when this request wrote the series; else the series the other request created
     */
    Series insertOnce(Series series, String key, SeriesRequest request, Instant now) {
        SeriesIdempotencyRecord record = new SeriesIdempotencyRecord(key, fingerprint(request), series.id(),
                now.plus(IdempotentCreates.RETENTION));
        for (int race = 0; race < MAX_KEY_RACES; race++) {
            try {
                store.insert(series, record);
                return null;
            } catch (IdempotencyKeyTakenException concurrent) {
                Series earlier = replay(key, request, now);
                if (earlier != null) {
                    return earlier;
                }
                // the other request's transaction was still in flight, or failed: try again
            }
        }
        throw new ConcurrentUpdateException("series " + series.id());
    }

    /** The request as sent: every recurrence field, then the calls' fields by name. */
    static String fingerprint(SeriesRequest request) {
        SeriesRuleFields rule = request.rule();
        List<String> fields = new ArrayList<>(java.util.Arrays.asList(rule.timeZone(), rule.rrule(), rule.startAt(),
                rule.until(), Objects.toString(rule.count(), null)));
        fields.add(rule.exdates() == null ? null : String.join("\u0002", rule.exdates()));
        new TreeMap<>(request.callFields()).forEach((name, value) -> {
            fields.add(name);
            fields.add(value);
        });
        return IdempotentCreates.fingerprint(fields);
    }
}
