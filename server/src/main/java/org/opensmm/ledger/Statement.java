package org.opensmm.ledger;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.util.List;

/**
 * A customer's ledger as a statement to read: newest entry first, each with the balance right after it (the running
 * sum of every entry up to it, so the first line always shows the balance now).
 */
public final class Statement {
    private static final String PAGE = """
            SELECT id, kind, amount, order_id, reason, created_at, after FROM (
                SELECT id, kind, amount, order_id, reason, created_at, SUM(amount) OVER (ORDER BY id) AS after
                FROM ledger_entry WHERE customer_id = ?) e
            ORDER BY id DESC""";

    public record Line(long id, Ledger.Kind kind, Money amount, Long orderId, String reason, long createdAt, Money balanceAfter) {}

    /** One page (from 1) of at most {@code size} lines, and whether another follows. */
    public record Page(List<Line> lines, int page, boolean more) {}

    private final Database db;

    public Statement(Database db) { this.db = db; }

    public Page page(long customer, int page, int size) {
        int p = Math.max(1, page);
        var lines = db.read(tx -> tx.list(PAGE + Tx.page(size + 1, (long) (p - 1) * size), rs -> new Line(rs.getLong(1), Ledger.Kind.valueOf(rs.getString(2)), new Money(rs.getLong(3)),
                (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getLong(6), new Money(rs.getLong(7))),
                customer));
        boolean more = lines.size() > size;
        return new Page(more ? lines.subList(0, size) : lines, p, more);
    }
}
