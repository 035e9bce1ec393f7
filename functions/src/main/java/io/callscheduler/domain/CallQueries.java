package io.callscheduler.domain;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.CallView;
import io.callscheduler.store.Count;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The reads of the calls list and its counts, from the raw query-string values the API gives (each may be null). */
final class CallQueries {
    static final long COUNT_CAP = CallService.COUNT_CAP;
    private final CallStore store;
    private final Clock clock;

    CallQueries(CallStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Lists calls: one of the page's views ({@link CallView}) when {@code view} is given, else all calls; optionally
     * of some statuses and matching a search. Parameters are the raw query-string values (each may be null).
     *
     * @throws ValidationException for an unknown view or status, a limit outside 1..200 or a foreign token
     */
    Page<Call> list(String view, String status, String search, String limit, String nextToken) {
        CallView chosen = null;
        if (view != null && !view.isBlank()) {
            chosen = CallView.parse(view).orElseThrow(() -> new ValidationException("view", "INVALID_VIEW",
                    "view must be one of now, upcoming, history"));
        }
        Set<CallStatus> statuses = EnumSet.noneOf(CallStatus.class);
        if (status != null && !status.isBlank()) {
            for (String one : status.split(",")) {
                statuses.add(CallStatus.parse(one.strip()).orElseThrow(() -> new ValidationException("status",
                        "INVALID_STATUS", "status must be one or more (comma-separated) of "
                        + java.util.Arrays.toString(CallStatus.values()))));
            }
        }
        int pageSize = PageSizes.parse(limit);
        CallFilter filter = new CallFilter(statuses, CallRules.searchTerm(search));
        String token = nextToken == null || nextToken.isEmpty() ? null : nextToken;
        try {
            return chosen == null ? store.list(filter, pageSize, token)
                    : store.list(chosen, filter, clock.instant(), pageSize, token);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: "
                    + e.getMessage() + "; start again without it");
        }
    }

    /**
     * How many calls matching a search (all when {@code search} is null or blank) have each status and are in each
     * view, each count reading at most {@link #COUNT_CAP} calls so that a request's cost does not grow with the table.
     */
    CallCounts count(String search) {
        String term = CallRules.searchTerm(search);
        Map<CallStatus, Count> byStatus = new EnumMap<>(CallStatus.class);
        for (CallStatus status : CallStatus.values()) {
            byStatus.put(status, store.count(status, term, COUNT_CAP));
        }
        Count active = store.count(CallView.Lane.ACTIVE, null, term, COUNT_CAP);
        Count recent = store.count(CallView.Lane.ENDED, clock.instant().minus(CallView.RECENT), term, COUNT_CAP);
        return CallCounts.of(byStatus, active, recent);
    }
}
