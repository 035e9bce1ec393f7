package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Call;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactState;
import io.callscheduler.store.CampaignResultsReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
        BatchReads.read(dynamoDb, tableName, callIds.stream().distinct().map(DynamoDbCampaignResultsReader::key).toList(), null,
                item -> {
                    Call call = CallItems.fromItem(item);
                    found.put(call.id(), call);
                });
        return found;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(CallsTable.ID, AttributeValue.fromS(id));
    }
}
