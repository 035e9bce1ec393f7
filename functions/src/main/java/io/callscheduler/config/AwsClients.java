package io.callscheduler.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import io.callscheduler.snapstart.RenewableCredentials;
import io.callscheduler.snapstart.SdkPriming;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Builds SDK clients from an environment, honouring the standard AWS settings: {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL} and the service-specific {@code AWS_ENDPOINT_URL_<SERVICE>}, and the access key
 * variables. On Lambda the environment is the process's, so this is what the SDK would do by itself; the
 * local cloud passes each in-process function its own. All clients use the url-connection HTTP client.
 */
public final class AwsClients {
    /*
     * Endpoints are resolved here, from the function's environment, and nowhere else: the SDK is told not to
     * read AWS_ENDPOINT_URL* itself. `sam local` sets a variable the template declares but cannot resolve to
     * "" (AWS_ENDPOINT_URL is declared only for LocalStack), and the SDK fails to build any client on an
     * empty endpoint URL, where this class treats blank as unset.
     */
    static {
        if (System.getProperty("aws.ignoreConfiguredEndpointUrls") == null) {
            System.setProperty("aws.ignoreConfiguredEndpointUrls", "true");
        }
    }

    private final Map<String, String> env;
    /** One provider for every client of the container, so that a SnapStart restore renews it in one place. */
    private final RenewableCredentials credentials;

    public AwsClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.credentials = new RenewableCredentials(this::credentialsProvider);
    }

    /** After a SnapStart restore: credentials cached before the snapshot are dropped and resolved anew. */
    public void renewCredentials() {
        credentials.renew();
    }

    /**
     * Before a SnapStart snapshot: one request of each client type is marshalled, routed and signed (with
     * placeholder credentials) but never sent, so that its code is loaded and initialized in the snapshot.
     */
    public void primeWithoutNetwork() {
        try (DynamoDbClient dynamoDb = priming(DynamoDbClient.builder(), "DYNAMODB");
             SchedulerClient scheduler = priming(SchedulerClient.builder(), "SCHEDULER");
             LambdaClient lambda = priming(LambdaClient.builder(), "LAMBDA")) {
            SdkPriming.prime(() -> dynamoDb.getItem(r -> r.tableName("priming").key(
                    Map.of("id", AttributeValue.fromS("priming")))));
            SdkPriming.prime(() -> scheduler.getSchedule(r -> r.name("priming").groupName("priming")));
            SdkPriming.prime(() -> lambda.invoke(r -> r.functionName("priming").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{}"))));
        }
    }

    /** {@link #primeWithoutNetwork()} for a function that only invokes others (the dial waiter). */
    public void primeLambdaWithoutNetwork() {
        try (LambdaClient lambda = priming(LambdaClient.builder(), "LAMBDA")) {
            SdkPriming.prime(() -> lambda.invoke(r -> r.functionName("priming").invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String("{}"))));
        }
    }

    private <C, B extends AwsClientBuilder<B, C>> C priming(B builder, String serviceId) {
        return configure(builder, serviceId).credentialsProvider(SdkPriming.PLACEHOLDER_CREDENTIALS)
                .overrideConfiguration(SdkPriming::neverSend).build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").build();
    }

    public SchedulerClient scheduler() {
        return configure(SchedulerClient.builder(), "SCHEDULER").build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), "SECRETS_MANAGER").build();
    }

    /** The webhook delivery queues (fan-out and delivery). */
    public SqsClient sqs() {
        return configure(SqsClient.builder(), "SQS").build();
    }

    public LambdaClient lambda() {
        return configure(LambdaClient.builder(), "LAMBDA").build();
    }

    /**
     * For synchronous invokes (RequestResponse): the response comes when the invoked function ends, so the
     * read timeout must outlast its run (the HTTP client's default is 30 s).
     */
    public LambdaClient lambda(java.time.Duration responseTimeout) {
        return configure(LambdaClient.builder(), "LAMBDA")
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(responseTimeout)).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceId) {
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = firstNonBlank(env.get("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT)),
                env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(credentials);
        return builder;
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second == null || second.isBlank() ? null : second;
    }

    private AwsCredentialsProvider credentialsProvider() {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token));
    }
}
