package io.callscheduler.series;

import io.callscheduler.domain.CallService;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The series' use cases (README, "Recurring calls") as the handlers call them: create (with its Idempotency-Key,
 * {@link SeriesCreateKeys}), preview and the reads here; an edit or split goes to {@link SeriesEdits}, a pause,
 * resume, delete or an occurrence's exception to {@link SeriesStates}. Occurrences are created by
 * {@link SeriesRoller}; every state change is written conditional on the series' version ({@link SeriesChanges}).
 */
public final class SeriesService {
    /** Occurrences each series shows ahead. */
    public static final int SHOWN_OCCURRENCES = 10;

    private final SeriesStore store;
    private final SeriesRoller roller;
    private final Clock clock;
    private final Supplier<String> ids;
    private final SeriesCreateKeys createKeys;
    private final SeriesChanges changes;
    private final SeriesDefinitions definitions;
    private final SeriesEdits edits;
    private final SeriesStates states;

    public SeriesService(SeriesStore store, CallStore calls, CallService callService, SeriesRoller roller, Clock clock) {
        this(store, calls, callService, roller, clock, () -> UUID.randomUUID().toString());
    }

    SeriesService(SeriesStore store, CallStore calls, CallService callService, SeriesRoller roller, Clock clock,
                  Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.roller = Objects.requireNonNull(roller, "roller");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.createKeys = new SeriesCreateKeys(store);
        this.definitions = new SeriesDefinitions(new OccurrenceCalls(Objects.requireNonNull(callService, "callService")));
        this.changes = new SeriesChanges(store);
        var pendingCalls = new SeriesPendingCalls(store, Objects.requireNonNull(calls, "calls"), roller);
        var splits = new SeriesSplits(store, changes, definitions, pendingCalls, roller, clock, ids);
        this.edits = new SeriesEdits(changes, definitions, pendingCalls, splits, roller, clock);
        this.states = new SeriesStates(changes, pendingCalls, roller, clock);
    }

    /** What a create answered: the series, and whether an earlier request with the same Idempotency-Key made it. */
    public record Created(Series series, boolean replayed) {
    }

    /** {@link #create(SeriesRequest, String)} without an Idempotency-Key. */
    public Series create(SeriesRequest request) {
        return create(request, null).series();
    }

    /**
     * Checks everything, writes the series (with its Idempotency-Key's record, both or neither), then creates its
     * first occurrence's call. Within a day the same key with the same request answers the series the first request
     * created, rolled again in case that request's roll failed (nothing is created twice), and with a different
     * request is refused.
     *
     * @param idempotencyKey the client's key, or null for none
     * @throws ValidationException naming the field at fault; nothing is written then
     * @throws io.callscheduler.domain.IdempotencyKeyReusedException when the key came with a different request
     */
    public Created create(SeriesRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        String key = SeriesCreateKeys.validKey(idempotencyKey);
        // A retry answers with the first result, even if its start has passed since: checked before validation.
        Series earlier = key == null ? null : createKeys.replay(key, request, now);
        if (earlier != null) {
            return replayed(earlier);
        }
        SeriesRuleFields rule = definitions.checked(request.rule(), request.callFields(), now);
        Series series = new Series(ids.get(), SeriesStatus.ACTIVE, rule, request.callFields(), null, null, null,
                List.of(), null, null, null, now, now, 1);
        if (key == null) {
            store.insert(series);
        } else if ((earlier = createKeys.insertOnce(series, key, request, now)) != null) {
            return replayed(earlier);
        }
        roller.roll(series.id());
        return new Created(get(series.id()), false);
    }

    private Created replayed(Series earlier) {
        roller.roll(earlier.id());
        return new Created(get(earlier.id()), true);
    }

    /** The occurrences a create would make, nothing written. */
    public List<Occurrence> preview(SeriesRequest request) {
        Instant now = clock.instant();
        SeriesRuleFields rule = definitions.checked(request.rule(), request.callFields(), now);
        return SeriesRule.parse(rule).next(now, SHOWN_OCCURRENCES).occurrences();
    }

    /** @throws SeriesNotFoundException when no series has this id */
    public Series get(String id) {
        return changes.get(id);
    }

    public Page<Series> list(String limit, String nextToken) {
        try {
            return store.list(PageSizes.parse(limit), blankToNull(nextToken));
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage());
        }
    }

    public Page<Call> calls(String id, String limit, String nextToken) {
        get(id);
        try {
            return store.calls(id, PageSizes.parse(limit), blankToNull(nextToken));
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage());
        }
    }

    /**
     * The next occurrences of an active or paused series from now, those with an exception (canceled, moved or skipped:
     * the series never creates them) left out; none for one that ended.
     */
    public List<Occurrence> nextOccurrences(Series series) {
        if (series.status() == SeriesStatus.ENDED || series.status() == SeriesStatus.DELETED) {
            return List.of();
        }
        var excepted = series.exceptions().stream().map(SeriesException::occurrence).collect(Collectors.toSet());
        return series.parsedRule().next(clock.instant(), SHOWN_OCCURRENCES + excepted.size()).occurrences().stream()
                .filter(o -> !excepted.contains(o.local())).limit(SHOWN_OCCURRENCES).toList();
    }

    /**
     * Changes the rule and/or the call fields for the occurrences to come: the pending occurrence's call is canceled
     * and created again when its time or fields change (unless it is already dialing). With {@code from}, splits.
     *
     * @return the series as changed, or the new series of a split
     * @see SeriesEdits
     */
    public Series update(String id, SeriesRequest request) {
        return edits.update(id, request);
    }

    /** Idempotent: a paused series answers as it is. */
    public Series pause(String id) {
        return states.pause(id);
    }

    /** Creates the next occurrence after now: those missed while paused are skipped. Idempotent. */
    public Series resume(String id) {
        return states.resume(id);
    }

    /** Cancels the pending occurrence and keeps the series, DELETED, with its history. Idempotent. */
    public Series delete(String id) {
        return states.delete(id);
    }

    /** Records that an occurrence's call was canceled or moved by the user: see {@link SeriesStates}. */
    public void recordException(Call call, SeriesException.Kind kind) {
        states.recordException(call, kind);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
