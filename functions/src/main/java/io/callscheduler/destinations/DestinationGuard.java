package io.callscheduler.destinations;

import io.callscheduler.domain.ValidationException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where calls may go, against toll fraud (an open dialer pointed at premium-rate numbers): only to the country
 * calling codes of AllowedCountryCodes (all when empty), only to the numbers {@link DialableNumbers} admits
 * (valid, in a country, of a type in AllowedNumberTypes); and against harassment, at most MaxCallsPerNumberPerDay
 * dial attempts to one number a UTC day, redials included (no cap when 0).
 */
public final class DestinationGuard {
    /** Any country, no cap. */
    public static final DestinationGuard OPEN = new DestinationGuard(Set.of(), 0, () -> {
        throw new IllegalStateException("no calling codes needed");
    });

    private final Set<Integer> allowedCodes;
    private final int maxCallsPerNumberPerDay;
    private final Supplier<CallingCodes> codes;
    private final DialableNumbers numbers;

    /**
     * @param allowedCodes the calling codes calls may go to; empty for all
     * @param codes        built on first use only (a numbering library's data)
     * @throws IllegalArgumentException when an allowed code is not a calling code (a "4" would also let +44 and
     *                                  +49 through, were codes matched as prefixes)
     */
    public DestinationGuard(Set<Integer> allowedCodes, int maxCallsPerNumberPerDay, Supplier<CallingCodes> codes) {
        this(allowedCodes, maxCallsPerNumberPerDay, codes, DialableNumbers.ANY);
    }

    /** As above, and calls go only to the numbers {@code numbers} admits. */
    public DestinationGuard(Set<Integer> allowedCodes, int maxCallsPerNumberPerDay, Supplier<CallingCodes> codes,
                            DialableNumbers numbers) {
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.allowedCodes = Set.copyOf(allowedCodes);
        this.maxCallsPerNumberPerDay = maxCallsPerNumberPerDay;
        this.codes = Objects.requireNonNull(codes, "codes");
        if (maxCallsPerNumberPerDay < 0) {
            throw new IllegalArgumentException("MaxCallsPerNumberPerDay must not be negative");
        }
        if (!this.allowedCodes.isEmpty()) {
            Set<Integer> unknown = new TreeSet<>(this.allowedCodes);
            unknown.removeAll(codes.get().all());
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("AllowedCountryCodes holds " + unknown + ", which "
                        + (unknown.size() == 1 ? "is not a country calling code" : "are not country calling codes")
                        + " (such as 1 or 44)");
            }
        }
    }

    /**
     * @throws ValidationException COUNTRY_NOT_ALLOWED when the number's calling code is not allowed;
     *                             NUMBER_NOT_ALLOWED when the number is not one calls may go to
     */
    public void check(String phoneNumber) {
        if (!allowedCodes.isEmpty()) {
            checkCountry(phoneNumber);
        }
        numbers.check(phoneNumber, allowedCodes);
    }

    private void checkCountry(String phoneNumber) {
        int code = codes.get().of(phoneNumber);
        if (!allowedCodes.contains(code)) {
            throw new ValidationException("phoneNumber", "COUNTRY_NOT_ALLOWED", "phoneNumber " + phoneNumber
                    + (code < 0 ? " has no known country calling code" : " is in country calling code +" + code)
                    + "; this deployment calls only " + describeAllowed() + " (AllowedCountryCodes)");
        }
    }

    /** The cap on dial attempts to this number on the UTC day of {@code at}, or null for no cap. */
    public NumberQuota quotaFor(String phoneNumber, Instant at) {
        return maxCallsPerNumberPerDay == 0 ? null
                : new NumberQuota(phoneNumber, at.atZone(ZoneOffset.UTC).toLocalDate(), maxCallsPerNumberPerDay);
    }

    private String describeAllowed() {
        return new TreeSet<>(allowedCodes).stream().map(c -> "+" + c).collect(Collectors.joining(", "));
    }
}
