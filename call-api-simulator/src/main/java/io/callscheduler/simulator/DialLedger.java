package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static io.callscheduler.simulator.CallApiSimulator.JSON;

/**
 * The provider's view of the dialing, through either API: each request to place a call (when, for which call
 * id) and each call placed. It enforces {@code maxCallsPerSecond} and answers {@code /_sim/dials} and
 * {@code /_sim/requests}.
 */
final class DialLedger {
    /** A Twilio call counted for {@code /_sim/dials}. */
    private record TwilioPlacement(String callId, String sid, Instant createdAt) {
    }

    private final Clock clock;
    private final Supplier<SimulatorSettings> settings;
    private final CallLifecycle lifecycle;
    private final Map<String, AtomicLong> requestsByCallId = new ConcurrentHashMap<>();
    private final AtomicLong totalRequests = new AtomicLong();
    private final List<TwilioPlacement> twilioPlacements = new CopyOnWriteArrayList<>();
    /** When each request to place a call arrived, whatever it was answered: the provider's view of the rate. */
    private final List<Long> requestTimes = new ArrayList<>();
    /** The same requests with their call ids, for {@code GET /_sim/requests}. */
    private final List<String> requestLog = new ArrayList<>();

    DialLedger(Clock clock, Supplier<SimulatorSettings> settings, CallLifecycle lifecycle) {
        this.clock = clock;
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** Counts a request to place a call for {@code callId} (either API); null is not counted. */
    void countRequest(String callId) {
        synchronized (requestTimes) {
            requestTimes.add(clock.millis());
            requestLog.add(clock.instant() + " " + callId);
        }
        totalRequests.incrementAndGet();
        if (callId != null) {
            requestsByCallId.computeIfAbsent(callId, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Counts a request whose body could not be read: in the total only, as it names no call. */
    void countUnreadableRequest() {
        totalRequests.incrementAndGet();
    }

    /** Counts a call placed through Twilio's API for {@code callId}. */
    void countPlaced(String callId, String sid, Instant createdAt) {
        twilioPlacements.add(new TwilioPlacement(callId, sid, createdAt));
    }

    /**
     * Whether a dial request just counted is over {@code maxCallsPerSecond}: more than that many requests
     * arrived in the second up to it.
     */
    boolean overRate() {
        long max = settings.get().maxCallsPerSecond();
        if (max == 0) {
            return false;
        }
        synchronized (requestTimes) {
            long now = requestTimes.isEmpty() ? clock.millis() : requestTimes.get(requestTimes.size() - 1);
            long inLastSecond = 0;
            for (int i = requestTimes.size() - 1; i >= 0 && requestTimes.get(i) > now - 1000; i--) {
                inLastSecond++;
            }
            return inLastSecond > max;
        }
    }

    /**
     * The most calls (of the generic API) that were ringing or on the phone at the same moment: each lives from
     * its creation to its end, as its phase has it with today's settings.
     */
    long mostAtOnce(Collection<GenericCall> genericCalls) {
        List<long[]> edges = new ArrayList<>(); // {moment, +1 at a start or -1 at an end}
        for (GenericCall call : genericCalls) {
            CallLifecycle.Phase phase = lifecycle.phaseOf(call.createdAt(), call.outcome());
            long end = phase.endedAt() == null ? Long.MAX_VALUE : phase.endedAt().toEpochMilli();
            edges.add(new long[] {call.createdAt().toEpochMilli(), 1});
            edges.add(new long[] {end, -1});
        }
        // At the same moment an end comes before a start: a line given back and taken again is not two at once.
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        long live = 0;
        long most = 0;
        for (long[] edge : edges) {
            live += edge[1];
            most = Math.max(most, live);
        }
        return most;
    }

    /** The most dial requests that arrived within any one second. */
    long busiestSecond() {
        synchronized (requestTimes) {
            List<Long> sorted = new ArrayList<>(requestTimes);
            Collections.sort(sorted);
            long busiest = 0;
            for (int end = 0, start = 0; end < sorted.size(); end++) {
                while (sorted.get(end) - sorted.get(start) >= 1000) {
                    start++;
                }
                busiest = Math.max(busiest, end - start + 1);
            }
            return busiest;
        }
    }

    /** Requests to place a call received with this call id, whatever they were answered. */
    long requestsFor(String callId) {
        AtomicLong count = requestsByCallId.get(callId);
        return count == null ? 0 : count.get();
    }

    /** {@code GET /_sim/dials}: the totals, and each call id's summary, given the generic API's calls. */
    ObjectNode dials(Collection<GenericCall> calls) {
        ObjectNode node = JSON.createObjectNode();
        node.put("totalRequests", totalRequests.get());
        node.put("placedCalls", calls.size() + twilioPlacements.size());
        node.put("busiestSecond", busiestSecond());
        node.put("mostAtOnce", mostAtOnce(calls));
        ObjectNode perCall = node.putObject("calls");
        Map<String, List<Instant>> placed = new TreeMap<>();
        calls.forEach(c -> placed.computeIfAbsent(c.callId() == null ? "(none)" : c.callId(), k -> new ArrayList<>()).add(c.createdAt()));
        twilioPlacements.forEach(p -> placed.computeIfAbsent(p.callId() == null ? "(none)" : p.callId(), k -> new ArrayList<>()).add(p.createdAt()));
        placed.forEach((callId, placedAt) -> perCall.set(callId, dialSummary(callId, placedAt)));
        return node;
    }

    /** {@code GET /_sim/dials/{callId}}: one call id's summary. */
    ObjectNode dialsOf(String callId, Collection<GenericCall> genericCalls) {
        List<Instant> placed = new ArrayList<>();
        genericCalls.stream().filter(c -> callId.equals(c.callId())).forEach(c -> placed.add(c.createdAt()));
        twilioPlacements.stream().filter(p -> callId.equals(p.callId())).forEach(p -> placed.add(p.createdAt()));
        return dialSummary(callId, placed).put("callId", callId);
    }

    /** How often a call was dialed (through either API): calls placed, requests received, when the first was placed. */
    private ObjectNode dialSummary(String callId, List<Instant> placed) {
        ObjectNode summary = JSON.createObjectNode().put("placed", placed.size()).put("requests", requestsFor(callId));
        placed.stream().min(Instant::compareTo)
                .ifPresentOrElse(first -> summary.put("firstPlacedAt", first.toString()), () -> summary.putNull("firstPlacedAt"));
        return summary;
    }

    /** {@code GET /_sim/requests}: each request as its arrival and call id. */
    ArrayNode requestLog() {
        ArrayNode log = JSON.createArrayNode();
        synchronized (requestTimes) {
            requestLog.forEach(log::add);
        }
        return log;
    }

    /** Forgets every request and placement (the generic calls are their API's to forget). */
    void reset() {
        twilioPlacements.clear();
        synchronized (requestTimes) {
            requestTimes.clear();
            requestLog.clear();
        }
        requestsByCallId.clear();
        totalRequests.set(0);
    }
}
