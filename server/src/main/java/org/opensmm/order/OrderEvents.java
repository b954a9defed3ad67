package org.opensmm.order;

import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.sql.SQLException;
import java.util.List;

/**
 * An order's history of states (table order_event, append-only): each move is written by the statement that makes it,
 * through {@link #recording}, so the move and its row commit together and a move that meets no row records nothing.
 * Placing needs no row: the order's own created_at says when it was placed.
 */
public final class OrderEvents {
    /** What moved; PLACED is never stored ({@link #placed}). */
    public enum What { PLACED, STAGE, STATUS, CANCEL, REFILL, REFUND }

    /** Who moved it: the fulfilment workers, the status sync, the customer (website, API v2) or a person at the panel. */
    public enum Source { ENGINE, SYNC, CUSTOMER, OPERATOR }

    // The caller's time when it has one; else the database's (a move that stamps no time of its own).
    private static final String AT = "COALESCE(?::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)";
    static final String INSERT = "INSERT INTO order_event (order_id, at, source, what, from_state, to_state, note)";
    private static final String ONE = INSERT + " VALUES (?, " + AT + ", ?, ?, ?, ?, ?)";
    private static final String OF_ORDER = """
            SELECT at, source, what, from_state, to_state, note FROM order_event WHERE order_id = ? ORDER BY id LIMIT ?""";

    private OrderEvents() {}

    /**
     * {@code update} (one UPDATE, no RETURNING) made to record one event per row it moves, in the same statement: it
     * returns {@code orderId} (the column holding the order's id) and {@code note} (an expression over the moved row, or
     * NULL). Bind the update's arguments, then at, source, from and to ({@link #tail}). The count is the rows moved.
     */
    static String recording(String update, What what, String orderId, String note) {
        return "WITH moved AS (" + update + " RETURNING " + orderId + " AS order_id, " + note + " AS note)\n"
                + INSERT + " SELECT order_id, " + AT + ", ?, '" + what.name() + "', ?, ?, note FROM moved";
    }

    /** The update's arguments followed by the event's: when (null: the database's time), who, from, to. */
    static Object[] tail(Object[] update, Long at, Source source, Object from, Object to) {
        Object[] all = java.util.Arrays.copyOf(update, update.length + 4);
        all[update.length] = at;
        all[update.length + 1] = source.name();
        all[update.length + 2] = from == null ? null : from.toString();
        all[update.length + 3] = to == null ? null : to.toString();
        return all;
    }

    /** One event, for a move made by a statement of its own (a settle, a refill request). */
    static void add(Tx tx, long orderId, Long at, Source source, What what, Object from, Object to, String note) throws SQLException {
        tx.update(ONE, orderId, at, source.name(), what.name(), from == null ? null : from.toString(),
                to == null ? null : to.toString(), note);
    }

    public record Event(long at, Source source, What what, String from, String to, String note) {}

    /** The order's first event, from its own row: placed by its customer, or by its parent (a drip-feed run, a post). */
    public static Event placed(Order o) {
        return new Event(o.createdAt(), o.parentId() == null ? Source.CUSTOMER : Source.ENGINE, What.PLACED, null,
                Status.PENDING.wire(), null);
    }

    /** The order's events, oldest first. */
    public static List<Event> of(Database db, long orderId, int limit) {
        return db.read(tx -> tx.list(OF_ORDER, rs -> new Event(rs.getLong(1), Source.valueOf(rs.getString(2)), What.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6)), orderId, limit));
    }
}
