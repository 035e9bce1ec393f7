package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.NumberQuota;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Objects;

/** The daily attempt counters of the calls table (the items the create's transaction counts), one conditional write each. */
public final class DynamoDbDailyRings implements DailyRings {
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbDailyRings(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public boolean take(NumberQuota quota) {
        try {
            dynamoDb.updateItem(NumberQuotaItems.countOneRequest(tableName, quota));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not count a dial attempt: " + e.getMessage(), e);
        }
    }

    /**
     * A plain decrement: an SDK retry of one whose answer was lost would give back two (the number one ring over its
     * cap that day, once, in a rare double fault), the price of not keeping which call counted what.
     */
    @Override
    public void giveBack(NumberQuota quota) {
        try {
            dynamoDb.updateItem(NumberQuotaItems.giveBackOneRequest(tableName, quota));
        } catch (ConditionalCheckFailedException nothingCounted) {
            // The counter expired or was never written: nothing to give back.
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not give back a dial attempt: " + e.getMessage(), e);
        }
    }
}
