package io.callscheduler.dialwaiter.lambda;

import io.callscheduler.dialwaiter.DispatchHandover;
import io.callscheduler.dialwaiter.HandoverFailedException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Invokes the dispatch function synchronously (RequestResponse): the dial then starts as soon as dispatch
 * runs, not when Lambda's asynchronous queue gets to it. An error of dispatch itself is thrown on as well.
 */
public final class LambdaDispatchHandover implements DispatchHandover {
    private static final System.Logger LOG = System.getLogger(LambdaDispatchHandover.class.getName());
    private final LambdaClient lambda;
    private final String dispatchFunctionArn;

    /** @param lambda a client whose read timeout outlasts a whole dispatch run */
    public LambdaDispatchHandover(LambdaClient lambda, String dispatchFunctionArn) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        this.dispatchFunctionArn = Objects.requireNonNull(dispatchFunctionArn, "dispatchFunctionArn");
    }

    /**
     * A DryRun invoke: Lambda checks the permission and runs nothing, and this container loads and runs the
     * invoke path once, so that the real invoke after the wait is quick.
     */
    @Override
    public void prepare() {
        try {
            lambda.invoke(r -> r.functionName(dispatchFunctionArn).invocationType(InvocationType.DRY_RUN));
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, "DryRun invoke of " + dispatchFunctionArn + " failed: " + e.getMessage());
        }
    }

    @Override
    public byte[] dispatch(byte[] event) {
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(dispatchFunctionArn).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromByteArray(event)));
        } catch (SdkException e) {
            throw new HandoverFailedException("invoke of " + dispatchFunctionArn + " failed: " + e.getMessage(), e);
        }
        byte[] answer = response.payload() == null ? new byte[0] : response.payload().asByteArray();
        if (response.functionError() != null) {
            throw new HandoverFailedException("dispatch failed (" + response.functionError() + "): "
                    + new String(answer, StandardCharsets.UTF_8), null);
        }
        return answer;
    }
}
