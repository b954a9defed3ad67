package org.opensmm.catalog;

import org.opensmm.ledger.Money;

import java.math.BigDecimal;

/** A price per 1000 units (or per package), kept at the scale the operator typed so "0.90" stays "0.90". */
public record Rate(Money price, int scale) {
    public Rate {
        if (price.isNegative()) throw new IllegalArgumentException("a rate cannot be negative");
        if (scale < 0 || scale > 5) throw new IllegalArgumentException("a rate has at most 5 decimals");
    }

    public static Rate parse(String text) {
        Money price = Money.parse(text);
        return new Rate(price, Math.max(0, new BigDecimal(text.strip()).scale()));
    }

    /** rate × units / 1000, half-up to 5 decimals; per package: rate × packages. The one place charges are rounded. */
    public Money chargeFor(long units, boolean perPackage) {
        return perPackage ? new Money(Math.multiplyExact(price.micros(), units)) : price.share(units, 1000);
    }

    public String toWire() {
        return BigDecimal.valueOf(price.micros(), 6).setScale(Math.max(scale, price.toDecimal().scale())).toPlainString();
    }

    @Override public String toString() { return toWire(); }
}
