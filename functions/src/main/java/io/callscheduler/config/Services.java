package io.callscheduler.config;

import io.callscheduler.reports.OutcomeAggregates;
import io.callscheduler.reports.OutcomeRecorder;
import io.callscheduler.reports.OutcomeReports;
import io.callscheduler.reports.dynamodb.DynamoDbOutcomeAggregates;
import io.callscheduler.dispatch.lambda.LambdaDispatchInvoker;
import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.DialableNumbers;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberPlan;
import io.callscheduler.dispatch.DispatchInvoker;
import io.callscheduler.callinghours.libphonenumber.LibPhoneNumberCalleeZones;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.domain.dispatch.DispatchSettings;
import io.callscheduler.domain.dispatch.RetryPolicy;
import io.callscheduler.domain.sync.StatusSyncService;
import io.callscheduler.domain.sync.SyncSettings;
import io.callscheduler.lines.CallLines;
import io.callscheduler.lines.LineKeepingCallStore;
import io.callscheduler.lines.StaleLines;
import io.callscheduler.lines.dynamodb.DynamoDbCallLines;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.pacing.dynamodb.DynamoDbDialPacer;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.scheduling.eventbridge.EventBridgeDialScheduler;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.DynamoDbDailyRings;
import io.callscheduler.suppressions.SuppressionList;
import io.callscheduler.suppressions.Suppressions;
import io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.logging.LoggingWarmUp;
import io.callscheduler.metrics.LocalMetrics;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.metrics.powertools.PowertoolsMetricsPublisher;
import io.callscheduler.secrets.EnvironmentSecrets;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.secrets.secretsmanager.SecretsManagerSecrets;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.ProviderHttp;
import io.callscheduler.telephony.generic.GenericCallApi;
import io.callscheduler.telephony.twilio.TwilioCallApi;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.snapstart.SnapStartHooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place that builds the application: each SDK client and service at most once per container
 * (per environment, for the in-process local cloud), and only when a handler first needs it, so a
 * function pays at cold start only for the clients it uses.
 */
public final class Services {
    private static final Map<Map<String, String>, Services> BY_ENVIRONMENT = new ConcurrentHashMap<>();

    private final AppConfig config;
    private final AwsClients clients;
    private final Supplier<DynamoDbClient> dynamoDb = memoize(() -> clients().dynamoDb());
    private final Supplier<CallLines> lines = memoize(this::buildLines);
    /** With MaxConcurrentCalls, every writer keeps the busy lines in step with the calls that hold one. */
    private final Supplier<CallStore> store = memoize(() -> {
        CallStore dynamoDbStore = new DynamoDbCallStore(dynamoDb.get(), config().tableName());
        return lines.get() == CallLines.UNLIMITED ? dynamoDbStore
                : new LineKeepingCallStore(dynamoDbStore, lines.get(), Clock.systemUTC(), this::metrics);
    });
    private final Supplier<CallApi> callApi = memoize(this::buildCallApi);
    private final Supplier<DialScheduler> dialScheduler = memoize(this::buildDialScheduler);
    /** The mapper is loaded only when a create must infer a callee's zone (its data costs the cold start). */
    private final Supplier<CallingHours> callingHours = memoize(() -> new CallingHours(config().callingWindow(),
            memoize(LibPhoneNumberCalleeZones::new)));
    private final Supplier<DispatchInvoker> dispatchInvoker = memoize(() ->
            new LambdaDispatchInvoker(clients().lambda(), config().dispatchFunctionArn()));
    private final Supplier<DialTriggers> dialTriggers = memoize(() ->
            new DialTriggers(dialScheduler.get(), dispatchInvoker.get(), Clock.systemUTC()));
    private final Supplier<StaleLines> staleLines = memoize(() -> new StaleLines(lines.get(), store.get(), Clock.systemUTC()));
    private final Supplier<DestinationGuard> destinations = memoize(() -> new DestinationGuard(
            config().allowedCountryCodes(), config().maxCallsPerNumberPerDay(), memoize(LibPhoneNumberCallingCodes::new),
            new DialableNumbers(config().allowedNumberTypes(), memoize(LibPhoneNumberPlan::new))));
    private final Supplier<CallService> callService = memoize(this::buildCallService);
    /** The do-not-call list: read by every create and every dial, written by its own API functions. */
    private final Supplier<SuppressionList> suppressionList = memoize(() ->
            new DynamoDbSuppressionList(dynamoDb.get(), config().tableName()));
    private final Supplier<DispatchService> dispatchService = memoize(this::buildDispatchService);
    private final Supplier<RecordedMetrics.Publisher> metricsPublisher = memoize(this::buildMetricsPublisher);
    private final Supplier<RecordedMetrics> metrics = memoize(() -> new RecordedMetrics(metricsPublisher.get()));
    private final Supplier<StatusSyncService> statusSyncService = memoize(this::buildStatusSyncService);
    private final Supplier<ProviderSecrets> providerSecrets = memoize(this::buildProviderSecrets);
    private final Supplier<ProviderCallbacks> providerCallbacks = memoize(() -> new ProviderCallbacks(store.get(),
            Clock.systemUTC(), config().redialPolicy(), dialTriggers()));

