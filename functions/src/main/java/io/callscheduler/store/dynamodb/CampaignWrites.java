package io.callscheduler.store.dynamodb;

import io.callscheduler.model.CampaignState;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactState;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of a campaign's transactions: a contact's conditional move, the campaign's counts moved by {@code ADD},
 * and a transaction run that says why each item was refused, for {@link DynamoDbCampaignStore}.
 */
final class CampaignWrites {
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    CampaignWrites(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** A contact PENDING → {@code to}, on condition that it is still PENDING. */
    TransactWriteItem contactMove(Contact contact, ContactState to, String callId) {
        Map<String, String> names = new HashMap<>(Map.of("#s", CampaignItems.STATE, "#k", CallsTable.COLLECTION_ORDER));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", CampaignItems.s(to.name()),
                ":pending", CampaignItems.s(ContactState.PENDING.name()),
                ":sort", CampaignItems.s(CallsTable.contactSort(to.name(), contact.sequence()))));
        String update = "SET #s = :to, #k = :sort";
        if (callId != null) {
            names.put("#c", CampaignItems.CALL_ID);
            values.put(":call", CampaignItems.s(callId));
            update += ", #c = :call";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                .key(key(CallsTable.contact(contact.campaignId(), contact.phoneNumber())))
                .updateExpression(update).conditionExpression("#s = :pending")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    /** {@code k} moved from one count to another; with {@code whileRunning}, only if the campaign is RUNNING. */
    TransactWriteItem countsMove(String campaignId, String from, String to, int k, boolean whileRunning) {
        Map<String, String> names = new HashMap<>(Map.of("#from", CampaignItems.countAttribute(from),
                "#to", CampaignItems.countAttribute(to)));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":minus", CampaignItems.n(-k), ":plus", CampaignItems.n(k)));
        Update.Builder update = Update.builder().tableName(tableName).key(key(CallsTable.campaign(campaignId)))
                .updateExpression("ADD #from :minus, #to :plus");
        if (whileRunning) {
            names.put("#s", CampaignItems.STATE);
            values.put(":running", CampaignItems.s(CampaignState.RUNNING.name()));
            update.conditionExpression("#s = :running");
        } else {
            update.conditionExpression("attribute_exists(id)");
        }
        return TransactWriteItem.builder().update(update.expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    /** @return null when written; else each item's cancellation reason ("None", "ConditionalCheckFailed", ...) */
    List<String> transact(List<TransactWriteItem> items) {
        try {
            DynamoDbCallStore.call(() -> dynamoDb.transactWriteItems(r -> r.transactItems(items)));
            return null;
        } catch (TransactionCanceledException e) {
            List<String> reasons = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(reason -> String.valueOf(reason.code())).toList() : List.of();
            if (reasons.size() != items.size()) {
                List<String> padded = new ArrayList<>(reasons);
                while (padded.size() < items.size()) {
                    padded.add("TransactionConflict");
                }
                return padded;
            }
            return reasons;
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(CallsTable.ID, AttributeValue.fromS(id));
    }
}
