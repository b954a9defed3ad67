package org.opensmm.order;

import org.opensmm.catalog.ServiceType;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.util.List;
import java.util.Map;

/**
 * A customer's orders that deliver over time, as lists to follow: subscriptions (posts delivered so far, expiry, what
 * the posts cost) and drip-feed orders (runs done of all runs). Runs and posts are the child orders of their parent.
 */
public final class Recurring {
    // the cancel condition is OrderService.cancel's, as OrderList reads it
    private static final String SELECT = """
            SELECT o.id, o.service_id, s.name, o.link, o.quantity, o.runs, o.run_interval, o.fields, o.charge - o.refunded,
                   o.status, o.created_at,
                   (SELECT COUNT(*) FROM orders c WHERE c.parent_id = o.id),
                   (SELECT COALESCE(SUM(c.charge - c.refunded), 0) FROM orders c WHERE c.parent_id = o.id),
                   s.cancel AND\s""" + Status.UNFINISHED + """
                       AND (o.cancel_state IS NULL OR o.cancel_state = ?)
            FROM orders o JOIN service s ON s.id = o.service_id
            WHERE o.customer_id = ? AND o.parent_id IS NULL AND %s
            ORDER BY o.id DESC""";

    /**
     * One subscription or drip-feed order: {@code done} is posts delivered or runs done; {@code total} the runs
     * (null for a subscription); {@code charge} includes what its posts cost so far.
     */
    public record Row(long id, long serviceId, String service, String link, long quantity, Integer runs, Integer interval,
                      Map<String, String> fields, Money charge, Status status, long createdAt, long done, boolean canCancel) {
        public String field(String name) { return fields.getOrDefault(name, ""); }

        /** Runs done: one child per run we deliver; a drip-feed its provider runs has none, and is done when completed. */
        public long runsDone() { return done == 0 && status == Status.COMPLETED && runs != null ? runs : done; }
    }

    public record Page(List<Row> rows, int page, boolean more) {}

    private final Database db;

    public Recurring(Database db) { this.db = db; }

    public Page subscriptions(long customer, int page, int size) {
        return page(customer, "o.service_type = '%s'".formatted(ServiceType.SUBSCRIPTIONS.wire()), true, page, size);
    }

    public Page dripFeeds(long customer, int page, int size) {
        return page(customer, "o.runs IS NOT NULL AND o.service_type <> '%s'".formatted(ServiceType.SUBSCRIPTIONS.wire()), false, page, size);
    }

    /** {@code which}: the kind of parent, its type written in so that the plan can use that kind's own index (V29). */
    private Page page(long customer, String which, boolean postsCharged, int page, int size) {
        int p = Math.max(1, page);
        var rows = db.read(tx -> tx.list(SELECT.formatted(which) + Tx.page(size + 1, (long) (p - 1) * size), rs -> new Row(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), (Integer) rs.getObject(6, Integer.class),
                (Integer) rs.getObject(7, Integer.class), FieldCodec.decode(rs.getString(8)),
                new Money(rs.getLong(9)).plus(postsCharged ? new Money(rs.getLong(13)) : Money.ZERO), Status.ofWire(rs.getString(10)),
                rs.getLong(11), rs.getLong(12), rs.getBoolean(14)), CancelState.REJECTED.name(), customer));
        boolean more = rows.size() > size;
        return new Page(more ? rows.subList(0, size) : rows, p, more);
    }
}
