package org.opensmm.order;

import org.opensmm.catalog.ServiceType;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the orders table. */
public final class Orders {
    static final String COLUMNS = """
            id, customer_id, service_id, service_type, parent_id, link, quantity, runs, run_interval, fields, rate, charge,
            refunded, status, start_count, remains, cancel_state, completed_at, stage, provider_id, external_id,
            provider_error, created_at, updated_at""";
    private static final String INSERT = """
            INSERT INTO orders (customer_id, service_id, service_type, parent_id, link, quantity, runs, run_interval, fields,
                                rate, charge, status, remains, active_link, stage, next_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM orders WHERE id = ?";
    private static final String CHILD_CHARGES = """
            SELECT parent_id, COALESCE(SUM(charge - refunded), 0) FROM orders WHERE parent_id IN (%s) GROUP BY parent_id""";

    public record New(long customerId, long serviceId, ServiceType type, Long parentId, Placement placement, Money rate,
                      Money charge, String activeLink, Stage stage, long now) {}

    public long insert(Tx tx, New o) throws SQLException {
        return tx.insert(INSERT, values(o));
    }

    /** The INSERT of a new order (one {@code VALUES} row), for {@link org.opensmm.ledger.Ledger#placeAndCharge}. */
    public static String insertSql() { return INSERT; }

    public static Object[] values(New o) {
        Placement p = o.placement();
        return new Object[] {o.customerId(), o.serviceId(), o.type().wire(), o.parentId(), p.link(), p.quantity(),
                p.runs(), p.interval(), FieldCodec.encode(p.fields()), o.rate().micros(), o.charge().micros(),
                Status.PENDING.wire(), p.quantity(), o.activeLink(), o.stage().name(), o.now(), o.now(), o.now()};
    }

    public Optional<Order> find(Tx tx, long id) throws SQLException {
        return tx.one(BY_ID, Orders::order, id);
    }

    /** Takes the row lock: status changes of one order are serialized. */
    public Optional<Order> lock(Tx tx, long id) throws SQLException {
        return tx.one(BY_ID + " FOR UPDATE", Orders::order, id);
    }

    /** The columns {@code status} shows, no more (no fields to decode). */
    public record StatusRow(long id, boolean subscription, Money finalCharge, Status status, long startCount, long remains) {}

    private static final String STATUS = """
            SELECT id, service_type, parent_id, charge - refunded, status, start_count, remains FROM orders
            WHERE customer_id = ? AND id IN (%s)""";
    /** The caller's orders among {@code ids} (at most 100), in one query. */
    public List<StatusRow> statuses(Tx tx, long customer, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        Tx.InList in = Tx.in(customer, ids);
        return tx.list(STATUS.formatted(in.marks()), rs -> new StatusRow(rs.getLong(1),
                "Subscriptions".equals(rs.getString(2)) && rs.getObject(3) == null, new Money(rs.getLong(4)),
                Status.ofWire(rs.getString(5)), rs.getLong(6), rs.getLong(7)), in.args());
    }

    /** What each subscription's posts have cost so far, by subscription id. */
    public Map<Long, Money> childCharges(Tx tx, Collection<Long> parents) throws SQLException {
        if (parents.isEmpty()) return Map.of();
        var out = new HashMap<Long, Money>();
        for (var row : tx.list(CHILD_CHARGES.formatted(Tx.marks(parents.size())),
                rs -> Map.entry(rs.getLong(1), new Money(rs.getLong(2))), parents.toArray())) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }

    public List<Order> recent(Tx tx, Long customer, Status status, int limit) throws SQLException {
        String where = " WHERE 1 = 1" + (customer != null ? " AND customer_id = " + customer : "")
                + (status != null ? " AND status = '" + status.wire() + "'" : "");
        return tx.list("SELECT " + COLUMNS + " FROM orders" + where + " ORDER BY id DESC LIMIT ?", Orders::order, limit);
    }

    // Not through settle: a running order keeps its active_link as it is (a drip-feed run has none of its own).
    // A batch's progress in one statement (one plan, one pass) rather than a statement per order; the same statement
    // writes the history of the orders whose status really changed (not a mere new remains or cost).
    private static final String PROGRESS = """
            WITH moved AS (
                UPDATE orders o SET status = u.status, start_count = u.start_count, remains = u.remains, provider_error = NULL,
                       upstream_charge = coalesce(u.cost, o.upstream_charge), synced_at = ?, updated_at = ?
                FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[])
                     AS u (id, was, status, start_count, remains, cost)
                WHERE o.id = u.id AND o.stage = ? AND o.status = u.was AND o.""" + Status.UNFINISHED + """

