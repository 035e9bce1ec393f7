package io.callscheduler.destinations;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What kind of line a valid number reaches, in the numbering plan's terms (ITU-T E.164 and the national plans;
 * the names are libphonenumber's, which is how the world's plans are published). A valid number always has one.
 */
public enum NumberType {
    FIXED_LINE("a fixed line"),
    MOBILE("a mobile number"),
    /** Where the plan does not tell them apart, as in the US and Canada: most +1 numbers. */
    FIXED_LINE_OR_MOBILE("a fixed-line or mobile number"),
    TOLL_FREE("a toll-free number"),
    PREMIUM_RATE("a premium-rate number"),
    /** The caller pays part of the cost, at a rate above a local call's (UK 084x, France 08 1x). */
    SHARED_COST("a shared-cost number"),
    VOIP("a VoIP number"),
    /** A "follow-me" number forwarded at its owner's choice, often at a premium (UK 070, US 500). */
    PERSONAL_NUMBER("a personal number"),
    PAGER("a pager"),
    /** Universal access numbers: one number for a company's several sites, often at a premium. */
    UAN("a universal access number (UAN)"),
    /** A mailbox service's access number, not a callee. */
    VOICEMAIL("a voicemail access number");

    /**
     * The types calls may go to unless AllowedNumberTypes says otherwise: the lines that reach a person at an
     * ordinary or no charge to the caller. Premium rate, shared cost, personal numbers, UANs and pagers are
     * where toll fraud is cashed in; voicemail access numbers reach no callee.
     */
    public static final Set<NumberType> DEFAULT_ALLOWED =
            EnumSet.of(FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP);

    private final String description;

    NumberType(String description) {
        this.description = description;
    }

    /** The type in a sentence: "is a premium-rate number". */
    public String description() {
        return description;
    }

    /**
     * A comma-separated list of types by name (any case, spaces allowed), as AllowedNumberTypes gives it.
     *
     * @throws IllegalArgumentException naming what is not a type, or when the list is empty
     */
    public static Set<NumberType> parseList(String value) {
        Set<NumberType> types = EnumSet.noneOf(NumberType.class);
        for (String name : value.split(",")) {
            String trimmed = name.strip().toUpperCase(Locale.ROOT);
            try {
                types.add(NumberType.valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name.strip() + "' is not a number type; the types are "
                        + EnumSet.allOf(NumberType.class));
            }
        }
        return types;
    }
}
