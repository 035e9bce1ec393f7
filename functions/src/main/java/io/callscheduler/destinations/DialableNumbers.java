package io.callscheduler.destinations;

import io.callscheduler.domain.ValidationException;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which numbers of the plan calls may go to, against toll fraud: only numbers the plan knows (valid for their
 * country: of a length it uses, in a range it has assigned), in a country rather than on an international
 * network (+800, +870, +881, +882, +883, +979, ...: satellite phones and carriers' global ranges, billed at
 * their own, often premium, rates) unless AllowedCountryCodes names the network's code, and of a type in
 * AllowedNumberTypes. Anything else is refused with 400 NUMBER_NOT_ALLOWED saying why.
 */
public final class DialableNumbers {
    public static final String CODE = "NUMBER_NOT_ALLOWED";
    /** Every number, unread: for tests and tools that do not model a deployment. */
    public static final DialableNumbers ANY = new DialableNumbers(EnumSet.allOf(NumberType.class), () -> {
        throw new IllegalStateException("no numbering plan needed");
    });

    private final Set<NumberType> allowedTypes;
    private final Supplier<NumberPlan> plan;

    /**
     * @param allowedTypes the types calls may go to (AllowedNumberTypes); at least one
     * @param plan         built on first use only (a numbering library's data)
     */
    public DialableNumbers(Set<NumberType> allowedTypes, Supplier<NumberPlan> plan) {
        if (allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("AllowedNumberTypes must name at least one type");
        }
        this.allowedTypes = Set.copyOf(allowedTypes);
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * @param namedCodes the calling codes AllowedCountryCodes names: an international network's code must be
     *                   among them for its numbers to be called
     * @throws ValidationException NUMBER_NOT_ALLOWED naming the reason
     */
    public void check(String phoneNumber, Set<Integer> namedCodes) {
        if (this == ANY) {
            return;
        }
        NumberReading number = plan.get().read(phoneNumber);
        int code = number.callingCode();
        if (number.internationalNetwork() && !namedCodes.contains(code)) {
            throw refused(phoneNumber, "is on an international network (+" + code + "), in no country; this deployment"
                    + " calls such a network only when AllowedCountryCodes names its code (" + code + ")");
        }
        if (!number.isValid()) {
            throw refused(phoneNumber, flawed(number));
        }
        if (!allowedTypes.contains(number.type())) {
            throw refused(phoneNumber, "is " + number.type().description() + "; this deployment calls only "
                    + describe(allowedTypes) + " numbers (AllowedNumberTypes: add " + number.type() + " to allow it)");
        }
    }

    private static String flawed(NumberReading number) {
        String code = number.callingCode() < 0 ? "any calling code" : "+" + number.callingCode();
        return switch (number.flaw()) {
            case NO_SUCH_CALLING_CODE -> "is not a number in any plan: it starts with no country calling code";
            case TOO_SHORT -> "is too short for " + code;
            case TOO_LONG -> "is too long for " + code;
            case NO_SUCH_LENGTH -> "is not of a length " + code + " numbers have";
            case LOCAL_ONLY -> "is too short for " + code + ": a local number, without its area code";
            case UNASSIGNED -> "is not a number in any plan: no such range is assigned under " + code;
            case NOT_CANONICAL -> "is not in E.164 form: leave out the national prefix after " + code
                    + " (such as the 1 of +1 1 or the 0 of +44 0)";
        };
    }

    private static ValidationException refused(String phoneNumber, String reason) {
        return new ValidationException("phoneNumber", CODE, "phoneNumber " + phoneNumber + " " + reason);
    }

    private static String describe(Set<NumberType> types) {
        return EnumSet.copyOf(types).stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
