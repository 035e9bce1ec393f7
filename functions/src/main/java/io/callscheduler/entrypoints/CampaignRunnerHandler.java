package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.campaigns.CampaignRuns;
import io.callscheduler.config.Services;
import io.callscheduler.domain.campaigns.CampaignRunner;
import io.callscheduler.logging.InvocationLogging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The campaign runner: every minute (a {@code rate(1 minute)} schedule, any input) it runs every campaign with work;
 * invoked with {@code {"campaignId", "reason"}} (a start, a resume, a stop) it runs that one at once. Answers the
 * run's counts as JSON.
 */
public final class CampaignRunnerHandler implements RequestStreamHandler {
    private final CampaignRunner runner;

    public CampaignRunnerHandler() {
        this(System.getenv());
    }

    public CampaignRunnerHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging().campaigns().runner());
    }

    CampaignRunnerHandler(CampaignRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        JsonNode event = payload.length == 0 ? CallJson.MAPPER.createObjectNode() : CallJson.MAPPER.readTree(payload);
        String campaignId = event.path("campaignId").asText(null);
        CampaignRuns.Reason reason = switch (event.path("reason").asText("")) {
            case "RESUME" -> CampaignRuns.Reason.RESUME;
            case "STOP" -> CampaignRuns.Reason.STOP;
            default -> CampaignRuns.Reason.START;
        };
        CampaignRunner.Report report = InvocationLogging.around(context, Map.of(),
                () -> campaignId == null ? runner.runAll() : runner.run(campaignId, reason));
        String json = CallJson.MAPPER.writeValueAsString(Map.of("campaigns", report.campaigns(), "drawn", report.drawn(),
                "released", report.released(), "canceled", report.canceled(), "completed", report.completed()));
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
