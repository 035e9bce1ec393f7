package io.callscheduler.destinations;

import io.callscheduler.destinations.libphonenumber.LibPhoneNumberPlan;
import io.callscheduler.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which numbers calls may go to, with libphonenumber's plans and the default types. */
class DialableNumbersTest {
    private static final NumberPlan PLAN = new LibPhoneNumberPlan();
    private static final DialableNumbers DEFAULTS = new DialableNumbers(NumberType.DEFAULT_ALLOWED, () -> PLAN);

    private static String refusal(DialableNumbers numbers, String phoneNumber, Set<Integer> namedCodes) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> numbers.check(phoneNumber, namedCodes));
        assertThat(thrown).as(phoneNumber).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo("NUMBER_NOT_ALLOWED");
            assertThat(e.field()).isEqualTo("phoneNumber");
        });
        return thrown.getMessage();
    }

    @Test
    void ordinaryLinesMayBeCalled() {
        for (String number : new String[]{"+14155550123", "+442071838750", "+33612345678", "+4915112345678",
                "+18005550100"}) {
            assertThatCode(() -> DEFAULTS.check(number, Set.of())).as(number).doesNotThrowAnyException();
        }
    }

    @Test
    void theTypesTollFraudCashesInAreRefusedNamingTheTypeAndTheParameter() {
        assertThat(refusal(DEFAULTS, "+19005550100", Set.of())).contains("+19005550100 is a premium-rate number")
                .contains("AllowedNumberTypes").contains("add PREMIUM_RATE");
        assertThat(refusal(DEFAULTS, "+12129761234", Set.of())).contains("is a premium-rate number");
        assertThat(refusal(DEFAULTS, "+247123456", Set.of())).contains("is a universal access number (UAN)");
        assertThat(refusal(DEFAULTS, "+15005550006", Set.of())).contains("is a personal number");
        assertThat(refusal(DEFAULTS, "+33884012345", Set.of())).contains("is a shared-cost number");
        assertThat(refusal(DEFAULTS, "+447640123456", Set.of())).contains("is a pager");
        assertThat(refusal(DEFAULTS, "+49177991234567", Set.of())).contains("is a voicemail access number");
    }

    @Test
    void numbersOutsideThePlansAreRefusedSayingWhy() {
        assertThat(refusal(DEFAULTS, "+1415555", Set.of())).endsWith("+1415555 is too short for +1");
        assertThat(refusal(DEFAULTS, "+999123456789", Set.of())).contains("is not a number in any plan")
                .contains("no country calling code");
        assertThat(refusal(DEFAULTS, "+15555550100", Set.of())).contains("is not a number in any plan")
                .contains("no such range is assigned under +1");
    }

    @Test
    void internationalNetworksAreRefusedWhateverTheirTypeUnlessTheirCodeIsNamed() {
        assertThat(refusal(DEFAULTS, "+870773111632", Set.of())).as("a valid Inmarsat mobile")
                .contains("is on an international network (+870)").contains("AllowedCountryCodes");
        assertThat(refusal(DEFAULTS, "+8821234567", Set.of())).contains("international network (+882)");
        assertThat(refusal(DEFAULTS, "+8816123456", Set.of())).contains("international network (+881)");
        assertThat(refusal(DEFAULTS, "+80012345678", Set.of())).as("UIFN, toll free")
                .contains("international network (+800)");

        assertThatCode(() -> DEFAULTS.check("+870773111632", Set.of(1, 870))).doesNotThrowAnyException();
        assertThat(refusal(DEFAULTS, "+8816123456", Set.of(881))).as("named, still held to its plan")
                .contains("is too short for +881");
    }

    @Test
    void theAllowedTypesReAdmitOneAndRefuseWhatTheyLeaveOut() {
        var withPremium = EnumSet.copyOf(NumberType.DEFAULT_ALLOWED);
        withPremium.add(NumberType.PREMIUM_RATE);
        assertThatCode(() -> new DialableNumbers(withPremium, () -> PLAN).check("+19005550100", Set.of()))
                .doesNotThrowAnyException();

        var fixedOnly = new DialableNumbers(EnumSet.of(NumberType.FIXED_LINE), () -> PLAN);
        fixedOnly.check("+442071838750", Set.of());
        assertThat(refusal(fixedOnly, "+33612345678", Set.of())).contains("is a mobile number")
                .contains("calls only FIXED_LINE numbers");
        assertThat(refusal(fixedOnly, "+1415555", Set.of())).as("validity holds whatever the types").contains("too short");
    }

    @Test
    void anyReadsNothingAndNoTypesIsAConfigurationError() {
        DialableNumbers.ANY.check("+19005550100", Set.of());
        assertThatThrownBy(() -> new DialableNumbers(Set.of(), () -> PLAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AllowedNumberTypes");
    }

    @Test
    void theListIsReadByNameInAnyCaseAndAWrongNameIsNamed() {
        assertThat(NumberType.parseList(" fixed_line , MOBILE")).containsExactlyInAnyOrder(NumberType.FIXED_LINE,
                NumberType.MOBILE);
        assertThatThrownBy(() -> NumberType.parseList("MOBILE,PREMIUM")).hasMessageContaining("'PREMIUM'");
    }
}
