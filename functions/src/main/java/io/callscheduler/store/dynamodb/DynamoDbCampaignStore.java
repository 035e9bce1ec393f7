package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactState;
import io.callscheduler.model.NewContact;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CampaignStore} on the calls table (item kinds and keys in {@link CallsTable}; the sparse
 * {@value CallsTable#BY_COLLECTION} index). Counts change only by {@code ADD}, in the transaction that writes what they
 * count; edits are conditional on the campaign's version and never write the counts.
 */
public final class DynamoDbCampaignStore implements CampaignStore {
    /** Contacts per transaction, with the campaign's count as the 100th item (DynamoDB's limit per transaction). */
    static final int CHUNK = 99;
    /** Transactions lost to a concurrent one on the same campaign item, tried again before giving up. */
    private static final int MAX_RACES = 50;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final IndexReader reader;
    private final CampaignWrites writes;
    private final CollectionQueries collections;

    public DynamoDbCampaignStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.reader = new IndexReader(dynamoDb, tableName);
        this.writes = new CampaignWrites(dynamoDb, tableName);
        this.collections = new CollectionQueries(dynamoDb, tableName);
    }

    @Override
    public void insert(Campaign campaign) {
        try {
            DynamoDbCallStore.call(() -> dynamoDb.putItem(r -> r.tableName(tableName).item(CampaignItems.toItem(campaign))
                    .conditionExpression("attribute_not_exists(id)")));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(campaign.id());
        }
    }

    @Override
    public Optional<Campaign> find(String id) {
        return campaignItem(id).map(CampaignItems::fromItem);
    }

    private Optional<Map<String, AttributeValue>> campaignItem(String id) {
        GetItemResponse response = DynamoDbCallStore.call(() -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(key(CallsTable.campaign(id))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    @Override
    public Campaign replace(Campaign expected, Campaign updated) {
        Map<String, AttributeValue> fields = CampaignItems.editable(updated);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> field : fields.entrySet()) {
            names.put("#f" + i, field.getKey());
            values.put(":f" + i, field.getValue());
            sets.add("#f" + i + " = :f" + i);
            i++;
        }
        names.put("#v", CampaignItems.VERSION);
        values.put(":v", CampaignItems.n(expected.version()));
        values.put(":next", CampaignItems.n(expected.version() + 1));
        sets.add("#v = :next");
        try {
            Map<String, AttributeValue> written = DynamoDbCallStore.call(() -> dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(key(CallsTable.campaign(expected.id()))).updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("#v = :v").expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW))).attributes();
            return CampaignItems.fromItem(written);
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expected.id());
        }
    }

    @Override
    public Page<Campaign> list(int limit, String pageToken) {
        Page<Map<String, AttributeValue>> items = reader.read(List.of(allCampaigns()), false, false,
                new IndexReader.Filter(null, Set.of()), limit, pageToken, "campaigns");
        return new Page<>(items.items().stream().map(CampaignItems::fromItem).toList(), items.nextToken());
    }

    private static IndexReader.Partition allCampaigns() {
        return new IndexReader.Partition("campaigns", CallsTable.BY_COLLECTION, CallsTable.COLLECTION,
                CallsTable.CAMPAIGNS_KEY, CallsTable.COLLECTION_ORDER, null);
    }

    /**
     * Reads every campaign's item: a deployment has campaigns by the hundred, not by the million (DESIGN_DECISIONS,
     * the campaigns entry, says what to do beyond).
     */
    @Override
    public List<Campaign> withWork() {
        List<Campaign> found = new ArrayList<>();
        collections.queryAll(CallsTable.CAMPAIGNS_KEY, null, null, Integer.MAX_VALUE, item -> {
            Campaign campaign = CampaignItems.fromItem(item);
            if (campaign.state() == CampaignState.RUNNING || (campaign.state() == CampaignState.STOPPED
                    && (campaign.count(Campaign.PENDING) > 0 || campaign.count(CallStatus.SCHEDULED) > 0))) {
                found.add(campaign);
            }
        });
        return found;
    }

    @Override
    public Added addContacts(String campaignId, List<NewContact> contacts) {
        List<String> duplicates = new ArrayList<>();
        Map<String, NewContact> unique = new LinkedHashMap<>();
        for (NewContact contact : contacts) {
            if (unique.putIfAbsent(contact.phoneNumber(), contact) != null) {
                duplicates.add(contact.phoneNumber());
            }
        }
        List<NewContact> all = new ArrayList<>(unique.values());
        int added = 0;
        Tail tail = null;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<NewContact> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + CHUNK)));
            tail = addChunk(campaignId, chunk, duplicates, tail);
            added += tail.added();
        }
        return new Added(added, duplicates);
    }

    /**
     * The campaign's contact count and columns as this upload's last transaction left them, and what it added: the
     * next chunk numbers on from them without reading the campaign again (its condition on the count still refuses
     * it if another upload moved the count meanwhile, and then the campaign is read afresh).
     */
    private record Tail(long contacts, List<String> columns, int added) {
    }

    /**
     * One transaction: the chunk's contacts numbered on from the campaign's count, the count moved on by as many, and
     * their columns added to the campaign's (in the order first seen, for the results export).
     */
    private Tail addChunk(String campaignId, List<NewContact> chunk, List<String> duplicates, Tail known) {
        for (int race = 0; !chunk.isEmpty(); race++) {
            if (known == null || race > 0) {
                Map<String, AttributeValue> campaign = campaignItem(campaignId)
                        .orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
                known = new Tail(Long.parseLong(campaign.get(CampaignItems.CONTACTS).n()),
                        CampaignItems.contactColumns(campaign), 0);
            }
            long base = known.contacts();
            AttributeValue columns = CampaignItems.contactColumns(known.columns(), chunk);
            List<TransactWriteItem> items = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                NewContact contact = chunk.get(i);
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                        .item(CampaignItems.contactItem(campaignId, contact.phoneNumber(), contact.columns(), base + i + 1))
                        .conditionExpression("attribute_not_exists(id)").build()).build());
            }
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                    .key(key(CallsTable.campaign(campaignId)))
                    // The version moves too, so that a completion decided on counts read before this add fails its
                    // condition; and a campaign over by now takes no contact (it would never be drawn).
                    .updateExpression("ADD #c :k, #p :k, #v :one SET #cols = :cols")
                    .conditionExpression("#c = :base AND NOT #s IN (:completed, :stopped)")
                    .expressionAttributeNames(Map.of("#c", CampaignItems.CONTACTS, "#p", CampaignItems.countAttribute(Campaign.PENDING),
                            "#cols", CampaignItems.CONTACT_COLUMNS, "#v", CampaignItems.VERSION, "#s", CampaignItems.STATE))
                    .expressionAttributeValues(Map.of(":k", CampaignItems.n(chunk.size()), ":base", CampaignItems.n(base),
                            ":cols", columns,
                            ":one", CampaignItems.n(1), ":completed", AttributeValue.fromS(CampaignState.COMPLETED.name()),
                            ":stopped", AttributeValue.fromS(CampaignState.STOPPED.name())))
                    .build()).build());
            List<String> reasons = writes.transact(items);
            if (reasons == null) {
                return new Tail(base + chunk.size(), columns.l().stream().map(AttributeValue::s).toList(), chunk.size());
            }
            String state = campaignItem(campaignId).map(item -> item.get(CampaignItems.STATE).s()).orElse("");
            if (state.equals(CampaignState.COMPLETED.name()) || state.equals(CampaignState.STOPPED.name())) {
                throw new ConcurrentUpdateException(campaignId); // it ended meanwhile: the service says so (409)
            }
            List<NewContact> kept = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i))) {
                    duplicates.add(chunk.get(i).phoneNumber()); // the number is in the campaign already
                } else {
                    kept.add(chunk.get(i));
                }
            }
            if (kept.size() == chunk.size() && race >= MAX_RACES) {
                throw new ConcurrentUpdateException(campaignId);
            }
            chunk = kept; // without the duplicates, or as it was after a concurrent add moved the count on
        }
        return new Tail(known.contacts(), known.columns(), 0);
    }

    @Override
    public List<String> contactColumns(String campaignId) {
        return campaignItem(campaignId).map(CampaignItems::contactColumns).orElse(List.of());
    }

    @Override
    public List<Contact> pendingContacts(String campaignId, int limit) {
        List<Contact> found = new ArrayList<>();
        collections.queryAll(CallsTable.campaignContactsKey(campaignId), ContactState.PENDING.name() + "#", null, limit,
                item -> found.add(CampaignItems.contactFromItem(item)));
        return found;
    }

    @Override
    public boolean reserveSlots(String campaignId, Instant previous, Instant next) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", CampaignItems.s(CallItems.sortable(next)),
                ":running", CampaignItems.s(CampaignState.RUNNING.name())));
        String unchanged = "attribute_not_exists(#n)";
        if (previous != null) {
            values.put(":previous", CampaignItems.s(CallItems.sortable(previous)));
            unchanged = "#n = :previous";
        }
        String condition = "(" + unchanged + ") AND #s = :running";
        try {
            DynamoDbCallStore.call(() -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key(CallsTable.campaign(campaignId)))
                    .updateExpression("SET #n = :next").conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#n", CampaignItems.NEXT_SLOT_AT, "#s", CampaignItems.STATE))
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Drawn draw(Contact contact, Call call) {
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(CallItems.toItem(call))
                        .conditionExpression("attribute_not_exists(id)").build()).build(),
                writes.contactMove(contact, ContactState.CALLED, call.id()),
                writes.countsMove(contact.campaignId(), Campaign.PENDING, CallStatus.SCHEDULED.name(), 1, true));
        for (int race = 0; ; race++) {
            List<String> reasons = writes.transact(items);
            if (reasons == null) {
                return Drawn.DRAWN;
            }
            if ("ConditionalCheckFailed".equals(reasons.get(0)) || "ConditionalCheckFailed".equals(reasons.get(1))) {
                return Drawn.ALREADY_DRAWN;
            }
            if ("ConditionalCheckFailed".equals(reasons.get(2))) {
                return Drawn.NOT_RUNNING;
            }
            if (race >= MAX_RACES) {
                throw new ConcurrentUpdateException(call.id());
            }
        }
    }

    @Override
    public int cancelPending(String campaignId, int limit) {
        int canceled = 0;
        List<Contact> pending = pendingContacts(campaignId, limit);
        for (int from = 0; from < pending.size(); from += CHUNK) {
            List<Contact> chunk = new ArrayList<>(pending.subList(from, Math.min(pending.size(), from + CHUNK)));
            for (int race = 0; !chunk.isEmpty(); race++) {
                List<TransactWriteItem> items = new ArrayList<>();
                chunk.forEach(contact -> items.add(writes.contactMove(contact, ContactState.CANCELED, null)));
                items.add(writes.countsMove(campaignId, Campaign.PENDING, CallStatus.CANCELED.name(), chunk.size(), false));
                List<String> reasons = writes.transact(items);
                if (reasons == null) {
                    canceled += chunk.size();
                    break;
                }
                List<Contact> kept = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    if (!"ConditionalCheckFailed".equals(reasons.get(i))) {
                        kept.add(chunk.get(i)); // the others were drawn meanwhile
                    }
                }
                if (kept.size() == chunk.size() && race >= MAX_RACES) {
                    throw new ConcurrentUpdateException(campaignId);
                }
                chunk = kept;
            }
        }
        return canceled;
    }

    @Override
    public Page<Call> calls(String campaignId, CallFilter filter, int limit, String pageToken) {
        IndexReader.Partition calls = new IndexReader.Partition("calls", CallsTable.BY_COLLECTION, CallsTable.COLLECTION,
                CallsTable.campaignCallsKey(campaignId), CallsTable.COLLECTION_ORDER, null);
        Page<Map<String, AttributeValue>> items = reader.read(List.of(calls), false, false,
                new IndexReader.Filter(filter.search(), filter.statuses()), limit, pageToken,
                "campaign:" + campaignId + "|" + filter.signature());
        return new Page<>(items.items().stream().map(CallItems::fromItem).toList(), items.nextToken());
    }

    @Override
    public List<Call> waitingCalls(String campaignId, int limit) {
        List<Call> found = new ArrayList<>();
        collections.queryAll(CallsTable.campaignCallsKey(campaignId), null, CallStatus.SCHEDULED, limit,
                item -> found.add(CallItems.fromItem(item)));
        return found;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(CallsTable.ID, AttributeValue.fromS(id));
    }
}
