package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.config.Services;
import io.callscheduler.suppressions.imports.SuppressionImportReport;
import io.callscheduler.suppressions.imports.SuppressionImports;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /suppressions}: a {@code text/csv} file of numbers ({@code phoneNumber}; optional {@code reason},
 * {@code source}, {@code expiresAt}) checked and, unless {@code ?dryRun=true}, put on the do-not-call list; 200 with
 * the report, or with {@code Accept: text/csv} its rejects as CSV. A file refused whole is a 400 naming its line.
 */
public final class ImportSuppressionsHandler extends ApiHandler {
    private static final Set<String> PARAMETERS = Set.of("dryRun", "defaultRegion");
    private final SuppressionImports imports;

    public ImportSuppressionsHandler() {
        this(System.getenv());
    }

    public ImportSuppressionsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private ImportSuppressionsHandler(Services services) {
        this(services.suppressionImports(), services.config().allowedOrigin());
    }

    ImportSuppressionsHandler(SuppressionImports imports, String allowedOrigin) {
        super(allowedOrigin);
        this.imports = Objects.requireNonNull(imports, "imports");
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        SuppressionImports.Answer answer = imports.importFile(new SuppressionImports.Upload(CsvImportRequests.file(event),
                CsvImportRequests.dryRun(event), ApiRequests.query(event, "defaultRegion")));
        String accept = ApiRequests.header(event, "Accept");
        return accept != null && accept.contains("text/csv")
                ? responses.csv(200, RejectsJson.csv(answer.report().rejects())) : responses.json(200, json(answer));
    }

    static ObjectNode json(SuppressionImports.Answer answer) {
        SuppressionImportReport report = answer.report();
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        body.put("dryRun", answer.dryRun());
        body.put("rows", report.rows());
        body.put("accepted", report.accepted());
        body.put("rejected", report.rejected());
        body.put("duplicates", report.duplicates());
        body.put("added", answer.added());
        body.put("refreshed", answer.refreshed());
        report.ignoredColumns().forEach(body.putArray("ignoredColumns")::add);
        RejectsJson.put(body, report.rejects(), false);
        return body;
    }
}
