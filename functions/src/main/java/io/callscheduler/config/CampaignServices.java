package io.callscheduler.config;

import io.callscheduler.campaigns.CampaignRuns;
import io.callscheduler.campaigns.contacts.NumberLookup;
import io.callscheduler.campaigns.lambda.LambdaCampaignRuns;
import io.callscheduler.campaigns.results.ResultsExport;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberWrittenNumbers;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.campaigns.CampaignRules;
import io.callscheduler.domain.campaigns.CampaignRunner;
import io.callscheduler.domain.campaigns.CampaignService;
import io.callscheduler.domain.campaigns.ContactUploads;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.dynamodb.DynamoDbCampaignResultsReader;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import io.callscheduler.store.dynamodb.DynamoDbContactUploadStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.function.Supplier;

import static io.callscheduler.config.Services.memoize;

/**
 * The campaigns' part of the application (issue 21), built at most once per container like the rest of
 * {@link Services}: the campaign API and its rules, the runner, the contacts upload and the results export, over the
 * calls' own store, dial triggers, calling hours, destination checks and do-not-call list, which {@link Services} owns.
 */
public final class CampaignServices {
    /** What campaigns share with single calls; each built by {@link Services} at most once. */
    record Shared(AppConfig config, AwsClients clients, Supplier<DynamoDbClient> dynamoDb, Supplier<CallStore> calls,
                  Supplier<DialTriggers> dialTriggers, Supplier<CallingHours> callingHours,
                  Supplier<DestinationGuard> destinations, Supplier<CallScripts.ScriptRules> scriptRules,
                  NumberLookup suppressedNumbers) {
    }

    private final Supplier<CampaignStore> store;
    private final Supplier<CampaignService> service;
    private final Supplier<ResultsExport> results;
    private final Supplier<CampaignRunner> runner;
    /** POST /campaigns/{id}/contacts: the CSV engine against the campaign, the deployment and the do-not-call list. */
    private final Supplier<ContactUploads> uploads;

    CampaignServices(Shared shared) {
        AppConfig config = shared.config();
        this.store = memoize(() -> new DynamoDbCampaignStore(shared.dynamoDb().get(), config.tableName()));
        this.service = memoize(() -> new CampaignService(store.get(), new CampaignRules(config.callingWindow(),
                config.maxCallsPerSecond(), config.maxConcurrentCalls(), config.redialPolicy(), config.redialLimits(),
                shared.scriptRules().get()), runs(shared), Clock.systemUTC()));
        this.results = memoize(() -> new ResultsExport(store.get(),
                new DynamoDbCampaignResultsReader(shared.dynamoDb().get(), config.tableName())));
        this.runner = memoize(() -> new CampaignRunner(store.get(), shared.calls().get(), shared.dialTriggers().get(),
                shared.callingHours().get(), Clock.systemUTC()));
        this.uploads = memoize(() -> new ContactUploads(service.get(),
                new DynamoDbContactUploadStore(shared.dynamoDb().get(), config.tableName()),
                new LibPhoneNumberWrittenNumbers(), shared.destinations().get(), shared.callingHours().get(),
                shared.suppressedNumbers(), Clock.systemUTC()));
    }

    /** The campaign store, for the functions that read campaigns beside calls (status sync). */
    public CampaignStore store() {
        return store.get();
    }

    public CampaignService service() {
        return service.get();
    }

    /** A campaign's results CSV, a page at a time. */
    public ResultsExport results() {
        return results.get();
    }

    public CampaignRunner runner() {
        return runner.get();
    }

    public ContactUploads uploads() {
        return uploads.get();
    }

    /** The campaign runner invoked at a start, resume or stop (CAMPAIGN_RUNNER_FUNCTION_ARN); else its minute's run. */
    private static CampaignRuns runs(Shared shared) {
        String arn = shared.config().environment().get("CAMPAIGN_RUNNER_FUNCTION_ARN");
        return arn == null || arn.isBlank() ? CampaignRuns.NONE : new LambdaCampaignRuns(shared.clients().lambda(), arn);
    }
}
