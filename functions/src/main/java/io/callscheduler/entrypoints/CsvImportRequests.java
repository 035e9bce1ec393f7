package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.callscheduler.csv.CsvFileException;
import io.callscheduler.csv.CsvTable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What a CSV import's request says (its file, whether it is a dry run), read alike for every import. */
final class CsvImportRequests {
    private CsvImportRequests() {
    }

    /** {@code ?dryRun=true}: check the file, import nothing; absent or false: import. */
    static boolean dryRun(APIGatewayProxyRequestEvent event) {
        String given = ApiRequests.query(event, "dryRun");
        if (given == null || given.equals("false")) {
            return false;
        }
        if (given.equals("true")) {
            return true;
        }
        throw new ApiException(400, "INVALID_VALUE", "dryRun", "dryRun must be true (check the file, import nothing)"
                + " or false");
    }

    /**
     * The file's bytes. API Gateway passes a text/csv body as a string it decoded as UTF-8, so a file that was not
     * UTF-8 arrives with U+FFFD replacement characters: refused as not UTF-8, naming the line, as the raw bytes would
     * be. A base64 body (binary media types) is decoded and checked strictly by the CSV reader.
     */
    static byte[] file(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0]; // refused by the reader as EMPTY_FILE
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "MALFORMED_BODY", CsvTable.BODY, "the body is marked base64 but is not");
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int replaced = body.indexOf('\uFFFD');
        if (replaced >= 0 && bytes.length <= CsvTable.MAX_BYTES) {
            long line = 1 + body.substring(0, replaced).chars().filter(c -> c == '\n').count();
            throw new CsvFileException(CsvTable.BODY, "NOT_UTF8", line, "line " + line + " is not UTF-8 (it holds"
                    + " a character that could not be read): save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\"");
        }
        return bytes;
    }
}
