package io.callscheduler.optout;

import io.callscheduler.domain.ValidationException;

import java.util.regex.Pattern;

/**
 * The key a callee presses to be put on the do-not-call list: one of {@code 0}-{@code 9}, {@code *} or {@code #}, the
 * keys Twilio's {@code <Gather>} reports in {@code Digits}. The deployment sets one (OptOutDigit), a campaign may set
 * its own.
 */
public final class OptOutDigits {
    /** As the template's AllowedPattern for OptOutDigit, which also allows empty (off). */
    private static final Pattern DIGIT = Pattern.compile("[0-9*#]");

    private OptOutDigits() {
    }

    /**
     * A campaign's {@code optOutDigit} as sent: null or blank for the deployment's, else one key.
     *
     * @throws ValidationException naming {@code field} for anything else
     */
    public static String read(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String digit = value.strip();
        if (!DIGIT.matcher(digit).matches()) {
            throw new ValidationException(field, "INVALID_VALUE", field + " must be one key of the phone's keypad: "
                    + "0 to 9, * or #; leave it out for the deployment's OptOutDigit");
        }
        return digit;
    }

    /** The deployment's setting (OPT_OUT_DIGIT): empty for off. */
    public static String deployment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String digit = value.strip();
        if (!DIGIT.matcher(digit).matches()) {
            throw new IllegalStateException("OPT_OUT_DIGIT must be empty (off) or one of 0-9, * or #, not '" + value + "'");
        }
        return digit;
    }

    /** How the key is named when spoken: "9", "star", "pound". */
    public static String spoken(String digit) {
        return switch (digit) {
            case "*" -> "star";
            case "#" -> "pound";
            default -> digit;
        };
    }
}
