package io.callscheduler.emulators;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/** One emulated AWS service behind {@link AwsEndpoint}. */
public interface AwsService {
    /** The SigV4 signing name, e.g. {@code scheduler}, {@code lambda}, {@code dynamodb}, {@code sqs}. */
    String signingName();

    /** Handles one request; the exchange's body has not been read. Must send a response. */
    void handle(HttpExchange exchange) throws IOException;
}
