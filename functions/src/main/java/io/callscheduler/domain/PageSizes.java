package io.callscheduler.domain;

/** A list's {@code limit}, as every list of the API reads it: 1 to 200, 50 when left out. */
public final class PageSizes {
    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private PageSizes() {
    }

    /** @throws ValidationException INVALID_LIMIT naming {@code limit} for anything but a whole number from 1 to 200 */
    public static int parse(String limit) {
        if (limit == null) {
            return DEFAULT;
        }
        int size;
        try {
            size = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX) {
            throw new ValidationException("limit", "INVALID_LIMIT", "limit must be a whole number from 1 to " + MAX);
        }
        return size;
    }
}