                RETURNING o.id, u.was, u.status)
            """ + OrderEvents.INSERT + " SELECT id, ?, ?, ?, was, status, NULL FROM moved WHERE was <> status";
    // Leaves indexed columns alone, so the update can be HOT; the next poll is the provider's next round (provider_round).
    private static final String SYNC_ERROR = "UPDATE orders SET provider_error = ? WHERE id = ? AND stage = ?";
    // A drip-feed run moved: its parent re-adds its runs on the next tick instead of waiting for its own poll time.
    private static final String NUDGE_PARENT = "UPDATE orders SET next_at = ? WHERE id = ? AND stage = ?";
    private static final String UPSTREAM_CHARGED = "UPDATE orders SET upstream_charge = ? WHERE id = ?";
    private static final String NOTE = "UPDATE orders SET provider_error = ? WHERE id = ?";
    private static final String DRIP_PROGRESS = "UPDATE orders SET status = ?, start_count = ?, remains = ?, updated_at = ? WHERE id = ? AND "
            + Status.UNFINISHED;
    private static final String NEXT_AT = "UPDATE orders SET next_at = ? WHERE id = ?";

    /**
     * An unfinished status from upstream for a sent order that still shows {@code was}, and what the provider says the
     * order cost us when that is new (else null: the cost stays as it is).
     */
    public record Progress(long id, Status was, Status status, long startCount, long remains, Money cost) {}

    /** Applies each of {@code progress} in one statement. */
    public void progress(Tx tx, List<Progress> progress, long now) throws SQLException {
        if (progress.isEmpty()) return;
        int n = progress.size();
        long[] ids = new long[n], starts = new long[n], remains = new long[n];
        String[] was = new String[n], status = new String[n];
        Long[] costs = new Long[n];
        for (int i = 0; i < n; i++) {
            Progress p = progress.get(i);
            ids[i] = p.id();
            was[i] = p.was().wire();
            status[i] = p.status().wire();
            starts[i] = p.startCount();
            remains[i] = p.remains();
            costs[i] = p.cost() == null ? null : p.cost().micros();
        }
        tx.update(PROGRESS, now, now, ids, was, status, starts, remains, costs, Stage.SENT.name(), now, OrderEvents.Source.SYNC.name(),
                OrderEvents.What.STATUS.name());
    }

    /** What upstream said of a sent order that we show the operator while polling on. */
    public int syncError(Tx tx, long id, String error) throws SQLException {
        return tx.update(SYNC_ERROR, error, id, Stage.SENT.name());
    }

    /** Drip-feed parents whose runs moved are looked at {@code now}, in one round trip. */
    public void nudgeParents(Tx tx, Collection<Long> parents, long now) throws SQLException {
        var rows = new ArrayList<Object[]>();
        for (long parent : parents) rows.add(new Object[] {now, parent, Stage.DRIP.name()});
        tx.batch(NUDGE_PARENT, rows);
    }

    /** What the order (a forwarded subscription: its posts so far) has cost us upstream, as the provider last said. */
    public void upstreamCharged(Tx tx, long id, Money total) throws SQLException {
        tx.update(UPSTREAM_CHARGED, total.micros(), id);
    }

    /** Words for the operator on the order, whatever its stage. */
    public void note(Tx tx, long id, String error) throws SQLException {
        tx.update(NOTE, error, id);
    }

    /** A drip-feed parent shows its runs' progress, while unfinished. */
    public void dripProgress(Tx tx, long id, Status status, long startCount, long remains, long now) throws SQLException {
        String was = tx.one("SELECT status FROM orders WHERE id = ? FOR UPDATE", rs -> rs.getString(1), id).orElse(null);
        if (tx.update(DRIP_PROGRESS, status.wire(), startCount, remains, now, id) == 1 && !status.wire().equals(was)) {
            OrderEvents.add(tx, id, now, OrderEvents.Source.ENGINE, OrderEvents.What.STATUS, was, status.wire(), null);
        }
    }

    /** When a worker should look at the order next. */
    public void nextAt(Tx tx, long id, long nextAt) throws SQLException {
        tx.update(NEXT_AT, nextAt, id);
    }

    static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getLong(1), rs.getLong(2), rs.getLong(3), ServiceType.parse(rs.getString(4)).orElseThrow(),
                rs.getObject(5, Long.class), rs.getString(6), rs.getLong(7), rs.getObject(8, Integer.class),
                rs.getObject(9, Integer.class), FieldCodec.decode(rs.getString(10)), new Money(rs.getLong(11)),
                new Money(rs.getLong(12)), new Money(rs.getLong(13)), Status.ofWire(rs.getString(14)), rs.getLong(15),
                rs.getLong(16), CancelState.of(rs.getString(17)), rs.getObject(18, Long.class), Stage.valueOf(rs.getString(19)),
                rs.getObject(20, Long.class), rs.getString(21), rs.getString(22), rs.getLong(23), rs.getLong(24));
    }
}
