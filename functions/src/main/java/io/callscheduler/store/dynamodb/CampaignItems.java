package io.callscheduler.store.dynamodb;

import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactState;
import io.callscheduler.model.NewContact;
import io.callscheduler.redial.RedialPolicy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps campaigns and contacts to and from their DynamoDB items (key shapes from {@link CallsTable}). */
final class CampaignItems {
    static final String STATE = "state";
    static final String VERSION = "version";
    static final String NEXT_SLOT_AT = "nextSlotAt";
    static final String CONTACTS = "contacts";
    static final String CALL_ID = "callId";
    /** The names of the columns its contacts have, in the order first seen (the results export's columns). */
    static final String CONTACT_COLUMNS = "contactColumns";
    /** Each count is a top-level number, so that one {@code ADD} changes it atomically. */
    private static final String COUNT_PREFIX = "count_";

    private CampaignItems() {
    }

    /** The attribute holding a count ({@link Campaign#PENDING}, a call status, {@link Campaign#SUPPRESSED}). */
    static String countAttribute(String name) {
        return COUNT_PREFIX + name;
    }

    /** The count a campaign's call stands in: its status, or {@link Campaign#SUPPRESSED} when withdrawn for the list. */
    static String countAttribute(io.callscheduler.model.Call call) {
        return countAttribute(call.suppressed() ? Campaign.SUPPRESSED : call.status().name());
    }

    static String countAttribute(CallStatus status) {
        return countAttribute(status.name());
    }

    static String campaignId(String itemId) {
        return itemId.substring(itemId.indexOf('#') + 1);
    }

    /** The whole item of a new campaign, its counts at zero. */
    static Map<String, AttributeValue> toItem(Campaign campaign) {
        Map<String, AttributeValue> item = editable(campaign);
        item.put(CallsTable.ID, s(CallsTable.campaign(campaign.id())));
        item.put(STATE, s(campaign.state().name()));
        item.put("createdAt", s(CallItems.sortable(campaign.createdAt())));
        item.put(VERSION, n(campaign.version()));
        item.put(CONTACTS, n(campaign.contacts()));
        for (String count : Campaign.countNames()) {
            item.put(countAttribute(count), n(campaign.count(count)));
        }
        item.put(CallsTable.COLLECTION, s(CallsTable.CAMPAIGNS_KEY));
        item.put(CallsTable.COLLECTION_ORDER, s(CallItems.sortable(campaign.createdAt()) + "#" + campaign.id()));
        return item;
    }

