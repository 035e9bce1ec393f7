package io.callscheduler.series;

import io.callscheduler.domain.CallService;
import io.callscheduler.domain.Calls;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The series' use cases (README, "Recurring calls"): create, preview, read, list, edit or split, pause, resume,
 * delete, and the exceptions that an occurrence's call records when it is canceled or moved. Occurrences are created
 * by {@link SeriesRoller}; every state change here is written conditional on the series' version, so that a roller
 * racing an edit either sees the edit or loses its write, and a pending call an operation withdrew on the way is
 * remembered across that operation's retries.
 */
public final class SeriesService {
    /** Occurrences each series shows ahead. */
    public static final int SHOWN_OCCURRENCES = 10;
    private static final int MAX_RACES = 8;

    private final SeriesStore store;
    private final CallStore calls;
    private final CallService callService;
    private final OccurrenceCalls occurrenceCalls;
    private final SeriesRoller roller;
    private final Clock clock;
    private final Supplier<String> ids;
    private final SeriesCreateKeys createKeys;

    public SeriesService(SeriesStore store, CallStore calls, CallService callService, SeriesRoller roller, Clock clock) {
        this(store, calls, callService, roller, clock, () -> UUID.randomUUID().toString());
    }

    SeriesService(SeriesStore store, CallStore calls, CallService callService, SeriesRoller roller, Clock clock,
                  Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.callService = Objects.requireNonNull(callService, "callService");
        this.occurrenceCalls = new OccurrenceCalls(callService);
        this.roller = Objects.requireNonNull(roller, "roller");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.createKeys = new SeriesCreateKeys(store);
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
        SeriesRuleFields rule = checked(request.rule(), request.callFields(), now);
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
        SeriesRuleFields rule = checked(request.rule(), request.callFields(), now);
        return SeriesRule.parse(rule).next(now, SHOWN_OCCURRENCES).occurrences();
    }