    /** Campaigns (issue 21): their API, runner, contacts upload and results, over the calls' own pieces. */
    private final Supplier<CampaignServices> campaigns = memoize(() -> new CampaignServices(new CampaignServices.Shared(
            config(), clients(), dynamoDb, store, dialTriggers, callingHours, destinations, this::scriptRules,
            suppressions()::activeAmong)));

    /** Webhooks (issue 22): endpoints, the stream's fan-out, delivery and its log. */
    private final Supplier<WebhookServices> webhooks = memoize(() ->
            new WebhookServices(config(), clients(), dynamoDb, metricsPublisher));

    /** Recurring calls (issue 23): series, their API and the roller of their occurrences, over the calls' pieces. */
    private final Supplier<SeriesServices> series = memoize(() -> new SeriesServices(new SeriesServices.Shared(
            config(), dynamoDb, store, callService, dialTriggers)));

    private final Supplier<OutcomeAggregates> outcomeAggregates = memoize(() ->
            new DynamoDbOutcomeAggregates(dynamoDb.get(), config().tableName()));

    /** The provider's HTTP client, once built: a SnapStart restore reconnects it. */
    private volatile ProviderHttp providerHttp;

    private Services(Map<String, String> env) {
        this.config = new AppConfig(env);
        this.clients = new AwsClients(env);
        if (onLambda()) {
            snapStartHooks().register(); // once per container: Lambda has one environment
        }
    }

    /**
     * Lambda SnapStart (README, "Cold starts and SnapStart"): before the snapshot, the logging warm-up is let
     * finish and the JSON and SDK request paths are primed without the network; after each restore, the
     * credentials and the provider's connections are renewed. UUIDs need nothing: the JDK's default
     * SecureRandom on Linux (NativePRNG) mixes in fresh bytes from the OS on every call.
     */
    public SnapStartHooks snapStartHooks() {
        return new SnapStartHooks(
                List.of(() -> LoggingWarmUp.awaitDone(Duration.ofSeconds(5)),
                        () -> DispatchEvents.fromJson(DispatchEvents.toJson(new DispatchRequest("priming", Instant.EPOCH, "priming"))
                                .getBytes(StandardCharsets.UTF_8)),
                        clients::primeWithoutNetwork),
                List.of(clients::renewCredentials, () -> {
                    ProviderHttp http = providerHttp;
                    if (http != null) {
                        http.reconnect();
                    }
                }));
    }

    /**
     * For the functions that log on every invocation (dispatch, status sync, the webhooks): on Lambda, Log4j
     * and Powertools start on a background thread while the function builds its clients. The API functions,
     * which log only when something goes wrong, do not pay for it.
     */
    public Services warmUpLogging() {
        if (onLambda()) {
            LoggingWarmUp.start(() -> {
                if (metricsPublisher.get() instanceof PowertoolsMetricsPublisher powertools) {
                    powertools.warmUp();
                }
            });
        }
        return this;
    }

    /** Lambda sets the function's name; the local cloud and tests do not. */
    private boolean onLambda() {
        String function = config.environment().get("AWS_LAMBDA_FUNCTION_NAME");
        return function != null && !function.isBlank();
    }

    /** The services for this environment, built once and shared. */
    public static Services forEnvironment(Map<String, String> env) {
        return BY_ENVIRONMENT.computeIfAbsent(Map.copyOf(env), Services::new);
    }

    public AppConfig config() {
        return config;
    }