    /** What an edit or a state change writes: never the counts or the runner's place, which others change meanwhile. */
    static Map<String, AttributeValue> editable(Campaign campaign) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, "name", campaign.name());
        CallScript script = campaign.script();
        put(item, "callerId", script.callerId());
        put(item, "message", script.message());
        put(item, "voice", script.voice());
        put(item, "language", script.language());
        put(item, "twimlUrl", script.twimlUrl());
        put(item, "optOutDigit", script.optOutDigit());
        item.put("callingHours", s(campaign.callingHours()));
        item.put("callingDays", s(campaign.callingDays()));
        item.put("maxCallsPerSecond", AttributeValue.fromN(Double.toString(campaign.maxCallsPerSecond())));
        item.put("maxConcurrentCalls", n(campaign.maxConcurrentCalls()));
        if (campaign.redial() != null) {
            RedialPolicy redial = campaign.redial();
            item.put("redial", AttributeValue.fromM(Map.of(
                    "on", AttributeValue.fromL(redial.on().stream().map(o -> s(o.name())).toList()),
                    "maxAttempts", n(redial.maxAttempts()),
                    "afterMs", n(redial.after().toMillis()))));
        } else {
            item.put("redial", AttributeValue.fromNul(true));
        }
        putInstant(item, "startAt", campaign.startAt());
        putInstant(item, "endAt", campaign.endAt());
        item.put(STATE, s(campaign.state().name()));
        item.put("updatedAt", s(CallItems.sortable(campaign.updatedAt())));
        put(item, "stopReason", campaign.stopReason());
        return item;
    }

    static Campaign fromItem(Map<String, AttributeValue> item) {
        Map<String, Long> counts = new HashMap<>();
        for (String count : Campaign.countNames()) {
            AttributeValue value = item.get(countAttribute(count));
            counts.put(count, value == null ? 0L : Long.parseLong(value.n()));
        }
        AttributeValue redial = item.get("redial");
        RedialPolicy policy = redial == null || Boolean.TRUE.equals(redial.nul()) ? null : new RedialPolicy(
                redial.m().get("on").l().stream().map(v -> CallStatus.valueOf(v.s())).collect(Collectors.toSet()),
                Integer.parseInt(redial.m().get("maxAttempts").n()),
                Duration.ofMillis(Long.parseLong(redial.m().get("afterMs").n())));
        return new Campaign(campaignId(item.get(CallsTable.ID).s()), text(item, "name"),
                new CallScript(text(item, "callerId"), text(item, "message"), text(item, "voice"),
                        text(item, "language"), text(item, "twimlUrl"), text(item, "optOutDigit")),
                text(item, "callingHours"), text(item, "callingDays"),
                Double.parseDouble(item.get("maxCallsPerSecond").n()), Integer.parseInt(item.get("maxConcurrentCalls").n()),
                policy, instant(item, "startAt"), instant(item, "endAt"), CampaignState.valueOf(item.get(STATE).s()),
                instant(item, "createdAt"), instant(item, "updatedAt"), instant(item, NEXT_SLOT_AT),
                text(item, "stopReason"), Long.parseLong(item.get(CONTACTS).n()), counts,
                Long.parseLong(item.get(VERSION).n()), CampaignCallCounts.dialsByMinute(item));
    }

    /** The campaign item's contact columns, in the order first seen; empty before any contact. */
    static List<String> contactColumns(Map<String, AttributeValue> item) {
        AttributeValue columns = item.get(CONTACT_COLUMNS);
        return columns == null || !columns.hasL() ? List.of() : columns.l().stream().map(AttributeValue::s).toList();
    }

    /** {@code known} followed by the contacts' columns not among them, in the order first seen. */
    static AttributeValue contactColumns(List<String> known, List<NewContact> contacts) {
        Set<String> columns = new LinkedHashSet<>(known);
        contacts.forEach(contact -> columns.addAll(contact.columns().keySet()));
        return AttributeValue.fromL(columns.stream().map(CampaignItems::s).toList());
    }

    static Map<String, AttributeValue> contactItem(String campaignId, String phoneNumber, Map<String, String> columns,
                                                   long sequence) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CallsTable.ID, s(CallsTable.contact(campaignId, phoneNumber)));
        item.put("campaignId", s(campaignId));
        item.put("phoneNumber", s(phoneNumber));
        item.put("columns", AttributeValue.fromM(columns.entrySet().stream().collect(
                Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        item.put("sequence", n(sequence));
        item.put(STATE, s(ContactState.PENDING.name()));
        item.put(CallsTable.COLLECTION, s(CallsTable.campaignContactsKey(campaignId)));
        item.put(CallsTable.COLLECTION_ORDER, s(CallsTable.contactSort(ContactState.PENDING.name(), sequence)));
        return item;
    }

    static Contact contactFromItem(Map<String, AttributeValue> item) {
        AttributeValue columns = item.get("columns");
        return new Contact(item.get("campaignId").s(), item.get("phoneNumber").s(),
                columns == null ? Map.of() : columns.m().entrySet().stream().collect(
                        Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())),
                Long.parseLong(item.get("sequence").n()), ContactState.valueOf(item.get(STATE).s()),
                text(item, CALL_ID));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        item.put(name, value == null ? AttributeValue.fromNul(true) : s(value));
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        item.put(name, value == null ? AttributeValue.fromNul(true) : s(CallItems.sortable(value)));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || Boolean.TRUE.equals(value.nul()) ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
