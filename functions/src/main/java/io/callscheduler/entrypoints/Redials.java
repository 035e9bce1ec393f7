package io.callscheduler.entrypoints;

import io.callscheduler.domain.RedialRequest;

import java.util.Map;
import java.util.Set;

/** The create request's {@code redial} object, as flattened by {@link ApiRequests}: {@code on}, {@code maxAttempts}, {@code afterMinutes}. */
final class Redials {
    private static final Set<String> MEMBERS = Set.of("redial.on", "redial.maxAttempts", "redial.afterMinutes");

    private Redials() {
    }

    /** @return null when the request has no {@code redial} */
    static RedialRequest fromFields(Map<String, String> fields) {
        boolean any = false;
        for (String name : fields.keySet()) {
            if (name.startsWith("redial.")) {
                if (!MEMBERS.contains(name)) {
                    throw new ApiException(400, "UNKNOWN_FIELD", name, "unknown field '" + name
                            + "'; redial takes on, maxAttempts and afterMinutes");
                }
                any = true;
            }
        }
        return any ? new RedialRequest(fields.get("redial.on"), fields.get("redial.maxAttempts"),
                fields.get("redial.afterMinutes")) : null;
    }
}
