package io.callscheduler.destinations;

import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The destination guard with libphonenumber's own list of calling codes. */
class DestinationGuardTest {
    private static final LibPhoneNumberCallingCodes CODES = new LibPhoneNumberCallingCodes();

    @Test
    void aNumbersCallingCodeIsTheOneItStartsWithHoweverLong() {
        assertThat(CODES.of("+14155550100")).isEqualTo(1);
        assertThat(CODES.of("+12685550100")).as("Antigua is +1 268, not a code of its own").isEqualTo(1);
        assertThat(CODES.of("+74951234567")).isEqualTo(7);
        assertThat(CODES.of("+442071234567")).isEqualTo(44);
        assertThat(CODES.of("+358912345678")).isEqualTo(358);
        assertThat(CODES.of("+2891234567")).as("28x are spare codes").isEqualTo(-1);
    }

    @Test
    void onlyTheAllowedCallingCodesMayBeCalledAndTheErrorNamesTheRule() {
        var guard = new DestinationGuard(Set.of(1, 44), 10, () -> CODES);

        guard.check("+14155550100");
        guard.check("+442071838750");
        assertThatThrownBy(() -> guard.check("+33612345678")).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("phoneNumber");
            assertThat(e.code()).isEqualTo("COUNTRY_NOT_ALLOWED");
            assertThat(e.getMessage()).contains("+33").contains("only +1, +44").contains("AllowedCountryCodes");
        });
        // Premium-rate and satellite ranges outside the allowed codes are refused like any other.
        assertThatThrownBy(() -> guard.check("+8816123456")).hasMessageContaining("+881");
    }

    @Test
    void anythingGoesWhenNoCodesAreGivenAndACodeThatIsNoneIsAConfigurationError() {
        DestinationGuard.OPEN.check("+33612345678");
        new DestinationGuard(Set.of(), 10, () -> {
            throw new AssertionError("the codes are not loaded when every country is allowed");
        }).check("+8816123456");

        assertThatThrownBy(() -> new DestinationGuard(Set.of(1, 4), 10, () -> CODES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4]");
    }

    @Test
    void theQuotaIsPerNumberAndUtcDayAndAbsentWhenUncapped() {
        Instant now = Instant.now();
        var guard = new DestinationGuard(Set.of(), 3, () -> CODES);

        assertThat(guard.quotaFor("+14155550100", now))
                .isEqualTo(new NumberQuota("+14155550100", now.atZone(ZoneOffset.UTC).toLocalDate(), 3));
        assertThat(new DestinationGuard(Set.of(), 0, () -> CODES).quotaFor("+14155550100", now)).isNull();
    }
}