    /** @throws SeriesNotFoundException when no series has this id */
    public Series get(String id) {
        return store.find(id).orElseThrow(() -> new SeriesNotFoundException(id));
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
     */
    public Series update(String id, SeriesRequest request) {
        if (request.from() != null) {
            return new SeriesSplits(this).split(id, request);
        }
        Instant now = clock.instant();
        Set<String> withdrawn = new HashSet<>();
        Series changed = change(id, current -> {
            refuseUnlessLive(current, "edited");
            SeriesRuleFields rule = merged(current.rule(), request);
            var fields = mergedFields(current, request);
            Series edited = current.withDefinition(checked(rule, fields, now), fields, now);
            return replacePending(current, edited, now, withdrawn);
        });
        roller.roll(id);
        return get(changed.id());
    }

    /** Idempotent: a paused series answers as it is. */
    public Series pause(String id) {
        Instant now = clock.instant();
        Set<String> withdrawn = new HashSet<>();
        return change(id, current -> {
            if (current.status() == SeriesStatus.PAUSED) {
                return current;
            }
            refuseUnlessLive(current, "paused");
            cancelMoved(current, "not dialed: its series was paused", now);
            Series paused = current.with(SeriesStatus.PAUSED, now);
            // A withdrawn occurrence is forgotten: a resume before its time creates it again, one after skips it.
            return withdraw(current, withdrawn, "not dialed: its series was paused", now)
                    ? paused.withCurrent(null, null, now) : paused;
        });
    }

    /** Creates the next occurrence after now: those missed while paused are skipped. Idempotent. */
    public Series resume(String id) {
        Instant now = clock.instant();
        Series resumed = change(id, current -> {
            if (current.status() == SeriesStatus.ACTIVE) {
                return current;
            }
            if (current.status() != SeriesStatus.PAUSED) {
                throw new SeriesStateException(id, current.status(), "resumed");
            }
            return current.resumed(now);
        });
        roller.roll(id);
        return get(resumed.id());
    }

    /** Cancels the pending occurrence and keeps the series, DELETED, with its history. Idempotent. */
    public Series delete(String id) {
        Instant now = clock.instant();
        return change(id, current -> {
            if (current.status() == SeriesStatus.DELETED) {
                return current;
            }
            cancelPending(current, "not dialed: its series was deleted", now);
            cancelMoved(current, "not dialed: its series was deleted", now);
            return current.with(SeriesStatus.DELETED, now);
        });
    }

    /**
     * Records that an occurrence's call was canceled or moved by the user (its own routes): an exception of its series.
     * A moved call is detached from its series: it dials on its own, and the next occurrence rolls (at the minute's
     * sweep) without waiting for it to end. A call of no series records nothing.
     */
    public void recordException(Call call, SeriesException.Kind kind) {
        if (call.seriesId() == null || call.occurrence() == null) {
            return;
        }
        Instant now = clock.instant();
        Instant at = kind == SeriesException.Kind.MOVED ? call.dueAt() : now;
        if (store.find(call.seriesId()).isPresent()) {
            change(call.seriesId(), current -> {
                Series excepted = current.withException(new SeriesException(call.occurrence(), kind, at, null), now);
                return kind == SeriesException.Kind.MOVED && call.id().equals(current.currentCallId())
                        ? excepted.withCurrent(null, current.currentOccurrence(), now) : excepted;
            });
        }
    }

    /** Read, change, write conditionally; again on a lost race. {@code change} returns its argument to write nothing. */
    Series change(String id, UnaryOperator<Series> change) {
        for (int race = 0; race < MAX_RACES; race++) {
            Series current = get(id);
            Series next = change.apply(current);
            if (next == current) {
                return current;
            }
            try {
                return store.replace(current, next);
            } catch (ConcurrentUpdateException lostRace) {
                // a roller or another edit wrote first: apply the change to what it wrote
            }
        }
        throw new ConcurrentUpdateException("series " + id);
    }

    /**
     * The edited series; when its pending call's occurrence is no longer the next of the edited rule, or its fields
     * changed, that call is canceled and the roller creates the next from now (with the edit's version, so a new call
     * id). A call whose occurrence's time has come (late: waiting for the calling hours, a line, a redial) is kept, as
     * one dialing is: the edit applies from the next occurrence, and the roller records any it then jumps over.
     */
    private Series replacePending(Series current, Series edited, Instant now, Set<String> withdrawn) {
        if (current.status() != SeriesStatus.ACTIVE || current.currentCallId() == null) {
            return edited;
        }
        if (!withdrawn.contains(current.currentCallId())) { // else an earlier try of this edit withdrew it: forget it
            if (pendingCall(current) == null || !occurrenceInstant(current).isAfter(now)) {
                return edited;
            }
            if (stillNext(current, edited, now) && edited.callFields().equals(current.callFields())
                    || !withdraw(current, withdrawn, "replaced by an edit of its series", now)) {
                return edited; // unchanged, or already dialing: it finishes; the edit applies from the next occurrence
            }
        }
        return new Series(edited.id(), edited.status(), edited.rule(), edited.callFields(), null, null, now,
                edited.exceptions(), null, edited.continues(), edited.continuedBy(), edited.createdAt(), now,
                edited.version());
    }

    private static Instant occurrenceInstant(Series series) {
        return LocalTimes.place(series.currentOccurrence(), series.parsedRule().timeZone()).at();
    }

    /** Whether the pending occurrence (still to come) is, at the same instant, the edited rule's next one to dial. */
    private static boolean stillNext(Series current, Series edited, Instant now) {
        Instant at = occurrenceInstant(current);
        return SeriesRoller.nextToDial(edited, edited.parsedRule(), now).occurrences().stream().findFirst()
                .filter(o -> o.local().equals(current.currentOccurrence()) && o.at().equals(at)).isPresent();
    }

    /**
     * Cancels the series' pending call if it has not started dialing, remembering it in {@code withdrawn}: a retry of
     * the same operation after a lost write finds it canceled and must still know that it was withdrawn, not dialed.
     *
     * @return whether the pending call is withdrawn, now or by an earlier try
     */
    boolean withdraw(Series series, Set<String> withdrawn, String reason, Instant now) {
        if (series.currentCallId() == null) {
            return false;
        }
        if (withdrawn.contains(series.currentCallId())) {
            return true;
        }
        Call pending = pendingCall(series);
        if (pending != null && cancel(pending, reason, now)) {
            withdrawn.add(pending.id());
            return true;
        }
        return false;
    }

    /** The pending occurrence's call when it has not started dialing (so it can still be withdrawn), else null. */
    Call pendingCall(Series series) {
        if (series.currentCallId() == null) {
            return null;
        }
        return calls.find(series.currentCallId())
                .filter(call -> call.status() == CallStatus.SCHEDULED && !call.requestUnconfirmed()).orElse(null);
    }

    void cancelPending(Series series, String reason, Instant now) {
        Call pending = pendingCall(series);
        if (pending != null) {
            cancel(pending, reason, now);
        }
    }

    /**
     * Cancels the series' moved calls that have not started dialing: detached from the series' pointer, they are
     * found in its calls (newest occurrence first) down to the earliest occurrence with a MOVED exception.
     */
    private void cancelMoved(Series series, String reason, Instant now) {
        Set<LocalDateTime> moved = series.exceptions().stream().filter(e -> e.kind() == SeriesException.Kind.MOVED)
                .map(SeriesException::occurrence).collect(Collectors.toSet());
        if (moved.isEmpty()) {
            return;
        }
        LocalDateTime earliest = moved.stream().min(LocalDateTime::compareTo).orElseThrow();
        String token = null;
        do {
            Page<Call> page = store.calls(series.id(), PageSizes.MAX, token);
            for (Call call : page.items()) {
                if (call.occurrence() != null && call.occurrence().isBefore(earliest)) {
                    return;
                }
                if (moved.contains(call.occurrence()) && call.status() == CallStatus.SCHEDULED) {
                    cancel(call, reason, now);
                }
            }
            token = page.nextToken();
        } while (token != null);
    }

    /** @return whether the call is canceled now (false when it started dialing meanwhile) */
    boolean cancel(Call call, String reason, Instant now) {
        Call result = Calls.update(calls, call.id(), current ->
                current.status() == CallStatus.SCHEDULED && !current.requestUnconfirmed()
                        ? current.moveTo(CallStatus.CANCELED, now, reason).withLastError(reason) : current).orElse(call);
        if (result.status() == CallStatus.CANCELED) {
            try {
                roller.unschedule(call.id());
            } catch (RuntimeException e) {
                // harmless: a schedule that fires for a canceled call does nothing
            }
            return true;
        }
        return false;
    }

    static void refuseUnlessLive(Series series, String action) {
        if (series.status() == SeriesStatus.ENDED || series.status() == SeriesStatus.DELETED) {
            throw new SeriesStateException(series.id(), series.status(), action);
        }
    }

    /** The rule and the calls' fields checked together, so that a 400 names every kind of field as POST /calls would. */
    SeriesRuleFields checked(SeriesRuleFields rule, java.util.Map<String, String> fields, Instant now) {
        SeriesRule parsed = SeriesRule.parse(rule);
        Instant firstAt = parsed.next(now, 1).occurrences().stream().findFirst().map(Occurrence::at).orElse(now);
        occurrenceCalls.check(fields, parsed.timeZone().getId(), firstAt);
        // Kept as given, but for the zone's and startAt's canonical forms (startAt local, as the page shows it).
        return new SeriesRuleFields(parsed.timeZone().getId(), rule.rrule().strip(), parsed.startAt().toString(),
                rule.until() == null || rule.until().isBlank() ? null : rule.until().strip(), rule.count(),
                parsed.exdates().stream().map(LocalDateTime::toString).toList());
    }

    static SeriesRuleFields merged(SeriesRuleFields old, SeriesRequest request) {
        SeriesRuleFields patch = request.rule();
        var given = request.given();
        boolean endGiven = given.contains("until") || given.contains("count");
        return new SeriesRuleFields(
                given.contains("timeZone") ? patch.timeZone() : old.timeZone(),
                given.contains("rrule") ? patch.rrule() : old.rrule(),
                given.contains("startAt") ? patch.startAt() : old.startAt(),
                endGiven ? patch.until() : old.until(),
                endGiven ? patch.count() : old.count(),
                given.contains("exdates") ? patch.exdates() : old.exdates());
    }

    static java.util.Map<String, String> mergedFields(Series current, SeriesRequest request) {
        java.util.Map<String, String> fields = new java.util.HashMap<>(current.callFields());
        for (String name : SeriesRequest.CALL_FIELDS) {
            if (request.given().contains(name) || name.startsWith("redial.") && request.given().contains("redial")) {
                fields.remove(name);
                if (request.callFields().get(name) != null) {
                    fields.put(name, request.callFields().get(name));
                }
            }
        }
        return fields;
    }

    Clock clock() {
        return clock;
    }

    Supplier<String> ids() {
        return ids;
    }

    SeriesStore store() {
        return store;
    }

    SeriesRoller roller() {
        return roller;
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    static LocalDateTime local(String field, String text) {
        return SeriesTimes.local(field, field, text);
    }
}
