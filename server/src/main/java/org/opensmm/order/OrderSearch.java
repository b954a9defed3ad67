package org.opensmm.order;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders as staff look them up (Admin API {@code GET /orders}, later the admin pages): any customer's, with the names
 * that go with them, filtered and paged in the database.
 */
public final class OrderSearch {
    /** An order with what a person reads beside it. {@code unknownOutcome}: in FAIL because an add went unanswered. */
    public record Found(Order order, String user, String serviceName, String provider, boolean unknownOutcome,
                        Long cancelRequestedAt, String reason, Money upstreamCharge, String providerCurrency) {}

    /**
     * Every filter is optional (null or empty: all). {@code statuses} are the Admin API's names (pending, fail, error…),
     * {@code manual} true/false for mode, times in epoch milliseconds.
     */
    public record Filter(List<Long> ids, List<String> externalIds, List<String> statuses, List<Long> serviceIds, String user,
                         Boolean manual, String provider, String link, Long createdFrom, Long createdTo, boolean ascending) {}

    static final String FROM = """
            FROM orders o JOIN customer c ON c.id = o.customer_id JOIN service s ON s.id = o.service_id
                 LEFT JOIN provider p ON p.id = o.provider_id""";
    private static final String SELECT = "SELECT " + java.util.Arrays.stream(Orders.COLUMNS.split(","))
            .map(c -> "o." + c.strip()).collect(java.util.stream.Collectors.joining(", "))
            + ", c.name, s.name, p.name, o.claimed_by IS NOT NULL, o.cancel_requested_at, o.reason, o.upstream_charge, p.balance_currency ";
    private static final String FAILING = "(o.stage = '" + Stage.FAIL.name() + "' AND o." + Status.UNFINISHED + ")";

    private final Database db;

    public OrderSearch(Database db) { this.db = db; }

    public record Page(long count, List<Found> list) {}

    public Page find(Filter f, int offset, int limit) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (f.ids() != null && !f.ids().isEmpty()) in(where, args, "o.id", f.ids());
        if (f.externalIds() != null && !f.externalIds().isEmpty()) in(where, args, "o.external_id", f.externalIds());
        if (f.serviceIds() != null && !f.serviceIds().isEmpty()) in(where, args, "o.service_id", f.serviceIds());
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            var any = new ArrayList<String>();
            for (String st : f.statuses()) {
                switch (st) {
                    case "fail" -> any.add(FAILING + " AND o.claimed_by IS NULL");
                    case "error" -> any.add(FAILING + " AND o.claimed_by IS NOT NULL");
                    default -> {
                        any.add("(o.status = ? AND NOT " + FAILING + ")");
                        args.add(Status.parse(st).orElseThrow().wire());
                    }
                }
            }
            where.append(" AND (").append(String.join(" OR ", any)).append(')');
        }
        if (f.user() != null) { where.append(" AND lower(c.name) = lower(?)"); args.add(f.user()); }
        if (f.manual() != null) where.append(f.manual() ? " AND " + MANUAL : " AND NOT " + MANUAL);
        if (f.provider() != null) { where.append(" AND lower(p.name) = lower(?)"); args.add(f.provider()); }
        if (f.link() != null) { where.append(" AND strpos(lower(o.link), lower(?)) > 0"); args.add(f.link()); }
        if (f.createdFrom() != null) { where.append(" AND o.created_at >= ?"); args.add(f.createdFrom()); }
        if (f.createdTo() != null) { where.append(" AND o.created_at <= ?"); args.add(f.createdTo()); }
        String dir = f.ascending() ? "ASC" : "DESC";
        return db.read(tx -> {
            long count = tx.count("SELECT COUNT(*) " + FROM + where, args.toArray());
            var page = new ArrayList<>(args);
            page.add(limit);
            page.add(offset);
            var list = tx.list(SELECT + FROM + where + " ORDER BY o.created_at " + dir + ", o.id " + dir + " LIMIT ? OFFSET ?",
                    OrderSearch::found, page.toArray());
            return new Page(count, list);
        });
    }

    /** A manual order: never forwarded (the operator or a worker of the Admin API fulfils it). */
    static final String MANUAL = "(o.provider_id IS NULL AND o.stage IN ('" + Stage.MANUAL.name() + "', '" + Stage.DONE.name() + "'))";

    public Optional<Found> one(long id) { return db.read(tx -> one(tx, id)); }

    private static final String ENTRIES = """
            SELECT id, customer_id, kind, amount, order_id, reason, created_at FROM ledger_entry WHERE order_id = ? ORDER BY id""";

    /** The ledger entries of one order (its charge, any refund), oldest first: what the admin order page lists. */
    public List<Ledger.Entry> entries(long orderId) {
        return db.read(tx -> tx.list(ENTRIES, rs -> new Ledger.Entry(rs.getLong(1), rs.getLong(2), Ledger.Kind.valueOf(rs.getString(3)),
                new Money(rs.getLong(4)), rs.getObject(5, Long.class), rs.getString(6), rs.getLong(7)), orderId));
    }

    static Optional<Found> one(Tx tx, long id) throws SQLException {
        return tx.one(SELECT + FROM + " WHERE o.id = ?", OrderSearch::found, id);
    }

    static List<Found> many(Tx tx, List<Long> ids) throws SQLException {
        var out = new ArrayList<Found>();
        for (long id : ids) one(tx, id).ifPresent(out::add);
        return out;
    }

    private static void in(StringBuilder where, List<Object> args, String column, List<?> values) {
        where.append(" AND ").append(column).append(" IN (").append(Tx.marks(values.size())).append(')');
        args.addAll(values);
    }

    static Found found(ResultSet rs) throws SQLException {
        return new Found(Orders.order(rs), rs.getString(25), rs.getString(26), rs.getString(27), rs.getBoolean(28),
                rs.getObject(29, Long.class), rs.getString(30), new Money(rs.getLong(31)), rs.getString(32));
    }
}
