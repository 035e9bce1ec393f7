package io.callscheduler.localcloud.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One Lambda {@link Context} per invocation, with a fresh request id and the function's time budget. */
final class ContextFactory {
    private final String functionName;
    private final String functionArn;
    private final int memoryMb;
    private final long timeoutMillis;
    private final LambdaLogger logger;

    ContextFactory(String functionName, String functionArn, int memoryMb, int timeoutSeconds) {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.memoryMb = memoryMb;
        this.timeoutMillis = timeoutSeconds * 1000L;
        String prefix = "[" + functionName + "] ";
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(prefix + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    Context next() {
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        return new Context() {
            @Override public String getAwsRequestId() { return requestId; }
            @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
            @Override public String getLogStreamName() { return "local/[$LATEST]" + requestId; }
            @Override public String getFunctionName() { return functionName; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return functionArn; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
            @Override public int getMemoryLimitInMB() { return memoryMb; }
            @Override public LambdaLogger getLogger() { return logger; }
        };
    }
}
