import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Run in source-file mode on the classpath `sam build` produces ({@code <function dir>:<function dir>/lib/*})
 * and nothing else, as the Lambda Java runtime would: every handler named on the command line is created
 * with its no-argument constructor from the process environment; then {@code GET /calls/{id}} for an
 * unknown id goes to a real DynamoDB. Prints one line per handler and the status code.
 */
public class HandlerSmokeCheck {
    public static void main(String[] handlerClasses) throws Exception {
        for (String handlerClass : handlerClasses) {
            Object handler = Class.forName(handlerClass).getConstructor().newInstance();
            System.out.println("created " + handlerClass);
        }
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> getCall =
                (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
                        Class.forName("io.callscheduler.entrypoints.GetCallHandler").getConstructor().newInstance();
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET").withResource("/calls/{id}").withPath("/calls/no-such-call")
                .withPathParameters(Map.of("id", "no-such-call"));
        Context context = (Context) Proxy.newProxyInstance(HandlerSmokeCheck.class.getClassLoader(),
                new Class<?>[]{Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 1024;
                    case "getAwsRequestId" -> "smoke-check";
                    case "getLogger" -> null;
                    default -> null;
                });
        APIGatewayProxyResponseEvent response = getCall.handleRequest(event, context);
        System.out.println("GET /calls/no-such-call -> " + response.getStatusCode() + " " + response.getBody());
    }
}
