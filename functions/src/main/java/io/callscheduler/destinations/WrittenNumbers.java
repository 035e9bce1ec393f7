package io.callscheduler.destinations;

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
