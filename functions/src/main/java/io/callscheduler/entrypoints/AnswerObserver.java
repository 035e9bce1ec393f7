package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Sees every answer an API handler gives, once it is made. A deployment registers none; the functions' tests register
 * one (META-INF/services) that holds each answer to openapi.yaml, so that no test can receive an answer the
 * description does not allow, whichever handler and test it comes from.
 */
public interface AnswerObserver {
    /** May throw (an {@link AssertionError} in tests) to fail the invocation. */
    void answered(APIGatewayProxyRequestEvent request, APIGatewayProxyResponseEvent response);

    /** The observers on the classpath, found once per container (none in a deployed jar). */
    List<AnswerObserver> REGISTERED = ServiceLoader.load(AnswerObserver.class, AnswerObserver.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    /** Shows {@code response} to every registered observer, and returns it. */
    static APIGatewayProxyResponseEvent observed(APIGatewayProxyRequestEvent request, APIGatewayProxyResponseEvent response) {
        for (AnswerObserver observer : REGISTERED) {
            observer.answered(request, response);
        }
        return response;
    }
}
