package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.CountedRing;
import io.callscheduler.model.ProviderProgress;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.model.StatusChange;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CallView;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a {@link Call} to and from its DynamoDB item. */
final class CallItems {
    static final String ID = CallsTable.ID;
    static final String STATUS = "status";
    static final String SCHEDULED_AT = "scheduledAt";
    static final String VERSION = "version";
    /** Lower-case contact name and number, for search (DynamoDB's contains() is case-sensitive). */
    static final String SEARCH_TEXT = "searchText";
    /** Constant partition of the by-time index, so that "all calls" is a Query, not a Scan. */
    static final String LIST_PARTITION = "listPartition";
    static final String LIST_PARTITION_VALUE = "ALL";
    /** The lane of the page's views a call is in ({@link CallsTable#viewLane}), kept on every write. */
    static final String VIEW_LANE = "viewLane";
    /** Where the call sorts in its lane ({@link CallView#laneTime}): due, due next, or ended. */
    static final String VIEW_AT = "viewAt";
    /** The campaign whose contact the call dials (absent for a call created alone). */
    static final String CAMPAIGN_ID = "campaignId";
    /** The series whose occurrence the call is, and that occurrence's local date-time (absent for other calls). */
    static final String SERIES_ID = "seriesId";
    static final String OCCURRENCE = "occurrence";

