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
        if (amount.isNegative() || amount.isZero()) throw new Refused("a deposit must be positive; to take money back use: opensmm funds adjust");
        return db.inTransaction(tx -> {
            locked(tx, customer);
            ledger.deposit(tx, customer, amount, why);
            return new Moved(Accounts.find(tx, customer).orElseThrow(), amount, why);
        });
    }

    /** Corrects a balance either way; never below zero. */
    public Moved adjust(Actor who, long customer, Money amount, String reason) {
        String why = reason(reason);
        if (amount.isZero()) throw new Refused("an adjustment cannot be zero");
        return db.inTransaction(tx -> {
            // the row lock makes the balance read here the one the debit sees: the panel may be charging meanwhile
            Customer c = locked(tx, customer);
            if (c.balance().plus(amount).isNegative()) {
                throw new Refused("an adjustment of " + amount + " would take customer " + c.id() + " '" + c.name()
                        + "' below zero (balance " + c.balance() + "); nothing changed");
            }
            ledger.adjust(tx, customer, amount, why);
            return new Moved(Accounts.find(tx, customer).orElseThrow(), amount, why);
        });
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) throw new Refused("a reason is 1 to " + MAX_REASON + " characters");
        return why;
    }

    private static Customer locked(Tx tx, long customer) throws SQLException {
        return tx.one(LOCK, Accounts::customer, customer).orElseThrow(() -> new Refused("no customer " + customer));
    }
}
