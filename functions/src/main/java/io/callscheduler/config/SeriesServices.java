package io.callscheduler.config;

import io.callscheduler.domain.CallService;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.series.SeriesRoller;
import io.callscheduler.series.SeriesService;
import io.callscheduler.series.SeriesStore;
import io.callscheduler.series.dynamodb.DynamoDbSeriesStore;
import io.callscheduler.store.CallStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.function.Supplier;

import static io.callscheduler.config.Services.memoize;

/**
 * Recurring calls (issue 23), built at most once per container like the rest of {@link Services}: the series' store
 * in the calls' table, their API and the roller that creates each occurrence's call through the calls' own rules,
 * store and dial triggers, which {@link Services} owns.
 */
public final class SeriesServices {
    /** What series share with single calls; each built by {@link Services} at most once. */
    record Shared(AppConfig config, Supplier<DynamoDbClient> dynamoDb, Supplier<CallStore> calls,
                  Supplier<CallService> callService, Supplier<DialTriggers> dialTriggers) {
    }

    private final Supplier<SeriesStore> store;
    private final Supplier<SeriesRoller> roller;
    private final Supplier<SeriesService> service;

    SeriesServices(Shared shared) {
        this.store = memoize(() -> new DynamoDbSeriesStore(shared.dynamoDb().get(), shared.config().tableName()));
        this.roller = memoize(() -> new SeriesRoller(store.get(), shared.calls().get(), shared.callService().get(),
                shared.dialTriggers().get(), Clock.systemUTC()));
        this.service = memoize(() -> new SeriesService(store.get(), shared.calls().get(), shared.callService().get(),
                roller.get(), Clock.systemUTC()));
    }

    public SeriesService service() {
        return service.get();
    }

    public SeriesRoller roller() {
        return roller.get();
    }
}
