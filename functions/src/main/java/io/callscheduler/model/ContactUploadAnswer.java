package io.callscheduler.model;

import io.callscheduler.campaigns.contacts.Reject;

import java.util.List;

/**
 * What a contacts upload answered: the file's report ({@code rows = accepted + rejected}; {@code duplicates} and
 * {@code suppressed} among the rejected) and how many contacts it added ({@code imported}: 0 for a dry run; fewer
 * than {@code accepted} only when a concurrent upload added some of the same numbers first).
 *
 * @param rejectsOmitted true when a replayed answer's rejects were too many to keep with its Idempotency-Key (the
 *                       counts are still exact)
 */
public record ContactUploadAnswer(boolean dryRun, int rows, int accepted, int rejected, int duplicates, int suppressed,
                                  int imported, List<Reject> rejects, boolean rejectsOmitted) {
    public ContactUploadAnswer {
        rejects = List.copyOf(rejects);
    }

    public ContactUploadAnswer withoutRejects() {
        return new ContactUploadAnswer(dryRun, rows, accepted, rejected, duplicates, suppressed, imported, List.of(), true);
    }
}
