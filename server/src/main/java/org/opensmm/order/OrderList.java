package org.opensmm.order;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's own orders as a list to browse: newest first, by status, by id or a piece of the link, a page at a
 * time, each with whether a refill or a cancel would be taken now. Drip-feed runs and subscription posts are shown
 * through their parent, as {@code status} charges them.
 */
public final class OrderList {
    // The refill and cancel conditions are those of Refills.request and OrderService.cancel, read for many rows at once.
    private static final String SELECT = """
            SELECT o.id, o.service_id, s.name, o.service_type, o.link, o.quantity, o.charge - o.refunded, o.status,
                   o.start_count, o.remains, o.created_at,
                   s.refill AND o.status IN (?, ?) AND o.completed_at IS NOT NULL
                       AND ? <= o.completed_at + s.refill_days * 86400000::BIGINT AND NOT o.refilling
                       AND (o.last_refill_at IS NULL OR o.last_refill_at <= ? - s.refill_cooldown_minutes * 60000::BIGINT),
                   s.cancel AND\s""" + Status.UNFINISHED + """
                       AND (o.cancel_state IS NULL OR o.cancel_state = ?)
            FROM orders o JOIN service s ON s.id = o.service_id
            WHERE o.customer_id = ? AND o.parent_id IS NULL""";

    private final Database db;
    private final Orders orders;
    private final Clock clock;

    public OrderList(Database db, Orders orders, Clock clock) {
        this.db = db;
        this.orders = orders;
        this.clock = clock;
    }

    public record Row(long id, long serviceId, String service, String type, String link, long quantity, Money charge,
                      Status status, long startCount, long remains, long createdAt, boolean canRefill, boolean canCancel) {}

    /** One page (from 1) of at most {@code size} rows, and whether another follows. */
    public record Page(List<Row> rows, int page, boolean more) {}

    /**
     * @param status only orders in this status; null for all
     * @param search an order id, or a piece of the link (as typed; % and _ match themselves); blank for all
     */
    public Page page(long customer, Status status, String search, int page, int size) {
        int p = Math.max(1, page);
        var sql = new StringBuilder(SELECT);
        var args = new ArrayList<Object>(List.of(Status.COMPLETED.wire(), Status.PARTIAL.wire(), clock.millis(), clock.millis(),
                CancelState.REJECTED.name(), customer));
        if (status != null) {
            sql.append(" AND o.status = ?");
            args.add(status.wire());
        }
        String q = search == null ? "" : search.strip();
        if (!q.isEmpty()) {
            String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            if (q.matches("\\d{1,18}")) {
                sql.append(" AND (o.id = ? OR o.link LIKE ?)");
                args.add(Long.parseLong(q));
            } else {
                sql.append(" AND o.link LIKE ?");
            }
            args.add(like);
        }
        sql.append(" ORDER BY o.id DESC").append(Tx.page(size + 1, (long) (p - 1) * size));
        return db.read(tx -> {
            var rows = tx.list(sql.toString(), OrderList::row, args.toArray());
            boolean more = rows.size() > size;
            return new Page(withPosts(tx, more ? rows.subList(0, size) : rows), p, more);
        });
    }

    /**
     * One of the customer's own orders with its type's fields and its refill requests, newest first; another
     * customer's order, or a drip-feed run or subscription post (shown through its parent), is not found.
     */
    public record Detail(Row row, Order order, List<Refills.Refill> refills) {
        /** The type's own fields (comments, usernames, poll answer…), beside the link and quantity the row has. */
        public Map<String, String> fields() { return order.ownFields(); }
    }

    public Optional<Detail> one(long customer, long id) {
        return db.read(tx -> {
            var found = tx.one(SELECT + " AND o.id = ?", OrderList::row, Status.COMPLETED.wire(), Status.PARTIAL.wire(),
                    clock.millis(), clock.millis(), CancelState.REJECTED.name(), customer, id);
            if (found.isEmpty()) return Optional.<Detail>empty();
            Order order = orders.find(tx, id).orElseThrow();
            return Optional.of(new Detail(withPosts(tx, List.of(found.get())).getFirst(), order, Refills.ofOrder(tx, id)));
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                new Money(rs.getLong(7)), Status.ofWire(rs.getString(8)), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                rs.getBoolean(12), rs.getBoolean(13));
    }

    /** A subscription costs what its posts cost so far, as status shows it. */
    private List<Row> withPosts(Tx tx, List<Row> shown) throws SQLException {
        var subscriptions = new ArrayList<Long>();
        for (Row r : shown) if (r.type().equals("Subscriptions")) subscriptions.add(r.id());
        Map<Long, Money> posts = orders.childCharges(tx, subscriptions);
        var out = new ArrayList<Row>(shown.size());
        for (Row r : shown) {
            Money extra = posts.get(r.id());
            out.add(extra == null ? r : new Row(r.id(), r.serviceId(), r.service(), r.type(), r.link(), r.quantity(),
                    r.charge().plus(extra), r.status(), r.startCount(), r.remains(), r.createdAt(), r.canRefill(), r.canCancel()));
        }
        return out;
    }
}
