package org.opensmm.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensmm.ledger.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate alone: no server, no database. */
class RateTest {

    @ParameterizedTest
    @CsvSource({"0.90, 900000, 2, 0.90", "1, 1000000, 0, 1", "1.00000, 1000000, 5, 1.00000", "0.12345, 123450, 5, 0.12345",
            "' 2.5 ', 2500000, 1, 2.5", "0, 0, 0, 0"})
    void keeps_the_scale_the_operator_typed(String typed, long micros, int scale, String wire) {
        Rate rate = Rate.parse(typed);
        assertThat(rate.price().micros()).isEqualTo(micros);
        assertThat(rate.scale()).isEqualTo(scale);
        assertThat(rate.toWire()).isEqualTo(wire);
        assertThat(rate).hasToString(wire);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.123456", "1e2", "abc", ""})
    void refuses_what_money_refuses(String typed) {
        assertThatThrownBy(() -> Rate.parse(typed)).isInstanceOf(NumberFormatException.class);
    }

    @Test void refuses_a_negative_rate_or_a_scale_past_five() {
        assertThatThrownBy(() -> Rate.parse("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rate(Money.parse("1"), 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rate(Money.parse("1"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void shows_at_least_the_price_s_own_decimals_whatever_the_scale() {
        assertThat(new Rate(Money.parse("0.9"), 2).toWire()).isEqualTo("0.90");
        assertThat(new Rate(Money.parse("0.12345"), 2).toWire()).isEqualTo("0.12345");
        assertThat(new Rate(Money.parse("3"), 0).toWire()).isEqualTo("3");
    }

    @ParameterizedTest
    @CsvSource({"1.23456, 777, 0.95925", "0.90, 500, 0.45", "8, 3, 0.024", "0.90, 1000, 0.9", "0.00001, 500, 0.00001",
            "0.00001, 499, 0", "1.5, 1, 0.0015", "1.5, 0, 0", "100000, 1000000000, 100000000000"})
    void charges_per_thousand_half_up_to_five_decimals(String rate, long units, String charge) {
        assertThat(Rate.parse(rate).chargeFor(units, false).toWire()).isEqualTo(charge);
    }

    @ParameterizedTest
    @CsvSource({"2.50, 1, 2.5", "3.75, 1, 3.75", "2.50, 3, 7.5", "0.00001, 7, 0.00007"})
    void charges_per_package_exactly(String rate, long packages, String charge) {
        assertThat(Rate.parse(rate).chargeFor(packages, true).toWire()).isEqualTo(charge);
    }

    @Test void a_charge_past_the_range_of_money_throws() {
        assertThatThrownBy(() -> Rate.parse("1000000").chargeFor(Long.MAX_VALUE, true)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Rate.parse("1000000").chargeFor(Long.MAX_VALUE, false)).isInstanceOf(ArithmeticException.class);
    }
}
