package io.callscheduler.destinations;

import io.callscheduler.domain.ValidationException;

import java.util.Locale;

/**
 * Phone numbers as people write them in a spreadsheet ({@code (415) 555-0123}, {@code 020 7946 0958},
 * {@code +44 20 7946 0958}, {@code 0044 ...}), read into E.164 with a default region for the ones written
 * nationally. What may be called is {@link DestinationGuard}'s business; this only reads.
 */
public interface WrittenNumbers {
    /**
     * @param written       the number as written
     * @param defaultRegion the ISO 3166 region a nationally written number is in (such as US), or null for none
     */
    Reading read(String written, String defaultRegion);

    /** Whether {@code region} is a region the numbering plans know (two letters, such as US or GB). */
    boolean isRegion(String region);

    /**
     * An upload's {@code defaultRegion} as given: null when blank, else the region upper-cased.
     *
     * @throws ValidationException naming {@code defaultRegion} for one the plans do not know
     */
    default String defaultRegion(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String region = given.strip();
        if (!region.matches("[A-Za-z]{2}") || !isRegion(region)) {
            throw new ValidationException("defaultRegion", "INVALID_REGION", "defaultRegion '"
                    + (region.length() > 20 ? region.substring(0, 20) + "…" : region) + "' is not a region: give the"
                    + " two-letter ISO 3166 code the nationally written numbers are in, such as US or GB");
        }
        return region.toUpperCase(Locale.ROOT);
    }

    /**
     * The number in E.164 form, or why it is none.
     *
     * @param e164    the number, or null
     * @param problem why the text is not a valid number, completing "phoneNumber 'x' ..."; null when read
     */
    record Reading(String e164, String problem) {
        public static Reading of(String e164) {
            return new Reading(e164, null);
        }

        public static Reading problem(String problem) {
            return new Reading(null, problem);
        }

        public boolean isRead() {
            return e164 != null;
        }
    }
}
