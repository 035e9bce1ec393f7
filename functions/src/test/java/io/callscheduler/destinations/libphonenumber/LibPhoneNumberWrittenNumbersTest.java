package io.callscheduler.destinations.libphonenumber;

import io.callscheduler.destinations.WrittenNumbers.Reading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibPhoneNumberWrittenNumbersTest {
    private static final LibPhoneNumberWrittenNumbers NUMBERS = new LibPhoneNumberWrittenNumbers();

    @Test
    void numbersAsPeopleWriteThemAreReadIntoE164() {
        assertThat(NUMBERS.read("(415) 555-0123", "US")).isEqualTo(Reading.of("+14155550123"));
        assertThat(NUMBERS.read("020 7946 0958", "gb")).isEqualTo(Reading.of("+442079460958"));
        assertThat(NUMBERS.read("00 44 20 7946 0958", "FR")).as("an international prefix").isEqualTo(Reading.of("+442079460958"));
        assertThat(NUMBERS.read("+1 415-555-0123", null)).isEqualTo(Reading.of("+14155550123"));
    }

    @Test
    void whatIsNoValidNumberSaysWhy() {
        assertThat(NUMBERS.read("415 555 0123", null).problem()).contains("without its country code");
        assertThat(NUMBERS.read("+1 555 555 0100", null).problem()).startsWith("is not a valid number of +1 (US)");
        assertThat(NUMBERS.read("call me", "US").problem()).isEqualTo("is not a phone number");
        assertThat(NUMBERS.read("+1 415 555 0123 4567 8901", "US").isRead()).isFalse();
    }

    @Test
    void regionsAreTheTwoLetterCodesThePlansKnow() {
        assertThat(NUMBERS.isRegion("US")).isTrue();
        assertThat(NUMBERS.isRegion("gb")).isTrue();
        assertThat(NUMBERS.isRegion("XX")).isFalse();
        assertThat(NUMBERS.isRegion("USA")).isFalse();
    }
}
