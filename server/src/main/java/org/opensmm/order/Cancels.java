package org.opensmm.order;

import org.opensmm.db.Tx;
import org.opensmm.order.OrderEvents.Source;
import org.opensmm.order.OrderEvents.What;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.opensmm.order.CancelState.FORWARDED;
import static org.opensmm.order.CancelState.FORWARDING;
import static org.opensmm.order.CancelState.REJECTED;
import static org.opensmm.order.CancelState.REQUESTED;

/**
 * Every UPDATE that moves an order's cancel request, in the caller's transaction. Like {@link Stages}: a statement sets
 * {@code cancel_state = ?} first and ends its WHERE clause with {@code cancel_state = ?}, the state it leaves, checked
 * against {@link CancelState#next()}. The number of rows moved is returned; each records its move in the order's history.
 */
public final class Cancels {
    // No request yet, or the last one was rejected: asking again is allowed.
    private static final String REQUEST = recorded("""
            UPDATE orders SET cancel_state = ?, updated_at = ?, cancel_requested_at = ?, cancel_pulled_at = NULL
            WHERE id = ? AND (cancel_state IS NULL OR cancel_state = ?)""", "NULL");
    private static final String OUT_OF_FUNDS = recorded("""
            UPDATE orders SET cancel_state = ?, provider_error = ?
            WHERE id = ? AND (cancel_state IS NULL OR cancel_state = ?)""", "provider_error");
    private static final String FIRST_REQUEST = recorded("UPDATE orders SET cancel_state = ?, updated_at = ? WHERE id = ? AND cancel_state IS NULL", "NULL");
    private static final String REJECT = recorded("UPDATE orders SET cancel_state = ?, updated_at = ? WHERE id = ? AND cancel_state = ?", "NULL");
    private static final String CLAIM = recorded("""
            UPDATE orders SET cancel_state = ?, claimed_by = ?, claimed_until = ?
            WHERE id = ? AND stage = ? AND cancel_state = ?""", "NULL");
    private static final String MINE = " WHERE id = ? AND claimed_by = ? AND cancel_state = ?";
    private static final String ACCEPTED = recorded("""
            UPDATE orders SET cancel_state = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?""" + MINE, "NULL");
    private static final String REFUSED = recorded("""
            UPDATE orders SET cancel_state = ?, provider_error = ?, claimed_by = NULL, claimed_until = NULL,
                   updated_at = ?""" + MINE, "provider_error");
    private static final String AGAIN = recorded("UPDATE orders SET cancel_state = ?, claimed_by = NULL, claimed_until = NULL" + MINE, "NULL");
    // A cancel is safe to send again: the worst a second one gets is "Cancel is not available".
    private static final String LOST = recorded("""
            UPDATE orders SET cancel_state = ?, claimed_by = NULL, claimed_until = NULL
            WHERE claimed_until < ? AND cancel_state = ?""", "NULL");

    /** None or REJECTED → REQUESTED: the customer or the operator asks for a cancel. */
    public int request(Tx tx, long id, long now, Source by) throws SQLException {
        return tx.update(REQUEST, OrderEvents.tail(new Object[] {CancelState.checkedMove(REJECTED, REQUESTED).name(), now, now, id,
                REJECTED.name()}, now, by, null, REQUESTED));
    }

    /** None or REJECTED → REQUESTED: a forwarded subscription's customer cannot pay for its new posts. */
    public int outOfFunds(Tx tx, long id, String error) throws SQLException {
        return tx.update(OUT_OF_FUNDS, OrderEvents.tail(new Object[] {CancelState.checkedMove(REJECTED, REQUESTED).name(), error, id,
                REJECTED.name()}, null, Source.SYNC, null, REQUESTED));
    }

    /** None → REQUESTED: a drip-feed run sent upstream is to be canceled with its parent. */
    public int requestFirst(Tx tx, long id, long now) throws SQLException {
        return tx.update(FIRST_REQUEST, OrderEvents.tail(new Object[] {CancelState.checkedMove(null, REQUESTED).name(), now, id},
                now, Source.ENGINE, null, REQUESTED));
    }

    /** REQUESTED → REJECTED: the operator says no. */
    public int reject(Tx tx, long id, long now, Source by) throws SQLException {
        return move(tx, REJECT, REQUESTED, REJECTED, now, by, now, id);
    }

    /** REQUESTED → FORWARDING for a sent order: the request is {@code node}'s to forward until {@code until}. */
    public int claim(Tx tx, long id, String node, long until) throws SQLException {
        return move(tx, CLAIM, REQUESTED, FORWARDING, null, Source.ENGINE, node, until, id, Stage.SENT.name());
    }

    /** FORWARDING → FORWARDED for each of {@code ids}: the provider accepted; its next status round confirms it. */
    public void accepted(Tx tx, List<Long> ids, String node, long now) throws SQLException {
        var rows = new ArrayList<Object[]>();
        for (long id : ids) rows.add(args(FORWARDING, FORWARDED, now, Source.ENGINE, now, id, node));
        tx.batch(ACCEPTED, rows);
    }

    /** FORWARDING → REJECTED: the provider refused, in {@code error}'s words. */
    public int refused(Tx tx, long id, String node, String error, long now) throws SQLException {
        return move(tx, REFUSED, FORWARDING, REJECTED, now, Source.ENGINE, error, now, id, node);
    }

    /** FORWARDING → REQUESTED for each of {@code ids}: no reply, so it goes out again later. */
    public void again(Tx tx, List<Long> ids, String node) throws SQLException {
        var rows = new ArrayList<Object[]>();
        for (long id : ids) rows.add(args(FORWARDING, REQUESTED, null, Source.ENGINE, id, node));
        tx.batch(AGAIN, rows);
    }

    /** FORWARDING → REQUESTED for every claim that ran out: its worker died mid-call. */
    public int lost(Tx tx, long now) throws SQLException {
        return move(tx, LOST, FORWARDING, REQUESTED, now, Source.ENGINE, now);
    }

    private static int move(Tx tx, String sql, CancelState from, CancelState to, Long at, Source by, Object... between) throws SQLException {
        return tx.update(sql, args(from, to, at, by, between));
    }

    /**
     * {@code to} first and {@code from} last around {@code between}, once the table allows the move; then the event each
     * moved row records, at {@code at} (null: the database's time) by {@code by}.
     */
    private static Object[] args(CancelState from, CancelState to, Long at, Source by, Object... between) {
        Object[] all = new Object[between.length + 2];
        all[0] = CancelState.checkedMove(from, to).name();
        System.arraycopy(between, 0, all, 1, between.length);
        all[all.length - 1] = from.name();
        return OrderEvents.tail(all, at, by, from, to);
    }

    private static String recorded(String update, String note) { return OrderEvents.recording(update, What.CANCEL, "id", note); }
}
