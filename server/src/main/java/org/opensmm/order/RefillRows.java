package org.opensmm.order;

import org.opensmm.db.Tx;
import org.opensmm.order.OrderEvents.Source;
import org.opensmm.order.OrderEvents.What;

import java.sql.SQLException;

import static org.opensmm.order.RefillStage.FAIL;
import static org.opensmm.order.RefillStage.NEW;
import static org.opensmm.order.RefillStage.SENDING;
import static org.opensmm.order.RefillStage.SENT;

/**
 * The fulfilment workers' writes of refill rows, in the caller's transaction. Like {@link Stages}: a move sets
 * {@code stage = ?} first and ends its WHERE clause with {@code stage = ?}, the stage it leaves, checked against
 * {@link RefillStage#next()}. The number of rows changed is returned; each records its move in its order's history.
 */
public final class RefillRows {
    private static final String CLAIM = recorded("""
            UPDATE refill SET stage = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id = ? AND stage = ?""", "NULL");
    private static final String MINE = " WHERE id = ? AND claimed_by = ? AND stage = ?";
    private static final String TO_SENT = recorded("""
            UPDATE refill SET stage = ?, external_id = ?, provider_error = NULL, claimed_by = NULL, claimed_until = NULL,
                   next_at = ?, updated_at = ?""" + MINE, "external_id");
    private static final String TO_FAIL = recorded("""
            UPDATE refill SET stage = ?, provider_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?""" + MINE, "provider_error");
    private static final String LOST = recorded("""
            UPDATE refill SET stage = ?, provider_error = ?, claimed_until = NULL, updated_at = ?
            WHERE claimed_until < ? AND stage = ?""", "provider_error");
    private static final String LEASE = "UPDATE refill SET next_at = ? WHERE id = ? AND stage = ? AND next_at = ?";
    private static final String PROGRESS = recorded("""
            UPDATE refill SET status = ?, provider_error = NULL, updated_at = ? WHERE id = ? AND stage = ? AND status <> ?""", "NULL");
    private static final String ERROR = "UPDATE refill SET provider_error = ? WHERE id = ? AND stage = ?";

    /** NEW → SENDING: the refill is {@code node}'s to forward until {@code until}. */
    public int claim(Tx tx, long id, String node, long until) throws SQLException {
        return move(tx, CLAIM, NEW, SENDING, null, node, until, id);
    }

    /** SENDING → SENT, while the claim is {@code node}'s: the provider took it as {@code externalId}. */
    public int sent(Tx tx, long id, String node, String externalId, long pollAt, long now) throws SQLException {
        return move(tx, TO_SENT, SENDING, SENT, now, externalId, pollAt, now, id, node);
    }

    /** SENDING → FAIL, while the claim is {@code node}'s: refused, or no reply. */
    public int fail(Tx tx, long id, String node, String error, long now) throws SQLException {
        return move(tx, TO_FAIL, SENDING, FAIL, now, error, now, id, node);
    }

    /** SENDING → FAIL for every claim that ran out before its outcome was recorded: its worker died mid-call. */
    public int lost(Tx tx, String error, long now) throws SQLException {
        return move(tx, LOST, SENDING, FAIL, now, error, now, now);
    }

    /** A sent refill due for polling is ours until {@code until}, unless another process moved its poll time first. */
    public int lease(Tx tx, long id, long seenNextAt, long until) throws SQLException {
        return tx.update(LEASE, until, id, SENT.name(), seenNextAt);
    }

    /** An unfinished status from upstream (a finished one goes through {@link Refills#resolve}). */
    public int progress(Tx tx, long id, Refills.State status, long now) throws SQLException {
        return tx.update(PROGRESS, OrderEvents.tail(new Object[] {status.wire(), now, id, SENT.name(), status.wire()}, now, Source.SYNC,
                null, status.wire()));
    }

    /** What upstream said of a sent refill, for the operator. */
    public int error(Tx tx, long id, String error) throws SQLException {
        return tx.update(ERROR, error, id, SENT.name());
    }

    /**
     * Binds {@code to} first and {@code from} last around {@code args}, once the table allows the move; then the event
     * the refill's order records, at {@code at} (null: the database's time).
     */
    private static int move(Tx tx, String sql, RefillStage from, RefillStage to, Long at, Object... args) throws SQLException {
        Object[] all = new Object[args.length + 2];
        all[0] = from.checkedMove(to).name();
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = from.name();
        return tx.update(sql, OrderEvents.tail(all, at, Source.ENGINE, from, to));
    }

    private static String recorded(String update, String note) { return OrderEvents.recording(update, What.REFILL, "order_id", note); }
}
