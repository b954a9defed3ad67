package org.opensmm.ledger;

import org.opensmm.core.Reason;
import org.opensmm.core.Refusal;
import org.opensmm.db.Tx;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The only code that moves a balance. Each move is one guarded UPDATE of the balance plus one append-only entry,
 * inside the caller's transaction, so the balance always equals the sum of the entries.
 */
public final class Ledger {
    public enum Kind { DEPOSIT, CHARGE, REFUND, ADJUSTMENT }

    public record Entry(long id, long customerId, Kind kind, Money amount, Long orderId, String reason, long createdAt) {}

    // The WHERE clause is the overspend guard: of two racing debits only one passes when the balance covers one.
    private static final String DEBIT = "UPDATE customer SET balance = balance - ? WHERE id = ? AND balance >= ?";
    private static final String CREDIT = "UPDATE customer SET balance = balance + ? WHERE id = ?";
    private static final String APPEND = """
            INSERT INTO ledger_entry (customer_id, kind, amount, order_id, refund_of, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String ENTRIES = """
            SELECT id, customer_id, kind, amount, order_id, reason, created_at FROM ledger_entry
            WHERE customer_id = ? ORDER BY id DESC LIMIT ?""";

    private final Clock clock;

    public Ledger(Clock clock) { this.clock = clock; }

    /** Debits the price of an order; refuses with "Not enough funds on balance" and so rolls back the order. */
    public void charge(Tx tx, long customer, Money amount, long orderId) throws SQLException {
        if (amount.isZero()) return;
        // entry first, guarded debit last: the balance row stays locked only from the debit to the commit, which is
        // what every concurrent order of the same customer waits for
        append(tx, customer, Kind.CHARGE, amount.negate(), orderId, null, null);
        debit(tx, customer, amount);
    }

    // The order, its entry and the guarded debit go as one statement: one round trip instead of three,
    // and the balance row is locked only inside it. Every part of a WITH runs once, whether read or not.
    private static final String PLACE_AND_CHARGE = """
            WITH placed AS (%s RETURNING id),
                 entry AS (INSERT INTO ledger_entry (customer_id, kind, amount, order_id, created_at)
                           SELECT ?, 'CHARGE', ?, id, ? FROM placed),
                 debit AS (UPDATE customer SET balance = balance - ? WHERE id = ? AND balance >= ? RETURNING id)
            SELECT placed.id, (SELECT COUNT(*) FROM debit) FROM placed""";

    /**
     * Inserts a new order ({@code insert}: one INSERT … VALUES with {@code values}) and charges {@code amount} for it;
     * refuses with "Not enough funds on balance", rolling it all back, when the balance does not cover it.
     */
    public long placeAndCharge(Tx tx, long customer, Money amount, String insert, Object[] values) throws SQLException {
        if (amount.isZero()) {
            long id = tx.insert(insert, values);
            charge(tx, customer, amount, id);
            return id;
        }
        Object[] tail = {customer, -amount.micros(), clock.millis(), amount.micros(), customer, amount.micros()};
        Object[] args = java.util.Arrays.copyOf(values, values.length + tail.length);
        System.arraycopy(tail, 0, args, values.length, tail.length);
        long[] placed = tx.one(PLACE_AND_CHARGE.formatted(insert), rs -> new long[] {rs.getLong(1), rs.getLong(2)}, args).orElseThrow();
        if (placed[1] == 0) throw new Refusal(Reason.Fixed.NOT_ENOUGH_FUNDS);
        return placed[0];
    }

    /** Credits the unspent part of an order. A second refund of the same order violates refund_of and rolls back. */
    public void refund(Tx tx, long customer, Money amount, long orderId) throws SQLException {
        if (amount.isZero()) return;
        credit(tx, customer, amount);
        append(tx, customer, Kind.REFUND, amount, orderId, orderId, null);
    }

    public void deposit(Tx tx, long customer, Money amount, String reason) throws SQLException {
        if (amount.isNegative() || amount.isZero()) throw new IllegalArgumentException("a deposit must be positive");
        credit(tx, customer, amount);
        append(tx, customer, Kind.DEPOSIT, amount, null, null, reason);
    }

    // ON CONFLICT with the unique (payment_method, payment_ref) index: a second insert for one payment, even a concurrent
    // one, waits for the first to commit and then inserts nothing.
    private static final String APPEND_PAYMENT = """
            INSERT INTO ledger_entry (customer_id, kind, amount, reason, payment_method, payment_ref, created_at)
            VALUES (?, 'DEPOSIT', ?, ?, ?, ?, ?) ON CONFLICT (payment_method, payment_ref) DO NOTHING""";

    /**
     * Credits a payment once: one DEPOSIT entry per (method, external payment id), kept unique by the database in the
     * caller's transaction. Returns false, changing nothing, when that payment was credited already.
     */
    public boolean depositOnce(Tx tx, long customer, Money amount, String reason, String method, String paymentRef) throws SQLException {
        if (amount.isNegative() || amount.isZero()) throw new IllegalArgumentException("a deposit must be positive");
        if (method == null || paymentRef == null) throw new IllegalArgumentException("a payment needs its method and id");
        if (tx.update(APPEND_PAYMENT, customer, amount.micros(), reason, method, paymentRef, clock.millis()) == 0) return false;
        credit(tx, customer, amount);
        return true;
    }

    /** A manual correction either way; it may not take the balance below zero. */
    public void adjust(Tx tx, long customer, Money amount, String reason) throws SQLException {
        if (amount.isZero()) throw new IllegalArgumentException("an adjustment cannot be zero");
        if (amount.isNegative()) debit(tx, customer, amount.negate());
        else credit(tx, customer, amount);
        append(tx, customer, Kind.ADJUSTMENT, amount, null, null, reason);
    }

    public List<Entry> entries(Tx tx, long customer, int limit) throws SQLException {
        return tx.list(ENTRIES, rs -> new Entry(rs.getLong(1), rs.getLong(2), Kind.valueOf(rs.getString(3)),
                new Money(rs.getLong(4)), (Long) rs.getObject(5, Long.class), rs.getString(6), rs.getLong(7)), customer, limit);
    }

    public Money sum(Tx tx, long customer) throws SQLException {
        return new Money(tx.count("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE customer_id = ?", customer));
    }

    private static void debit(Tx tx, long customer, Money amount) throws SQLException {
        if (tx.update(DEBIT, amount.micros(), customer, amount.micros()) == 0) {
            throw new Refusal(Reason.Fixed.NOT_ENOUGH_FUNDS);
        }
    }

    private static void credit(Tx tx, long customer, Money amount) throws SQLException {
        if (tx.update(CREDIT, amount.micros(), customer) == 0) throw new IllegalArgumentException("no customer " + customer);
    }

    private void append(Tx tx, long customer, Kind kind, Money amount, Long orderId, Long refundOf, String reason)
            throws SQLException {
        tx.update(APPEND, customer, kind.name(), amount.micros(), orderId, refundOf, reason, clock.millis());
    }
}
