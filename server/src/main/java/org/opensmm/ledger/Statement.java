package org.opensmm.ledger;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.util.List;

/**
 * A customer's ledger as a statement to read: newest entry first, each with the balance right after it. The balance
 * after an entry is the balance now less every entry newer than it (the ledger sums to the balance, written in the same
 * transactions), so a page reads its own lines and the sum of the pages before it, never the customer's whole history.
 */
public final class Statement {
    // one statement, so the balance and the entries are of one snapshot; %s is the page's LIMIT and OFFSET
    private static final String PAGE = """
            WITH page AS (
                SELECT id, kind, amount, order_id, reason, created_at FROM ledger_entry WHERE customer_id = ? ORDER BY id DESC%s),
            newer AS (
                SELECT COALESCE(SUM(amount), 0) AS amount FROM ledger_entry WHERE customer_id = ? AND id > (SELECT MAX(id) FROM page))
            SELECT p.id, p.kind, p.amount, p.order_id, p.reason, p.created_at,
                   c.balance - n.amount - COALESCE(SUM(p.amount) OVER (ORDER BY p.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
            FROM page p CROSS JOIN newer n JOIN customer c ON c.id = ?
            ORDER BY p.id DESC""";

    public record Line(long id, Ledger.Kind kind, Money amount, Long orderId, String reason, long createdAt, Money balanceAfter) {}

    /** One page (from 1) of at most {@code size} lines, and whether another follows. */
    public record Page(List<Line> lines, int page, boolean more) {}

    private final Database db;

    public Statement(Database db) { this.db = db; }

    public Page page(long customer, int page, int size) {
        int p = Math.max(1, page);
        var lines = db.read(tx -> tx.list(PAGE.formatted(Tx.page(size + 1, (long) (p - 1) * size)), rs -> new Line(rs.getLong(1),
                Ledger.Kind.valueOf(rs.getString(2)), new Money(rs.getLong(3)), (Long) rs.getObject(4, Long.class), rs.getString(5),
                rs.getLong(6), new Money(rs.getLong(7))), customer, customer, customer));
        boolean more = lines.size() > size;
        return new Page(more ? lines.subList(0, size) : lines, p, more);
    }
}
