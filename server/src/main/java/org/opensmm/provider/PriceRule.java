package org.opensmm.provider;

import org.opensmm.catalog.Rate;
import org.opensmm.ledger.Money;

import java.math.BigDecimal;

/** How the rate of one of our services relates to its upstream service's rate. */
public sealed interface PriceRule {

    /** Our rate for an upstream rate; a fixed rate ignores it. */
    Rate ourRate(Rate upstream);

    /** What the operator sees and the database keeps. */
    String describe();

    /** Our rate stays what the operator set, whatever upstream charges. */
    record Fixed(Rate rate) implements PriceRule {
        public Rate ourRate(Rate upstream) { return rate; }

        public String describe() { return "rate " + rate.toWire(); }
    }

    /** Our rate is upstream's plus {@code percent}, rounded half-up to 5 decimals, and follows upstream's changes. */
    record Markup(BigDecimal percent) implements PriceRule {
        public Markup {
            if (percent.signum() < 0) throw new IllegalArgumentException("a markup cannot be negative: " + percent.toPlainString());
            if (percent.scale() > 4) throw new IllegalArgumentException("a markup has at most 4 decimals: " + percent.toPlainString());
        }

        public static Markup parse(String text) {
            String t = text == null ? "" : text.strip();
            if (t.endsWith("%")) t = t.substring(0, t.length() - 1).strip();
            if (!t.matches("\\d{1,6}(\\.\\d{1,4})?")) {
                throw new IllegalArgumentException("bad markup '" + text + "': give a percent like 25 or 12.5");
            }
            return new Markup(new BigDecimal(t));
        }

        public Rate ourRate(Rate upstream) {
            Money price = Money.quotient(upstream.price().toDecimal().multiply(BigDecimal.valueOf(100).add(percent)),
                    BigDecimal.valueOf(100));
            // keep at least the upstream's own scale (and two decimals) so "0.80" marked up reads "1.00", not "1"
            int scale = Math.min(5, Math.max(Math.max(2, upstream.scale()), Math.max(0, price.toDecimal().scale())));
            return new Rate(price, scale);
        }

        public String describe() { return "markup " + percent.toPlainString() + "%"; }
    }
}