    /** Fixed width, so that the string order of the index sort key is the time order. */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CallItems() {
    }

    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    static Map<String, AttributeValue> toItem(Call call) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(call.id()));
        item.put("phoneNumber", s(call.phoneNumber()));
        putIfPresent(item, "contactName", call.contactName());
        putIfPresent(item, "notes", call.notes());
        item.put(SCHEDULED_AT, s(sortable(call.scheduledAt())));
        item.put("timeZone", s(call.timeZone()));
        item.put(STATUS, s(call.status().name()));
        item.put("createdAt", s(sortable(call.createdAt())));
        item.put("updatedAt", s(sortable(call.updatedAt())));
        item.put("attempts", n(call.attempts()));
        putIfPresent(item, "externalCallId", call.externalCallId());
        putIfPresent(item, "providerStatus", call.providerStatus());
        putIfPresent(item, "lastError", call.lastError());
        putIfPresent(item, "dialStartedAt", call.dialStartedAt());
        putIfPresent(item, "nextAttemptAt", call.nextAttemptAt());
        putIfPresent(item, "providerUnknownSince", call.providerUnknownSince());
        putIfPresent(item, "dialSlot", call.dialSlot());
        if (call.waitingFor() != null) {
            item.put("waitingFor", s(call.waitingFor().name()));
        }
        putIfPresent(item, "roundStartedAt", call.roundStartedAt());
        putIfPresent(item, "unconfirmedSince", call.unconfirmedSince());
        if (call.dialRound() > 1) {
            item.put("dialRound", n(call.dialRound()));
        }
        if (call.claimedRound() > 0) {
            item.put("claimedRound", n(call.claimedRound()));
        }
        if (call.ringCounted() != null) {
            item.put("ringCountedRound", n(call.ringCounted().round()));
            item.put("ringCountedDay", s(call.ringCounted().day().toString()));
        }
        if (call.redial() != null) {
            RedialPolicy redial = call.redial();
            item.put("redial", AttributeValue.fromM(Map.of(
                    "on", AttributeValue.fromL(redial.on().stream().map(s -> AttributeValue.fromS(s.name())).toList()),
                    "maxAttempts", n(redial.maxAttempts()),
                    "afterMs", n(redial.after().toMillis()))));
        }
        if (!call.calleeZones().isEmpty()) {
            item.put("calleeZones", AttributeValue.fromL(call.calleeZones().stream().map(AttributeValue::fromS).toList()));
        }
        CallScript script = call.script();
        putIfPresent(item, "callerId", script.callerId());
        putIfPresent(item, "message", script.message());
        putIfPresent(item, "voice", script.voice());
        putIfPresent(item, "language", script.language());
        putIfPresent(item, "twimlUrl", script.twimlUrl());
        putIfPresent(item, "optOutDigit", script.optOutDigit());
        ProviderProgress progress = call.progress();
        if (progress.durationSeconds() != null) {
            item.put("durationSeconds", n(progress.durationSeconds()));
        }
        putIfPresent(item, "answeredBy", progress.answeredBy());
        putIfPresent(item, "lastCallbackAt", progress.lastCallbackAt());
        if (progress.lastSequence() != null) {
            item.put("lastSequence", n(progress.lastSequence()));
        }
        item.put("history", AttributeValue.fromL(call.history().stream().map(CallItems::historyEntry).toList()));
        item.put(VERSION, n(call.version()));
        item.put(LIST_PARTITION, s(LIST_PARTITION_VALUE));
        item.put(SEARCH_TEXT, s(CallFilter.searchableText(call.contactName(), call.phoneNumber())));
        item.put(VIEW_LANE, s(CallsTable.viewLane(CallView.laneOf(call))));
        item.put(VIEW_AT, s(sortable(CallView.laneTime(call))));
        if (call.campaignId() != null) {
            // The campaign's calls, a partition of the byCollection index (GET /calls?campaignId=, resume, stop).
            item.put(CAMPAIGN_ID, s(call.campaignId()));
            item.put(CallsTable.COLLECTION, s(CallsTable.campaignCallsKey(call.campaignId())));
            item.put(CallsTable.COLLECTION_ORDER, s(sortable(call.scheduledAt()) + "#" + call.id()));
        }
        if (call.seriesId() != null) {
            // The series' calls, a partition of the byCollection index (GET /series/{id}/calls), newest first.
            item.put(SERIES_ID, s(call.seriesId()));
            item.put(OCCURRENCE, s(call.occurrence().toString()));
            item.put(CallsTable.COLLECTION, s(CallsTable.seriesCallsKey(call.seriesId())));
            item.put(CallsTable.COLLECTION_ORDER, s(CallsTable.seriesCallOrder(call.occurrence(), call.id())));
        }
        return item;
    }

    static Call fromItem(Map<String, AttributeValue> item) {
        List<StatusChange> history = item.containsKey("history")
                ? item.get("history").l().stream().map(v -> {
                    Map<String, AttributeValue> m = v.m();
                    return new StatusChange(CallStatus.valueOf(m.get("status").s()), Instant.parse(m.get("at").s()),
                            text(m, "detail"));
                }).toList()
                : List.of();
        return new Call(
                item.get(ID).s(),
                item.get("phoneNumber").s(),
                text(item, "contactName"),
                text(item, "notes"),
                Instant.parse(item.get(SCHEDULED_AT).s()),
                item.get("timeZone").s(),
                CallStatus.valueOf(item.get(STATUS).s()),
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                Integer.parseInt(item.get("attempts").n()),
                text(item, "externalCallId"),
                text(item, "providerStatus"),
                text(item, "lastError"),
                instant(item, "dialStartedAt"),
                instant(item, "nextAttemptAt"),
                instant(item, "providerUnknownSince"),
                instant(item, "dialSlot"),
                waitingFor(item.get("waitingFor")),
                instant(item, "roundStartedAt"),
                instant(item, "unconfirmedSince"),
                item.containsKey("calleeZones") ? item.get("calleeZones").l().stream().map(AttributeValue::s).toList() : List.of(),
                number(item, "dialRound") == null ? 1 : number(item, "dialRound").intValue(),
                claimedRound(item),
                item.containsKey("ringCountedDay") ? new CountedRing(number(item, "ringCountedRound").intValue(),
                        java.time.LocalDate.parse(item.get("ringCountedDay").s())) : null,
                redial(item.get("redial")),
                new CallScript(text(item, "callerId"), text(item, "message"), text(item, "voice"),
                        text(item, "language"), text(item, "twimlUrl"), text(item, "optOutDigit")),
                new ProviderProgress(number(item, "durationSeconds") == null ? null : number(item, "durationSeconds").intValue(),
                        text(item, "answeredBy"), instant(item, "lastCallbackAt"), number(item, "lastSequence")),
                text(item, CAMPAIGN_ID),
                text(item, SERIES_ID),
                item.containsKey(OCCURRENCE) ? java.time.LocalDateTime.parse(item.get(OCCURRENCE).s()) : null,
                history,
                Long.parseLong(item.get(VERSION).n()));
    }

    private static AttributeValue historyEntry(StatusChange change) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("status", s(change.status().name()));
        m.put("at", s(sortable(change.at())));
        putIfPresent(m, "detail", change.detail());
        return AttributeValue.fromM(m);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(sortable(value)));
        }
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.parse(value.s());
    }

    /** Null for none, and for a reason this version does not know (written by a newer one): it still waits. */
    /**
     * The attempt last claimed. An item written before it was recorded counts as claimed when it has any attempts: the
     * old rule, so that an upgrade never ignores the report of a call placed just before it.
     */
    private static int claimedRound(Map<String, AttributeValue> item) {
        Number claimed = number(item, "claimedRound");
        if (claimed != null) {
            return claimed.intValue();
        }
        return Integer.parseInt(item.get("attempts").n()) > 0
                ? (number(item, "dialRound") == null ? 1 : number(item, "dialRound").intValue()) : 0;
    }

    private static WaitingFor waitingFor(AttributeValue value) {
        if (value == null) {
            return null;
        }
        try {
            return WaitingFor.valueOf(value.s());
        } catch (IllegalArgumentException newer) {
            return null;
        }
    }

    private static RedialPolicy redial(AttributeValue value) {
        if (value == null) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new RedialPolicy(m.get("on").l().stream().map(v -> CallStatus.valueOf(v.s())).collect(
                java.util.stream.Collectors.toSet()), Integer.parseInt(m.get("maxAttempts").n()),
                java.time.Duration.ofMillis(Long.parseLong(m.get("afterMs").n())));
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Long.valueOf(value.n());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
