package org.opensmm.provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensmm.catalog.Rate;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How our rate follows an upstream rate: no server, no database. */
class PriceRuleTest {

    @ParameterizedTest
    @CsvSource({"25, 25", "12.5, 12.5", "'12.5%', 12.5", "' 10 % ', 10", "0, 0", "999999.9999, 999999.9999"})
    void reads_a_percent(String typed, String percent) {
        assertThat(PriceRule.Markup.parse(typed).percent()).isEqualByComparingTo(percent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%", "-5", "abc", "1e2", "1.23456", "1234567", "12,5", "+5"})
    void refuses_what_is_not_a_percent(String typed) {
        assertThatThrownBy(() -> PriceRule.Markup.parse(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void refuses_a_negative_or_too_fine_markup_however_built() {
        assertThatThrownBy(() -> new PriceRule.Markup(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceRule.Markup(new BigDecimal("0.00001"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceRule.Markup.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "0.80, 25, 1.00",           // keeps the upstream's two decimals
            "1, 10, 1.10",              // at least two decimals
            "0.12345, 12.5, 0.13888",   // 0.13888125, half-up to 5 decimals
            "0.00001, 50, 0.00002",     // 0.000015: the half goes up
            "0.00001, 49.9999, 0.00001",
            "0.999, 0.0001, 0.999",     // 0.999000999
            "0.5, 0, 0.50",
            "0, 25, 0.00",
            "2.000, 50, 3.000",         // the upstream's three decimals stay
            "1.1, 33.3333, 1.46667"})   // 1.4666663
    void marks_up_the_upstream_rate_half_up_to_five_decimals(String upstream, String percent, String ours) {
        Rate rate = new PriceRule.Markup(new BigDecimal(percent)).ourRate(Rate.parse(upstream));
        assertThat(rate.toWire()).isEqualTo(ours);
    }

    @Test void a_fixed_rate_ignores_the_upstream() {
        var fixed = new PriceRule.Fixed(Rate.parse("0.90"));
        assertThat(fixed.ourRate(Rate.parse("5")).toWire()).isEqualTo("0.90");
        assertThat(fixed.describe()).isEqualTo("rate 0.90");
        assertThat(PriceRule.Markup.parse("12.5%").describe()).isEqualTo("markup 12.5%");
    }
}
