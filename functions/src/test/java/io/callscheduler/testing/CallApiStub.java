package io.callscheduler.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The external Call API, stubbed with WireMock so that faults can be injected. By default it accepts every
 * call as {@code prov-<call id>} (queued).
 */
public final class CallApiStub implements AutoCloseable {
    public final WireMockServer server;

    public CallApiStub() {
        server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        acceptCalls();
    }

    public String url() {
        return server.baseUrl();
    }

    /** POST /calls answers 201 with {@code prov-<metadata.callId>}; GET /calls/{id} answers it queued. */
    public void acceptCalls() {
        server.stubFor(get(urlPathMatching("/calls/[^/]+")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"{{request.pathSegments.[1]}}\",\"status\":\"queued\"}")));
        server.stubFor(post(urlEqualTo("/calls")).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"prov-{{jsonPath request.body '$.metadata.callId'}}\",\"status\":\"queued\"}")));
    }

    /** GET /calls/{providerId} answers the given status. */
    public void callHasStatus(String providerId, String status, String error) {
        server.stubFor(get(urlPathEqualTo("/calls/" + providerId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + providerId + "\",\"status\":\"" + status + "\",\"error\":"
                        + (error == null ? "null" : "\"" + error + "\"") + "}")));
    }

    public List<LoggedRequest> dialRequests() {
        return server.findAll(postRequestedFor(urlEqualTo("/calls")));
    }

    public long dialsFor(String callId) {
        return dialRequests().stream().filter(r -> callId.equals(r.getHeader("Idempotency-Key"))).count();
    }

    public void reset() {
        server.resetAll();
        acceptCalls();
    }


    @Override
    public void close() {
        server.stop();
    }
}
