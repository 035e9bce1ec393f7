package io.callscheduler.model;

import java.util.Map;
import java.util.Objects;

/** A contact already validated (its number in E.164), not yet in a campaign. */
public record NewContact(String phoneNumber, Map<String, String> columns) {
    public NewContact {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }
}
