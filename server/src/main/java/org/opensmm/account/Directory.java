package org.opensmm.account;

import org.opensmm.db.Database;
import org.opensmm.ledger.Money;

import java.util.ArrayList;
import java.util.List;

/** Customers and payments as staff look them up (Admin API {@code GET /users}, {@code GET /payments}): filtered, paged. */
public final class Directory {
    /** {@code verified}: the email's link was followed; {@code lastAuth}: the last website sign-in, null for none. */
    public record User(Customer customer, Money spent, String email, boolean verified, Long lastAuth) {}

    public record Payment(long id, long customerId, String username, Money amount, String method, String memo,
                          boolean affiliateCommission, long createdAt) {}

    public record Page<T>(long count, List<T> list) {}

    // What a customer spent: charges less refunds, from the ledger.
    private static final String USERS = """
            SELECT c.id, c.name, c.balance, c.enabled, c.created_at,
                   COALESCE((SELECT -SUM(e.amount) FROM ledger_entry e WHERE e.customer_id = c.id AND e.kind IN ('CHARGE', 'REFUND')), 0),
                   c.email, c.email_verified_at IS NOT NULL, c.last_auth_at
            FROM customer c""";
    private static final String PAYMENTS = """
            SELECT p.id, p.customer_id, c.name, p.amount, p.method, p.memo, p.affiliate_commission, p.created_at
            FROM payment p JOIN customer c ON c.id = p.customer_id""";

    private final Database db;

    public Directory(Database db) { this.db = db; }

    /** Exact, case-insensitive matches, AND-ed; a customer without an email matches no email filter. */
    public Page<User> users(String username, String email, int offset, int limit) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (username != null) { where.append(" AND lower(c.name) = lower(?)"); args.add(username.strip()); }
        if (email != null) { where.append(" AND lower(c.email) = lower(?)"); args.add(email.strip()); }
        return db.read(tx -> {
            long count = tx.count("SELECT COUNT(*) FROM customer c" + where, args.toArray());
            var page = new ArrayList<>(args);
            page.add(limit);
            page.add(offset);
            return new Page<>(count, tx.list(USERS + where + " ORDER BY c.id LIMIT ? OFFSET ?",
                    Directory::user, page.toArray()));
        });
    }

    /** One customer as {@link #users} gives them. */
    public java.util.Optional<User> user(long id) {
        return db.read(tx -> tx.one(USERS + " WHERE c.id = ?", Directory::user, id));
    }

    private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(Accounts.customer(rs), new Money(Math.max(0, rs.getLong(6))), rs.getString(7), rs.getBoolean(8), rs.getObject(9, Long.class));
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
