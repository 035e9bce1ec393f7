package io.callscheduler.destinations.libphonenumber;

import io.callscheduler.destinations.NumberReading;
import io.callscheduler.destinations.NumberReading.Flaw;
import io.callscheduler.destinations.NumberType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** libphonenumber's plans read into our own terms: a type for a valid number, a flaw for any other. */
class LibPhoneNumberPlanTest {
    private static final LibPhoneNumberPlan PLAN = new LibPhoneNumberPlan();

    @Test
    void validNumbersHaveTheirType() {
        assertThat(PLAN.read("+14155550123")).isEqualTo(NumberReading.valid(1, false, NumberType.FIXED_LINE_OR_MOBILE));
        assertThat(PLAN.read("+442071838750")).isEqualTo(NumberReading.valid(44, false, NumberType.FIXED_LINE));
        assertThat(PLAN.read("+33612345678")).isEqualTo(NumberReading.valid(33, false, NumberType.MOBILE));
        assertThat(PLAN.read("+18005550100")).isEqualTo(NumberReading.valid(1, false, NumberType.TOLL_FREE));
        assertThat(PLAN.read("+19005550100")).isEqualTo(NumberReading.valid(1, false, NumberType.PREMIUM_RATE));
        assertThat(PLAN.read("+247123456").type()).as("Ascension").isEqualTo(NumberType.UAN);
        assertThat(PLAN.read("+870773111632")).as("Inmarsat")
                .isEqualTo(NumberReading.valid(870, true, NumberType.MOBILE));
    }

    @Test
    void theNanps976ExchangeIsPremiumRateThoughTheLibraryReadsAnOrdinaryLine() {
        assertThat(PLAN.read("+12129761234").type()).isEqualTo(NumberType.PREMIUM_RATE);
        assertThat(PLAN.read("+12129751234").type()).isEqualTo(NumberType.FIXED_LINE_OR_MOBILE);
        assertThat(PLAN.read("+19761234567").isValid()).as("976 as an area code is none").isFalse();
    }

    @Test
    void invalidNumbersSayWhy() {
        assertThat(PLAN.read("+1415555")).isEqualTo(NumberReading.invalid(1, false, Flaw.TOO_SHORT));
        assertThat(PLAN.read("+999123456789")).isEqualTo(NumberReading.invalid(-1, false, Flaw.NO_SUCH_CALLING_CODE));
        assertThat(PLAN.read("+15555550100")).as("555 is no US area code")
                .isEqualTo(NumberReading.invalid(1, false, Flaw.UNASSIGNED));
        assertThat(PLAN.read("+8821234567")).isEqualTo(NumberReading.invalid(882, true, Flaw.UNASSIGNED));
        assertThat(PLAN.read("+8816123456")).isEqualTo(NumberReading.invalid(881, true, Flaw.TOO_SHORT));
        assertThat(PLAN.read("+4420718387501234").flaw()).isEqualTo(Flaw.TOO_LONG);
    }
}
