package io.callscheduler.dispatch.lambda;

import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchInvoker;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.dependencies.DependencyUnavailableException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.Objects;

/** Queues an asynchronous (Event) invocation of the dispatch function. */
public final class LambdaDispatchInvoker implements DispatchInvoker {
    private final LambdaClient lambda;
    private final String functionName;

    /** @param functionName the dispatch function's name or ARN */
    public LambdaDispatchInvoker(LambdaClient lambda, String functionName) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    @Override
    public void dispatchSoon(DispatchRequest request) {
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(DispatchEvents.toJson(request))));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("Lambda invoke of " + functionName + " failed: " + e.getMessage(), e);
        }
        if (response.statusCode() != 202) {
            throw new DependencyUnavailableException("Lambda invoke of " + functionName + " answered "
                    + response.statusCode(), null);
        }
    }
}
