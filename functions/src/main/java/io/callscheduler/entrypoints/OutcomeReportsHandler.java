package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.reports.OutcomeReport;
import io.callscheduler.reports.OutcomeReportFormats;
import io.callscheduler.reports.OutcomeReports;
import io.callscheduler.reports.ReportRequest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /reports/outcomes?from=&to=&groupBy=&zone=&campaignId=&callerId=&format=} (README, "Outcome reports"):
 * JSON, or CSV with {@code Accept: text/csv} or {@code format=csv}, read from the aggregates alone.
 */
public final class OutcomeReportsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Set<String> PARAMETERS = Set.of("from", "to", "groupBy", "zone", "campaignId", "callerId", "format");

    private final OutcomeReports reports;
    private final Clock clock;
    private final ApiResponses responses;

    public OutcomeReportsHandler() {
        this(System.getenv());
    }

    public OutcomeReportsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private OutcomeReportsHandler(Services services) {
        this(services.outcomeReports(), Clock.systemUTC(), services.config().allowedOrigin());
    }

    /** Tests: the reports, and the clock that defaults a range to the week before now. */
    OutcomeReportsHandler(OutcomeReports reports, Clock clock, String allowedOrigin) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.responses = new ApiResponses(allowedOrigin);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return responses.serve(event, context, Map.of(), () -> handle(event));
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        boolean csv = wantsCsv(event);
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        OutcomeReport report = reports.report(ReportRequest.parse(query, clock));
        if (!csv) {
            return responses.json(200, OutcomeReportFormats.json(report));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=\"outcomes-by-" + report.request().groupBy().wireName() + ".csv\"");
        headers.put("X-Report-As-Of", report.asOf() == null ? "" : report.asOf().toString());
        return responses.csv(OutcomeReportFormats.csv(report), headers);
    }

    private static boolean wantsCsv(APIGatewayProxyRequestEvent event) {
        String format = ApiRequests.query(event, "format");
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ApiException(400, "INVALID_VALUE", "format", "format must be json or csv");
            };
        }
        String accept = ApiRequests.header(event, "Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }
}
