package io.callscheduler.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a search typed by a person becomes: a number's E.164 digits, a name folded, or no search at all. */
class SearchTermTest {

    @Test
    void aNumberAsTypedBecomesItsDigitsAndANameIsFolded() {
        assertThat(CallRules.searchTerm("+44 (0)20 7183-8750")).isEqualTo("+442071838750");
        assertThat(CallRules.searchTerm("(415) 555-0123")).isEqualTo("4155550123");
        assertThat(CallRules.searchTerm("Müller")).isEqualTo("muller");
    }

    @Test
    void whatHoldsNoDigitToSearchForIsNoSearch() {
        // Typed on the way to "(0)20 ...": an empty term would match every call and spend the filtered read budget.
        assertThat(CallRules.searchTerm("(0)")).isNull();
        assertThat(CallRules.searchTerm("+(0)")).isNull();
        assertThat(CallRules.searchTerm("   ")).isNull();
    }
}
