package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.csv.RejectsCsv;
import io.callscheduler.csv.RowReject;

import java.util.List;

/**
 * An import's rejects in its answer, the same for every CSV import: {@code rejects} as JSON objects, at most
 * {@value #MAX_JSON_REJECTS} (then {@code rejectsOmitted}: the answer stays far below Lambda's 6 MB), or as CSV.
 */
final class RejectsJson {
    /** Rejects listed in a JSON answer; the CSV answer lists up to {@value #MAX_CSV_REJECTS}. */
    static final int MAX_JSON_REJECTS = 1_000;
    static final int MAX_CSV_REJECTS = 20_000;

    private RejectsJson() {
    }

    /** @param omitted whether some rejects are known to be missing already (a replayed answer kept only its counts) */
    static void put(ObjectNode body, List<? extends RowReject> all, boolean omitted) {
        ArrayNode rejects = body.putArray("rejects");
        for (RowReject reject : all.subList(0, Math.min(all.size(), MAX_JSON_REJECTS))) {
            rejects.addObject().put("row", reject.row()).put("column", reject.column())
                    .put("code", reject.code().name()).put("message", reject.message());
        }
        if (omitted || all.size() > MAX_JSON_REJECTS) {
            body.put("rejectsOmitted", true); // all of them: Accept: text/csv
        }
    }

    static String csv(List<? extends RowReject> all) {
        return RejectsCsv.of(all.subList(0, Math.min(all.size(), MAX_CSV_REJECTS)));
    }
}