    private AwsClients clients() {
        return clients;
    }

    public CallService callService() {
        return callService.get();
    }

    public CampaignServices campaigns() {
        return campaigns.get();
    }

    private CallScripts.ScriptRules scriptRules() {
        String defaultCallerId = config.callProvider().equals("twilio") ? config.twilioFromNumber() : null;
        return new CallScripts.ScriptRules(defaultCallerId, config.allowedCallerIds(), config.allowedTwimlHosts());
    }

    public DispatchService dispatchService() {
        return dispatchService.get();
    }

    /** The do-not-call list's API, without the clients the calls need. */
    public Suppressions suppressions() {
        return new Suppressions(suppressionList.get(), Clock.systemUTC());
    }

    /** POST /suppressions: a CSV file of numbers put on the do-not-call list in batches. */
    public io.callscheduler.suppressions.imports.SuppressionImports suppressionImports() {
        return new io.callscheduler.suppressions.imports.SuppressionImports(suppressionList.get(),
                new io.callscheduler.destinations.libphonenumber.LibPhoneNumberWrittenNumbers(), Clock.systemUTC());
    }

    /** Keys pressed to opt out during Twilio calls: reads calls, writes the do-not-call list. */
    public io.callscheduler.optout.KeypressOptOuts keypressOptOuts() {
        return new io.callscheduler.optout.KeypressOptOuts(store.get(), suppressionList.get(), config.optOutDigit(),
                Clock.systemUTC());
    }

    public SeriesServices series() {
        return series.get();
    }

    public WebhookServices webhooks() {
        return webhooks.get();
    }

    /** Outcome reports (issue 23): the aggregates kept from the table's stream, and the reports read from them. */
    public OutcomeReports outcomeReports() {
        return new OutcomeReports(outcomeAggregates.get());
    }

    public OutcomeRecorder outcomeRecorder() {
        return new OutcomeRecorder(outcomeAggregates.get(), Clock.systemUTC());
    }

    public StatusSyncService statusSyncService() {
        return statusSyncService.get();
    }

    public ProviderSecrets providerSecrets() {
        return providerSecrets.get();
    }

    /** What this container's functions count; a handler publishes it once its invocation's work is done. */
    public RecordedMetrics metrics() {
        return metrics.get();
    }

    /**
     * CloudWatch metrics (embedded metric format, through Powertools) where Lambda runs the function; in the
     * local cloud (LOCAL_METRICS), the JVM's in-memory sink it shows on /_local/metrics; none elsewhere.
     */
    private RecordedMetrics.Publisher buildMetricsPublisher() {
        if (onLambda()) {
            return new PowertoolsMetricsPublisher(config.environment().get("AWS_LAMBDA_FUNCTION_NAME"));
        }
        return "true".equals(config.environment().get("LOCAL_METRICS")) ? LocalMetrics.SHARED : RecordedMetrics.Publisher.NONE;
    }

    public ProviderCallbacks providerCallbacks() {
        return providerCallbacks.get();
    }

    /** One Secrets Manager secret on AWS (ProviderSecretArn); the environment when none is named. */
    private ProviderSecrets buildProviderSecrets() {
        String arn = config.providerSecretArn();
        return arn == null ? new EnvironmentSecrets(config.environment())
                : new SecretsManagerSecrets(clients.secretsManager(), arn);
    }

    private DialScheduler buildDialScheduler() {
        var schedulerSettings = new EventBridgeDialScheduler.Settings(config.scheduleGroupName(),
                config.scheduleTargetArn(), config.schedulerRoleArn(), config.deadLetterQueueArn(),
                config.scheduleMaxRetryAttempts(), config.scheduleMaxEventAgeSeconds(), scheduleLead());
        return new EventBridgeDialScheduler(clients.scheduler(), schedulerSettings);
    }

    /**
     * DialPrecision=second: a schedule fires within the minute of its at(), so it is set a minute plus the
     * claim lead early and dispatch waits for the second; minute: the claim lead early only, no other waiting.
     */
    private Duration scheduleLead() {
        return config.dialPrecisionSecond() ? Duration.ofMinutes(1).plus(config.dialClaimLead()) : config.dialClaimLead();
    }

