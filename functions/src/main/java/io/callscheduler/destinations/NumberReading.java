package io.callscheduler.destinations;

import java.util.Objects;

/**
 * What a numbering plan says of one E.164 number: its calling code, whether that code is an international
 * network's rather than a country's, and either its type (a valid number) or what is wrong with it.
 *
 * @param callingCode          the country calling code, or -1 when the number starts with none
 * @param internationalNetwork whether the code belongs to no country (+800, +870, +881, +882, +883, +979, ...)
 * @param type                 the number's type when valid, else null
 * @param flaw                 why it is not a number of the plan, or null when valid
 */
public record NumberReading(int callingCode, boolean internationalNetwork, NumberType type, Flaw flaw) {
    /** Why a number is not one of the plan's. */
    public enum Flaw {
        NO_SUCH_CALLING_CODE, TOO_SHORT, TOO_LONG,
        /** Between the plan's shortest and longest numbers, yet of no length they have. */
        NO_SUCH_LENGTH,
        /** Long enough only to be dialed within its area: the area code is missing. */
        LOCAL_ONLY,
        /** Of a possible length, in no range the plan has assigned. */
        UNASSIGNED,
        /**
         * Valid only once a national prefix is dropped (+1 1 415..., +44 0 20...): several spellings of one number
         * would each have their own daily cap, so only the one E.164 form is taken.
         */
        NOT_CANONICAL
    }

    public NumberReading {
        if ((type == null) == (flaw == null)) {
            throw new IllegalArgumentException("a reading has either a type or a flaw: " + type + ", " + flaw);
        }
    }

    public static NumberReading valid(int callingCode, boolean internationalNetwork, NumberType type) {
        return new NumberReading(callingCode, internationalNetwork, Objects.requireNonNull(type, "type"), null);
    }

    public static NumberReading invalid(int callingCode, boolean internationalNetwork, Flaw flaw) {
        return new NumberReading(callingCode, internationalNetwork, null, Objects.requireNonNull(flaw, "flaw"));
    }

    public boolean isValid() {
        return flaw == null;
    }
}
