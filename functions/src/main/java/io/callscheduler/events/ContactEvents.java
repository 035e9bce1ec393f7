package io.callscheduler.events;

import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.optout.KeypressOptOuts;
import io.callscheduler.suppressions.Suppression;

import java.util.Objects;
import java.util.Optional;

/**
 * The events of contacts and their lists: a keypress opt-out and a finished contacts upload.
 * <ul>
 *   <li>{@code contact.opted_out}: a do-not-call entry written with a keypress's evidence (the call and the key, which
 *   only {@link KeypressOptOuts} writes: the API's put clears them) that the entry did not hold before. The same press
 *   retried writes nothing; a press in another call is another opt-out. An entry added by the API or an import, or
 *   removed, emits nothing.</li>
 *   <li>{@code import.completed}: an upload's record written (a new one, not a dry run): it is written once the
 *   contacts are added, with the answer's counts.</li>
 * </ul>
 */
final class ContactEvents {
    private ContactEvents() {
    }

    static Optional<EventType> optOut(Suppression before, Suppression after) {
        if (after == null || !byKeypress(after)) {
            return Optional.empty();
        }
        boolean sameEvidence = before != null && byKeypress(before) && Objects.equals(before.callId(), after.callId())
                && Objects.equals(before.digit(), after.digit());
        return sameEvidence ? Optional.empty() : Optional.of(EventType.CONTACT_OPTED_OUT);
    }

    static Optional<EventType> upload(ContactUploadRecord before, ContactUploadRecord after) {
        if (after == null || after.answer().dryRun()) {
            return Optional.empty();
        }
        boolean sameRecord = before != null && before.expiresAt().equals(after.expiresAt())
                && before.requestFingerprint().equals(after.requestFingerprint());
        return sameRecord ? Optional.empty() : Optional.of(EventType.IMPORT_COMPLETED);
    }

    private static boolean byKeypress(Suppression entry) {
        return KeypressOptOuts.SOURCE.equals(entry.source()) && entry.callId() != null && entry.digit() != null;
    }
}
