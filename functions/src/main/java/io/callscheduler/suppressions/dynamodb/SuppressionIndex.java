package io.callscheduler.suppressions.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.suppressions.Suppression;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.callscheduler.suppressions.dynamodb.SuppressionItems.fromItem;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.s;

/**
 * The list read in number order through the sparse {@link CallsTable#BY_COLLECTION} index (eventually consistent): a
 * search's pages, and the whole of a short list.
 */
final class SuppressionIndex {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_READ = 200;
    /** Entries one request reads at most, matched or not. */
    static final int READ_BUDGET = 1_000;
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    SuppressionIndex(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Reads the index from where the last page stopped, filtering by the search, until the page is full, the index
     * ends, or {@value #READ_BUDGET} entries were read (a rare search over a long list then answers a short page with a
     * token to read on, rather than reading the whole list in one request); a token is the last number read or
     * returned (DynamoDB's own resume key may lie past entries a full page left).
     */
    Page<Suppression> page(String search, int limit, String nextToken) {
        String after = nextToken == null ? null : PageToken.after(nextToken, search);
        List<Suppression> found = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = null;
        boolean more;
        int read = 0;
        try {
            do {
                QueryResponse response = dynamoDb.query(query(search, after, resumeAt, Math.min(MAX_READ, limit * 2)));
                read += response.scannedCount();
                int taken = 0;
                for (Map<String, AttributeValue> item : response.items()) {
                    if (found.size() == limit) {
                        break;
                    }
                    found.add(fromItem(item));
                    taken++;
                }
                resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
                more = taken < response.items().size() || resumeAt != null;
            } while (found.size() < limit && resumeAt != null && read < READ_BUDGET);
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not read the do-not-call list: " + e.getMessage(), e);
        }
        if (found.size() < limit && resumeAt != null) {
            return new Page<>(found, PageToken.of(resumeAt.get(CallsTable.COLLECTION_ORDER).s(), search)); // cut short
        }
        return new Page<>(found, found.size() == limit && more ? PageToken.of(found.get(found.size() - 1).number(), search) : null);
    }

    /** Every entry, read through the index, or null as soon as there are more than {@code most}. */
    List<Suppression> wholeListOfAtMost(int most) {
        List<Suppression> whole = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = null;
        do {
            QueryResponse response = dynamoDb.query(query(null, null, resumeAt, Math.min(READ_BUDGET, most + 1)));
            response.items().forEach(item -> whole.add(fromItem(item)));
            if (whole.size() > most) {
                return null;
            }
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (resumeAt != null);
        return whole;
    }

    private QueryRequest query(String search, String after, Map<String, AttributeValue> resumeAt, int readLimit) {
        Map<String, String> names = new HashMap<>(Map.of("#kind", CallsTable.COLLECTION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":kind", s(CallsTable.SUPPRESSION_KIND)));
        String condition = "#kind = :kind";
        if (after != null) {
            condition += " AND #order > :after";
            names.put("#order", CallsTable.COLLECTION_ORDER);
            values.put(":after", s(after));
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(CallsTable.BY_COLLECTION)
                .keyConditionExpression(condition).limit(readLimit).exclusiveStartKey(resumeAt);
        if (search != null) {
            names.put("#number", SuppressionItems.NUMBER);
            names.put("#reasonSearch", SuppressionItems.REASON_SEARCH);
            values.put(":q", s(search));
            request.filterExpression("contains(#number, :q) OR contains(#reasonSearch, :q)");
        }
        return request.expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** Opaque to callers: base64url of the search and the last number returned, refused for another search. */
    private static final class PageToken {
        static String of(String lastNumber, String search) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((lastNumber + "\n" + (search == null ? "" : search))
                    .getBytes(StandardCharsets.UTF_8));
        }

        static String after(String token, String search) {
            String decoded;
            try {
                decoded = token.length() > 400 ? null
                        : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
            int split = decoded == null ? -1 : decoded.indexOf('\n');
            if (split < 0 || !E164.matcher(decoded.substring(0, split)).matches()) {
                throw new InvalidPageTokenException("not a token from this API");
            }
            if (!decoded.substring(split + 1).equals(search == null ? "" : search)) {
                throw new InvalidPageTokenException("it belongs to another search");
            }
            return decoded.substring(0, split);
        }
    }}
