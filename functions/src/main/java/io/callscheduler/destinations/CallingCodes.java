package io.callscheduler.destinations;

import java.util.Set;

/** The country calling codes of the world's numbering plan (ITU-T E.164), as a numbering library knows them. */
public interface CallingCodes {
    /** Every calling code in use: 1, 7, 20, 44, 1268 is not one (it is +1 268), ... */
    Set<Integer> all();

    /**
     * The calling code an E.164 number starts with. Calling codes are prefix-free (no code begins another),
     * so the first 1 to 3 digits that form a code are the number's.
     *
     * @return the code, or -1 when the number starts with none
     */
    default int of(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        for (int length = 1; length <= 3 && length <= digits.length(); length++) {
            int code = Integer.parseInt(digits.substring(0, length));
            if (all().contains(code)) {
                return code;
            }
        }
        return -1;
    }
}
