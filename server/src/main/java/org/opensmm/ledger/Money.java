package org.opensmm.ledger;

import org.opensmm.db.SqlValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount in millionths (micros) of the panel currency. The wire shows at most 5 decimals, so every amount
 * computed rather than given is rounded half-up to 5 decimals, in {@link #quotient} only.
 */
public record Money(long micros) implements Comparable<Money>, SqlValue {
    public static final Money ZERO = new Money(0);
    private static final int WIRE_DECIMALS = 5;

    /** Parses an operator- or wire-given amount; more than 5 decimals, exponents or junk are refused. */
    public static Money parse(String text) {
        BigDecimal d = decimal(text);
        if (d.scale() > WIRE_DECIMALS) throw new NumberFormatException("more than 5 decimals: " + text);
        return new Money(d.movePointRight(6).longValueExact());
    }

    /** A plain decimal (no exponent, no sign other than a leading '-', at most 18 integer digits). */
    static BigDecimal decimal(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("-?\\d{1,18}(\\.\\d{1,18})?")) throw new NumberFormatException("not a plain decimal: " + text);
        return new BigDecimal(t);
    }

    /** An amount in the currency, rounded half-up to 5 decimals. */
    public static Money of(BigDecimal d) { return quotient(d, BigDecimal.ONE); }

    /**
     * {@code dividend / divisor} in the currency, rounded half-up to 5 decimals in one step from the exact quotient:
     * the one place money is rounded. Past the range of micros it throws ArithmeticException.
     */
    public static Money quotient(BigDecimal dividend, BigDecimal divisor) {
        return new Money(dividend.divide(divisor, WIRE_DECIMALS, RoundingMode.HALF_UP).movePointRight(6).longValueExact());
    }

    public Money plus(Money o) { return new Money(Math.addExact(micros, o.micros)); }
    public Money minus(Money o) { return new Money(Math.subtractExact(micros, o.micros)); }
    public Money negate() { return new Money(Math.negateExact(micros)); }
    public boolean isNegative() { return micros < 0; }
    public boolean isZero() { return micros == 0; }

    /** This amount × part / whole, rounded half-up to 5 decimals (see {@link #quotient}). */
    public Money share(long part, long whole) {
        if (whole <= 0) throw new IllegalArgumentException("whole must be positive");
        return quotient(BigDecimal.valueOf(micros, 6).multiply(BigDecimal.valueOf(part)), BigDecimal.valueOf(whole));
    }

    /** "100.84292", "0.9", "8", "0": what PROTOCOL.md shows. */
    public String toWire() { // the same text as BigDecimal's stripped plain string, without one: every row and reply shows amounts
        long whole = micros / 1_000_000;
        long fraction = Math.abs(micros % 1_000_000);
        String sign = micros < 0 && whole == 0 ? "-" : "";
        if (fraction == 0) return sign + whole;
        String digits = Long.toString(fraction + 1_000_000).substring(1); // six digits, leading zeros kept
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') end--;
        return sign + whole + "." + digits.substring(0, end);
    }

    public BigDecimal toDecimal() { return BigDecimal.valueOf(micros, 6).stripTrailingZeros(); }

    /** Stored as micros (BIGINT). */
    @Override public Object sqlValue() { return micros; }

    @Override public int compareTo(Money o) { return Long.compare(micros, o.micros); }
    @Override public String toString() { return toWire(); }
}