    private CallService buildCallService() {
        String defaultCallerId = config.callProvider().equals("twilio") ? config.twilioFromNumber() : null;
        return new CallService(store.get(), dialScheduler.get(), dispatchInvoker.get(), Clock.systemUTC(),
                new CallScripts.ScriptRules(defaultCallerId, config.allowedCallerIds(), config.allowedTwimlHosts()), callingHours.get(),
                config.redialPolicy(), config.redialLimits(), destinations.get()).refusingSuppressed(suppressionList.get());
    }

    private DispatchService buildDispatchService() {
        Duration backoff = config.dialRetryBackoff();
        var settings = new DispatchSettings(RetryPolicy.DEFAULT, config.dialDeadline(), backoff,
                backoff.multipliedBy(5), config.callApiConnectTimeout().plus(config.callApiReadTimeout()))
                .withClaimLead(config.dialClaimLead());
        return DispatchService.builder().store(store.get()).callApi(callApi.get()).triggers(dialTriggers())
                .settings(settings).pacer(buildPacer()).callingHours(callingHours.get()).lines(lines.get())
                .destinations(destinations.get(), config.maxCallsPerNumberPerDay() == 0 ? DailyRings.UNCOUNTED
                        : new DynamoDbDailyRings(dynamoDb.get(), config.tableName()))
                .campaigns(campaigns.get().store()).suppressions(suppressionList.get()).metrics(metrics()).build();
    }

    /** The lines shared by every dispatcher through the table (MaxConcurrentCalls), or no limit. */
    private CallLines buildLines() {
        int limit = config.maxConcurrentCalls();
        return limit == 0 ? CallLines.UNLIMITED : new DynamoDbCallLines(dynamoDb.get(), config.tableName(), limit);
    }

    private DialTriggers dialTriggers() {
        return dialTriggers.get();
    }

    /** Dial slots shared by every dispatcher through the table (MaxCallsPerSecond), or none. */
    private DialPacer buildPacer() {
        double rate = config.maxCallsPerSecond();
        return rate == 0 ? DialPacer.UNLIMITED : new DynamoDbDialPacer(dynamoDb.get(), config.tableName(), rate);
    }

    /** The adapter of the deployment's provider (CallProvider). */
    private CallApi buildCallApi() {
        ProviderHttp http = new ProviderHttp(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.callApiConnectTimeout()).build());
        providerHttp = http;
        if (config.callProvider().equals("twilio")) {
            URI publicApiUrl = config.publicApiUrl();
            if (publicApiUrl == null) {
                throw new IllegalStateException("the Twilio provider needs PUBLIC_API_URL for its status callbacks");
            }
            return new TwilioCallApi(http, new TwilioCallApi.Settings(config.twilioApiBaseUrl(), config.twilioFromNumber(),
                    publicApiUrl, config.callApiReadTimeout(), config.twilioMachineDetection(), config.twilioRingTimeout(),
                    config.optOutDigit()),
                    providerSecrets.get());
        }
        return new GenericCallApi(http, config.callApiUrl(), config.callApiReadTimeout(), config.callApiAuthHeader(),
                pushesStatus() ? config.publicApiUrl() : null);
    }

    /**
     * Whether the provider pushes status by callbacks. Twilio always does; the generic contract only with a
     * public URL and a shared secret to verify them by. Without callbacks every active call is polled each run.
     */
    private boolean pushesStatus() {
        return config.callProvider().equals("twilio")
                || (config.publicApiUrl() != null && providerSecrets.get().get("callbackSigningSecret") != null);
    }

    private StatusSyncService buildStatusSyncService() {
        var settings = SyncSettings.DEFAULTS.withConcurrency(config.syncConcurrency())
                .withSweepGrace(config.sweepGrace())
                .withDialsCutOffBefore(config.dialsCutOffBefore())
                .withReconcileAfter(pushesStatus() ? config.reconcileAfter() : Duration.ZERO)
                // A poll is one request; a dial checks the deadline itself before any retry.
                .withMaxTaskDuration(config.callApiConnectTimeout().plus(config.callApiReadTimeout()));
        return new StatusSyncService(store.get(), callApi.get(), dispatchService.get(), settings, Clock.systemUTC(),
                config.redialPolicy(), dialTriggers(), lines.get() == CallLines.UNLIMITED ? null : staleLines.get())
                .recordingTo(metrics());
    }

    static <T> Supplier<T> memoize(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
