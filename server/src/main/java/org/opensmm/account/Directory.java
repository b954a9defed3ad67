package org.opensmm.account;

import org.opensmm.db.Database;
import org.opensmm.ledger.Money;

import java.util.ArrayList;
import java.util.List;

/** Customers and payments as staff look them up (Admin API {@code GET /users}, {@code GET /payments}): filtered, paged. */
public final class Directory {
    public record User(Customer customer, Money spent) {}

    public record Payment(long id, long customerId, String username, Money amount, String method, String memo,
                          boolean affiliateCommission, long createdAt) {}

    public record Page<T>(long count, List<T> list) {}

    // What a customer spent: charges less refunds, from the ledger.
    private static final String USERS = """
            SELECT c.id, c.name, c.balance, c.enabled, c.created_at,
                   COALESCE((SELECT -SUM(e.amount) FROM ledger_entry e WHERE e.customer_id = c.id AND e.kind IN ('CHARGE', 'REFUND')), 0)
            FROM customer c""";
    private static final String PAYMENTS = """
            SELECT p.id, p.customer_id, c.name, p.amount, p.method, p.memo, p.affiliate_commission, p.created_at
            FROM payment p JOIN customer c ON c.id = p.customer_id""";

    private final Database db;

    public Directory(Database db) { this.db = db; }

    /**
     * Exact, case-insensitive matches, AND-ed. Customers have no email yet (the website adds it): an email filter
     * matches no one, so a lookup by email finds nobody rather than somebody else.
     */
    public Page<User> users(String username, String email, int offset, int limit) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (username != null) { where.append(" AND lower(c.name) = lower(?)"); args.add(username.strip()); }
        if (email != null) where.append(" AND FALSE");
        return db.read(tx -> {
            long count = tx.count("SELECT COUNT(*) FROM customer c" + where, args.toArray());
            var page = new ArrayList<>(args);
            page.add(limit);
            page.add(offset);
            return new Page<>(count, tx.list(USERS + where + " ORDER BY c.id LIMIT ? OFFSET ?",
                    rs -> new User(Accounts.customer(rs), new Money(Math.max(0, rs.getLong(6)))), page.toArray()));
        });
    }

    public Page<Payment> payments(String username, Long fromMillis, Long toMillis, boolean ascending, int offset, int limit) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (username != null) { where.append(" AND lower(c.name) = lower(?)"); args.add(username.strip()); }
        if (fromMillis != null) { where.append(" AND p.created_at >= ?"); args.add(fromMillis); }
        if (toMillis != null) { where.append(" AND p.created_at <= ?"); args.add(toMillis); }
        String dir = ascending ? "ASC" : "DESC";
        return db.read(tx -> {
            long count = tx.count("SELECT COUNT(*) FROM payment p JOIN customer c ON c.id = p.customer_id" + where, args.toArray());
            var page = new ArrayList<>(args);
            page.add(limit);
            page.add(offset);
            return new Page<>(count, tx.list(PAYMENTS + where + " ORDER BY p.id " + dir + " LIMIT ? OFFSET ?",
                    rs -> new Payment(rs.getLong(1), rs.getLong(2), rs.getString(3), new Money(rs.getLong(4)), rs.getString(5),
                            rs.getString(6), rs.getBoolean(7), rs.getLong(8)), page.toArray()));
        });
    }
}
