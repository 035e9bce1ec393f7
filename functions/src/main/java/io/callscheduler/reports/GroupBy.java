package io.callscheduler.reports;

import java.util.Optional;

/** What a report's rows are: hours of the day, days of the week, dates, campaigns or caller IDs. */
public enum GroupBy {
    HOUR_OF_DAY("hourOfDay"), DAY_OF_WEEK("dayOfWeek"), DAY("day"), CAMPAIGN("campaign"), CALLER_ID("callerId");

    private final String wireName;

    GroupBy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<GroupBy> parse(String text) {
        for (GroupBy value : values()) {
            if (value.wireName.equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
