package org.opensmm.account;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;

import java.sql.SQLException;

/**
 * Money a person moves by hand: a deposit the customer paid, or a correction either way. Each move is one ledger
 * entry that keeps the reason given. (Here rather than in {@code ledger}: it reads customers, and the ledger stays
 * the innermost package that every feature may use.)
 */
public final class Funds {
    private static final int MAX_REASON = 500; // ledger_entry.reason
    private static final String LOCK = "SELECT id, name, balance, enabled, created_at FROM customer WHERE id = ? FOR UPDATE";

    private final Database db;
    private final Ledger ledger;

    public Funds(Database db, Ledger ledger) {
        this.db = db;
        this.ledger = ledger;
    }

    /** What a move did: the customer with the balance it left, and the amount and reason as kept in the ledger. */
    public record Moved(Customer customer, Money amount, String reason) {}

    /** Adds money the customer paid: a positive amount. */
    public Moved deposit(Actor who, long customer, Money amount, String reason) {
        String why = reason(reason);
        if (amount.isNegative() || amount.isZero()) throw new Refused("a deposit must be positive; to take money back use: opensmm funds adjust", "refused.funds_positive");
        return db.inTransaction(tx -> deposit(tx, who, customer, amount, why));
    }

    private Moved deposit(Tx tx, Actor who, long customer, Money amount, String why) throws SQLException {
        Customer before = locked(tx, customer);
        ledger.deposit(tx, customer, amount, why);
        Moved moved = new Moved(Accounts.find(tx, customer).orElseThrow(), amount, why);
        Audit.record(tx, who, "funds.deposit", "customer", customer, before, moved);
        return moved;
    }

    /** A payment recorded (Admin API {@code payments/add}): one deposit entry and one payment row, with the payment's id. */
    public record Paid(long paymentId, Moved moved, String method, String memo, boolean affiliateCommission) {}

    private static final String PAYMENT = """
            INSERT INTO payment (customer_id, amount, method, memo, affiliate_commission, actor, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /**
     * Credits a payment made outside the panel. Every call credits once: a caller's payment id is no idempotency key
     * (ADMIN-API.md, payments/add), so two calls are two deposits.
     */
    public Paid pay(Actor who, long customer, Money amount, String method, String memo, boolean affiliateCommission) {
        if (amount.isNegative() || amount.isZero()) throw new Refused("a payment must be positive");
        String how = method == null || method.isBlank() ? "Admin API" : method.strip();
        String note = memo == null ? "" : memo.strip();
        if (how.length() > 200 || note.length() > MAX_REASON) throw new Refused("a method is at most 200 characters and a memo " + MAX_REASON);
        String why = "payment: " + how + (note.isEmpty() ? "" : " - " + note);
        String reason = why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why;
        return db.inTransaction(tx -> {
            Moved moved = deposit(tx, who, customer, amount, reason);
            long id = tx.insert(PAYMENT, customer, amount.micros(), how, note, affiliateCommission, who.describe(), System.currentTimeMillis());
            return new Paid(id, moved, how, note, affiliateCommission);
        });
    }

    /** Corrects a balance either way; never below zero. */
    public Moved adjust(Actor who, long customer, Money amount, String reason) {
        String why = reason(reason);
        if (amount.isZero()) throw new Refused("an adjustment cannot be zero", "refused.funds_positive");
        return db.inTransaction(tx -> {
            // the row lock makes the balance read here the one the debit sees: the panel may be charging meanwhile
            Customer c = locked(tx, customer);
            if (c.balance().plus(amount).isNegative()) {
                throw new Refused("an adjustment of " + amount + " would take customer " + c.id() + " '" + c.name()
                        + "' below zero (balance " + c.balance() + "); nothing changed", "refused.funds_below_zero");
            }
            ledger.adjust(tx, customer, amount, why);
            Moved moved = new Moved(Accounts.find(tx, customer).orElseThrow(), amount, why);
            Audit.record(tx, who, "funds.adjust", "customer", customer, c, moved);
            return moved;
        });
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) throw new Refused("a reason is 1 to " + MAX_REASON + " characters", "refused.funds_reason");
        return why;
    }

    private static Customer locked(Tx tx, long customer) throws SQLException {
        return tx.one(LOCK, Accounts::customer, customer).orElseThrow(() -> new Refused("no customer " + customer));
    }
}
