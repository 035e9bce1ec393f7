package io.callscheduler.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact already validated (its number in E.164), not yet in a campaign.
 *
 * @param columns its columns in the file's order (kept: the campaign records its columns in that order for the export)
 */
public record NewContact(String phoneNumber, Map<String, String> columns) {
    public NewContact {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
