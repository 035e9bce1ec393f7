package io.callscheduler.campaigns.lambda;

import io.callscheduler.campaigns.CampaignRuns;
import io.callscheduler.dependencies.DependencyUnavailableException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.Objects;

/** Queues an asynchronous (Event) invocation of the campaign runner with {@code {"campaignId", "reason"}}. */
public final class LambdaCampaignRuns implements CampaignRuns {
    private final LambdaClient lambda;
    private final String functionName;

    /** @param functionName the runner function's name or ARN */
    public LambdaCampaignRuns(LambdaClient lambda, String functionName) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    @Override
    public void runSoon(String campaignId, Reason reason) {
        // The id is a UUID and the reason an enum name: nothing to escape.
        String payload = "{\"campaignId\":\"" + campaignId + "\",\"reason\":\"" + reason.name() + "\"}";
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(payload)));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("Lambda invoke of " + functionName + " failed: " + e.getMessage(), e);
        }
        if (response.statusCode() != 202) {
            throw new DependencyUnavailableException("Lambda invoke of " + functionName + " answered " + response.statusCode(), null);
        }
    }
}
