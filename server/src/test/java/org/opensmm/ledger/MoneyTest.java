package org.opensmm.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money alone: no server, no database. */
class MoneyTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "8, 8000000", "0.9, 900000", "0.90, 900000", "100.84292, 100842920", "0.00001, 10",
            "-0.5, -500000", "' 1.5 ', 1500000", "9223372036854.77580, 9223372036854775800"})
    void parses_plain_decimals_of_at_most_five_places_exactly(String wire, long micros) {
        assertThat(Money.parse(wire).micros()).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1e3", "1E-2", "+1", "1.", ".5", "1,5", "1 000", "0x10", "NaN", "Infinity", "--1",
            "0.000001", "1.123456", "1234567890123456789"})
    void refuses_what_is_not_a_plain_decimal_of_at_most_five_places(String wire) {
        assertThatThrownBy(() -> Money.parse(wire)).isInstanceOf(NumberFormatException.class);
    }

    @Test void refuses_null() {
        assertThatThrownBy(() -> Money.parse(null)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854.77581", "999999999999999999", "-9223372036854.77581"})
    void refuses_amounts_past_the_range_of_micros(String wire) {
        assertThatThrownBy(() -> Money.parse(wire)).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource({"100842920, 100.84292", "900000, 0.9", "8000000, 8", "0, 0", "10, 0.00001", "-500000, -0.5",
            "123000000000, 123000"})
    void shows_the_wire_form_without_trailing_zeros_or_exponent(long micros, String wire) {
        assertThat(new Money(micros).toWire()).isEqualTo(wire);
        assertThat(new Money(micros)).hasToString(wire);
    }

    @ParameterizedTest
    @CsvSource({"0.000005, 0.00001", "0.0000049999, 0", "0.000015, 0.00002", "1.234565, 1.23457", "1.2345649, 1.23456",
            "-0.000005, -0.00001", "-1.234565, -1.23457", "2.5, 2.5", "0, 0"})
    void rounds_half_up_to_five_decimals(String exact, String wire) {
        assertThat(Money.of(new BigDecimal(exact)).toWire()).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"1, 3, 0.33333", "2, 3, 0.66667", "0.00001, 2, 0.00001", "0.00001, 3, 0", "-2, 3, -0.66667",
            "959.25312, 1000, 0.95925"})
    void rounds_a_quotient_once_from_its_exact_value(String dividend, long divisor, String wire) {
        assertThat(Money.quotient(new BigDecimal(dividend), BigDecimal.valueOf(divisor)).toWire()).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"1234560, 777, 1000, 0.95925", "10, 500, 1000, 0.00001", "10, 499, 1000, 0", "900000, 500, 1000, 0.45",
            "1000000, 1, 3, 0.33333", "-1000000, 1, 3, -0.33333", "0, 5, 7, 0"})
    void shares_round_half_up_to_five_decimals(long micros, long part, long whole, String wire) {
        assertThat(new Money(micros).share(part, whole).toWire()).isEqualTo(wire);
    }

    @Test void a_share_is_the_exact_product_rounded_once_to_tens_of_micros() {
        var random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long micros = random.nextLong(-1_000_000_000L, 1_000_000_000L);
            long part = random.nextLong(0, 1_000_000);
            long whole = random.nextLong(1, 1_000_000);
            long tens = BigDecimal.valueOf(micros).multiply(BigDecimal.valueOf(part))
                    .divide(BigDecimal.valueOf(whole * 10), 0, RoundingMode.HALF_UP).longValueExact();
            assertThat(new Money(micros).share(part, whole).micros()).as("%d × %d / %d", micros, part, whole).isEqualTo(tens * 10);
        }
    }

    @Test void a_share_of_nothing_is_refused() {
        assertThatThrownBy(() -> new Money(1).share(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(1).share(1, -1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void overflow_throws_instead_of_wrapping() {
        var max = new Money(Long.MAX_VALUE);
        assertThatThrownBy(() -> max.plus(new Money(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new Money(Long.MIN_VALUE).minus(new Money(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new Money(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.share(2, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e14"))).isInstanceOf(ArithmeticException.class);
    }

    @Test void adds_subtracts_and_compares_exactly() {
        assertThat(Money.parse("0.1").plus(Money.parse("0.2"))).isEqualTo(Money.parse("0.3"));
        assertThat(Money.parse("1").minus(Money.parse("1.5")).isNegative()).isTrue();
        assertThat(Money.parse("0.00").isZero()).isTrue();
        assertThat(Money.parse("0.90")).isEqualTo(Money.parse("0.9")).isEqualByComparingTo(Money.parse("0.900"));
        assertThat(Money.parse("2").compareTo(Money.parse("10"))).isNegative();
        assertThat(Money.parse("0.90").toDecimal()).isEqualTo(new BigDecimal("0.9"));
    }

    @Test void binds_to_sql_as_micros() {
        assertThat(Money.parse("1.5").sqlValue()).isEqualTo(1_500_000L);
    }

    @Test void the_wire_text_is_the_stripped_plain_decimal_for_every_kind_of_amount() {
        var random = new java.util.Random(42);
        long[] edges = {0, 1, -1, 10, 999_999, 1_000_000, -1_000_000, 10_000_000, 1_500_000, -500_000, -1_000_001,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        var all = new java.util.ArrayList<Long>();
        for (long e : edges) all.add(e);
        for (int i = 0; i < 20_000; i++) {
            long m = random.nextLong();
            all.add(m >> random.nextInt(64)); // small and large, both signs
        }
        for (long micros : all) {
            assertThat(new Money(micros).toWire()).as("%d micros", micros)
                    .isEqualTo(BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString());
        }
    }
}
