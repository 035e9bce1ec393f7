package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.model.Call;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactState;
import io.callscheduler.store.CampaignResultsReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@link CampaignResultsReader} on the calls table: contacts by Query on the sparse {@value CallsTable#BY_COLLECTION}
 * index, their calls by BatchGetItem, the columns by GetItem of the campaign.
 *
 * <p>The index sorts a campaign's contacts by state, then sequence ({@link CallsTable#contactSort}), so a window of
 * sequences is one range Query per state, merged by sequence. A contact only ever leaves PENDING (for CALLED or
 * CANCELED), so PENDING is read first: one drawn meanwhile is then found in its new state if it is no longer in the
 * PENDING read, and seen twice at worst, in which case the later state wins. Index reads are eventually consistent,
 * though: a move not yet in the index is read in the former state; one half-way through it could be in neither, which
 * the caller sees as a sequence missing from the window (and reads the window again).
 */
public final class DynamoDbCampaignResultsReader implements CampaignResultsReader {
    /** BatchGetItem's limit of keys per request. */
    private static final int BATCH = 100;
    /** Rounds of BatchGetItem's unprocessed keys (throttling) before giving up. */
    private static final int MAX_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbCampaignResultsReader(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public List<String> contactColumns(String campaignId) {
        Map<String, AttributeValue> item = DynamoDbCallStore.call(() -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(key(CallsTable.campaign(campaignId))).consistentRead(true)
                .projectionExpression("#c").expressionAttributeNames(Map.of("#c", CampaignItems.CONTACT_COLUMNS)))).item();
        return item == null ? List.of() : CampaignItems.contactColumns(item);
    }

    @Override
    public List<Contact> contacts(String campaignId, long fromSequence, long toSequence) {
        TreeMap<Long, Contact> bySequence = new TreeMap<>();
        readState(campaignId, ContactState.PENDING, fromSequence, toSequence, bySequence);
        for (ContactState state : ContactState.values()) {
            if (state != ContactState.PENDING) {
                readState(campaignId, state, fromSequence, toSequence, bySequence);
            }
        }
        return new ArrayList<>(bySequence.values());
    }

    private void readState(String campaignId, ContactState state, long from, long to, Map<Long, Contact> bySequence) {
        Map<String, AttributeValue> values = Map.of(":p", CampaignItems.s(CallsTable.campaignContactsKey(campaignId)),
                ":from", CampaignItems.s(CallsTable.contactSort(state.name(), from)),
                ":to", CampaignItems.s(CallsTable.contactSort(state.name(), to)));
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(CallsTable.BY_COLLECTION)
                    .keyConditionExpression("#p = :p AND #s BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#p", CallsTable.COLLECTION, "#s", CallsTable.COLLECTION_ORDER))
                    .expressionAttributeValues(values);
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse response = DynamoDbCallStore.call(() -> dynamoDb.query(query.build()));
            for (Map<String, AttributeValue> item : response.items()) {
                Contact contact = CampaignItems.contactFromItem(item);
                bySequence.put(contact.sequence(), contact);
            }
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
    }

    /** Read strongly consistently: a contact read CALLED always finds the call written in the same transaction. */
    @Override
    public Map<String, Call> calls(Collection<String> callIds) {
        Map<String, Call> found = new HashMap<>();
        List<String> ids = callIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(DynamoDbCampaignResultsReader::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new DependencyUnavailableException("DynamoDB left keys unprocessed " + MAX_ROUNDS + " times", null);
                }
                if (round > 0) {
                    backOff(round);
                }
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = DynamoDbCallStore.call(() -> dynamoDb.batchGetItem(r -> r.requestItems(asked)));
                response.responses().getOrDefault(tableName, List.of()).forEach(item -> {
                    Call call = CallItems.fromItem(item);
                    found.put(call.id(), call);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** AWS's advice for unprocessed keys: retry after an exponential back-off (here 50 ms, 100 ms, ... 3.2 s). */
    private static void backOff(int round) {
        try {
            Thread.sleep(50L << (round - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while DynamoDB was throttling", e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(CallsTable.ID, AttributeValue.fromS(id));
    }
}
