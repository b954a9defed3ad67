package org.opensmm.payment;

import org.opensmm.ledger.Money;

import java.math.BigDecimal;

/**
 * The operator's settings for one method: shown to customers when enabled, with the amounts it takes, the bonus
 * credited on top (percent of the amount) and the fee passed on to the customer (percent added to what they pay).
 */
public record MethodSettings(String code, boolean enabled, String displayName, String instructions, Money min, Money max,
                             BigDecimal bonusPercent, BigDecimal feePercent) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What the balance gets for {@code amount}: the amount plus the bonus, rounded once (Money.quotient). */
    public Money credit(Money amount) {
        return amount.plus(Money.quotient(amount.toDecimal().multiply(bonusPercent), HUNDRED));
    }

    /** What the customer pays for {@code amount}: the amount plus the fee. */
    public Money charge(Money amount) {
        return amount.plus(Money.quotient(amount.toDecimal().multiply(feePercent), HUNDRED));
    }
}
