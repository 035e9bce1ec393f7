package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.function.Supplier;

/**
 * The boundary where a DynamoDB request's SDK errors become the domain's: a failed condition stays itself (the store
 * decides what it means), anything else is a {@link DependencyUnavailableException} (a 503 at the API, a retry in a
 * function) that says what could not be done.
 */
public final class SdkFailures {
    private SdkFailures() {
    }

    /** @param what completes "could not ...", for example "list webhook endpoints" */
    public static <T> T guarded(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not " + what + ": " + e.getMessage(), e);
        }
    }
}
