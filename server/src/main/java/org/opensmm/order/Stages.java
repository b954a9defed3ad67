package org.opensmm.order;

import org.opensmm.db.Tx;
import org.opensmm.order.OrderEvents.Source;
import org.opensmm.order.OrderEvents.What;

import java.sql.SQLException;

import static org.opensmm.order.Stage.DONE;
import static org.opensmm.order.Stage.DRIP;
import static org.opensmm.order.Stage.FAIL;
import static org.opensmm.order.Stage.MANUAL;
import static org.opensmm.order.Stage.NEW;
import static org.opensmm.order.Stage.SENDING;
import static org.opensmm.order.Stage.SENT;

/**
 * Every UPDATE that moves an order's stage, for the fulfilment workers, the operator's review and unmapping, each in the
 * caller's transaction. A statement sets {@code stage = ?} first and ends its WHERE clause with {@code stage = ?}, the
 * stage it leaves: {@link #move} checks the pair against {@link Stage#next()} and binds both, and the guard makes the
 * move apply once, however many workers race for it. The number of rows moved is returned; each moved row records its
 * move in the order's history ({@link OrderEvents}) in the same statement.
 */
public final class Stages {
    private static final String CLAIM = recorded("""
            UPDATE orders SET stage = ?, provider_id = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1,
                   updated_at = ?
            WHERE id = ? AND\s""" + Status.UNFINISHED + " AND stage = ?", "NULL");
    // A drip-feed order the upstream service cannot take whole is delivered by us, run by run (see DripFeed).
    private static final String TO_DRIP = recorded("""
            UPDATE orders SET stage = ?, provider_id = ?, next_at = ?, updated_at = ? WHERE id = ? AND stage = ?""", "NULL");
    private static final String MINE = " WHERE id = ? AND claimed_by = ? AND stage = ?";
    // A sent order has no next_at: its provider's status rounds poll it (provider_round, StatusSync).
    private static final String TO_SENT = recorded("""
            UPDATE orders SET stage = ?, external_id = ?, provider_error = NULL, claimed_by = NULL, claimed_until = NULL,
                   next_at = NULL, updated_at = ?""" + MINE, "external_id");
    // The janitor gave up on us while the reply was on its way; the reply is definite, so the order is simply sent.
    private static final String SENT_AFTER_ALL = recorded("""
            UPDATE orders SET stage = ?, external_id = ?, provider_error = NULL, claimed_by = NULL, next_at = NULL, updated_at = ?
            WHERE id = ? AND claimed_by = ? AND external_id IS NULL AND stage = ?""", "external_id");
    private static final String RETRY = recorded("""
            UPDATE orders SET stage = ?, provider_error = ?, claimed_by = NULL, claimed_until = NULL, next_at = ?,
                   updated_at = ?""" + MINE, "provider_error");
    private static final String TO_FAIL = recorded("""
            UPDATE orders SET stage = ?, provider_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?""" + MINE, "provider_error");
    private static final String UNCLAIM = recorded("""
            UPDATE orders SET stage = ?, claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1""" + MINE, "NULL");
    // The owner stays in claimed_by: if its reply does arrive after all, Dispatch recognises the order as its own.
    private static final String LOST_ADDS = recorded("""
            UPDATE orders SET stage = ?, provider_error = ?, claimed_until = NULL, updated_at = ?
            WHERE claimed_until < ? AND stage = ?""", "provider_error");
    private static final String UNMAPPED = recorded("""
            UPDATE orders SET stage = ?, next_at = NULL, updated_at = ?
            WHERE NOT EXISTS (SELECT 1 FROM service_provider m WHERE m.service_id = orders.service_id) AND stage = ?""", "NULL");
    private static final String UNMAP = recorded("UPDATE orders SET stage = ?, next_at = NULL WHERE service_id = ? AND stage = ?", "NULL");
    private static final String RESEND = recorded("""
            UPDATE orders SET stage = ?, attempts = 0, claimed_by = NULL, claimed_until = NULL, next_at = ?, updated_at = ?
            WHERE id = ? AND external_id IS NULL AND refunded = 0 AND\s""" + Status.UNFINISHED + " AND stage = ?", "NULL");
    private static final String ATTACH = recorded("""
            UPDATE orders SET stage = ?, provider_id = ?, external_id = ?, provider_error = NULL, claimed_by = NULL,
                   claimed_until = NULL, next_at = NULL, updated_at = ?
            WHERE id = ? AND\s""" + Status.UNFINISHED + " AND stage = ?", "external_id");
    private static final String GIVE_UP = recorded("UPDATE orders SET stage = ?, updated_at = ? WHERE id = ? AND "
            + Status.UNFINISHED + " AND stage = ?", "NULL");
    private static final String SYNCED = recorded("UPDATE orders SET stage = ?, provider_error = NULL, synced_at = ? WHERE id = ? AND stage = ?", "NULL");
    // Not polled while the operator decides; it keeps its upstream id, so it can be attached again but never resent.
    private static final String REVIEW = recorded("UPDATE orders SET stage = ?, provider_error = ?, updated_at = ? WHERE id = ? AND stage = ?", "provider_error");
    // A drip-feed order's cancel request is answered by its settling: the runs were stopped.
    private static final String DRIP_DONE = recorded("""
            UPDATE orders SET stage = ?, cancel_state = CASE WHEN cancel_state = ? THEN ? ELSE cancel_state END
            WHERE id = ? AND stage = ?""", "NULL");
    private static final String END = recorded("UPDATE orders SET stage = ? WHERE id = ? AND stage = ?", "NULL");

    /** NEW → SENDING: the order is this worker's to send until {@code until}, unless it finished meanwhile. */
    public int claim(Tx tx, long id, long provider, String node, long until, long now) throws SQLException {
        return move(tx, CLAIM, NEW, SENDING, now, Source.ENGINE, provider, node, until, now, id);
    }

    /** NEW → DRIP: we deliver its runs ourselves. */
    public int toDrip(Tx tx, long id, long provider, long now) throws SQLException {
        return move(tx, TO_DRIP, NEW, DRIP, now, Source.ENGINE, provider, now, now, id);
    }

    /** SENDING → SENT, while the claim is {@code node}'s: the provider took it as {@code externalId}. */
    public int sent(Tx tx, long id, String node, String externalId, long now) throws SQLException {
        return move(tx, TO_SENT, SENDING, SENT, now, Source.ENGINE, externalId, now, id, node);
    }

    /** FAIL → SENT: the janitor had given {@code node}'s claim up, but a definite reply came after all. */
    public int sentAfterAll(Tx tx, long id, String node, String externalId, long now) throws SQLException {
        return move(tx, SENT_AFTER_ALL, FAIL, SENT, now, Source.ENGINE, externalId, now, id, node);
    }

    /** SENDING → NEW, to be tried again at {@code nextAt}. */
    public int retry(Tx tx, long id, String node, String error, long nextAt, long now) throws SQLException {
        return move(tx, RETRY, SENDING, NEW, now, Source.ENGINE, error, nextAt, now, id, node);
    }

    /** SENDING → FAIL, for the operator with the provider's words. */
    public int fail(Tx tx, long id, String node, String error, long now) throws SQLException {
        return move(tx, TO_FAIL, SENDING, FAIL, now, Source.ENGINE, error, now, id, node);
    }

    /** SENDING → NEW, never sent: the claim is handed back as if never taken. */
    public int unclaim(Tx tx, long id, String node) throws SQLException {
        return move(tx, UNCLAIM, SENDING, NEW, null, Source.ENGINE, id, node);
    }

    /** SENDING → FAIL for every claim that ran out before its outcome was recorded: its worker died mid-call. */
    public int lostAdds(Tx tx, String error, long now) throws SQLException {
        return move(tx, LOST_ADDS, SENDING, FAIL, now, Source.ENGINE, error, now, now);
    }

    /** NEW → MANUAL for every order whose service is no longer mapped to a provider. */
    public int unmapped(Tx tx, long now) throws SQLException {
        return move(tx, UNMAPPED, NEW, MANUAL, now, Source.ENGINE, now);
    }

    /** NEW → MANUAL for the service's orders not yet picked up: it was just unmapped. */
    public int unmap(Tx tx, long serviceId) throws SQLException {
        return move(tx, UNMAP, NEW, MANUAL, null, Source.OPERATOR, serviceId);
    }

    /** FAIL → NEW: sent again, never one that is upstream, refunded or finished. */
    public int resend(Tx tx, long id, long now) throws SQLException {
        return move(tx, RESEND, FAIL, NEW, now, Source.OPERATOR, now, now, id);
    }

    /** FAIL or MANUAL → SENT: the operator found it at {@code provider} as {@code externalId}. */
    public int attach(Tx tx, long id, Stage from, long provider, String externalId, long now) throws SQLException {
        return move(tx, ATTACH, from, SENT, now, Source.OPERATOR, provider, externalId, now, id);
    }

    /** FAIL → DONE, while unfinished: the operator refunds it. */
    public int giveUp(Tx tx, long id, long now) throws SQLException {
        return move(tx, GIVE_UP, FAIL, DONE, now, Source.OPERATOR, now, id);
    }

    /** SENT → DONE: its final status came from the provider and is settled. */
    public int synced(Tx tx, long id, long now) throws SQLException {
        return move(tx, SYNCED, SENT, DONE, now, Source.SYNC, now, id);
    }

    /** SENT → FAIL: an upstream answer for the operator. */
    public int review(Tx tx, long id, String why, long now) throws SQLException {
        return move(tx, REVIEW, SENT, FAIL, now, Source.SYNC, why, now, id);
    }

    /** DRIP → DONE, its cancel request (if any) answered: its last run ended and it is settled. */
    public int dripDone(Tx tx, long id) throws SQLException {
        return move(tx, DRIP_DONE, DRIP, DONE, null, Source.ENGINE, CancelState.REQUESTED.name(),
                CancelState.checkedMove(CancelState.REQUESTED, CancelState.DONE).name(), id);
    }

    /** {@code from} → DONE, with nothing else to record: a run canceled before it went, a manual order canceled. */
    public int end(Tx tx, long id, Stage from, Source by) throws SQLException {
        return move(tx, END, from, DONE, null, by, id);
    }

    /**
     * Binds {@code to} first and {@code from} last around {@code args}, once the table allows the move, then the event
     * each moved row records: at {@code at} (null: the database's time), by {@code by}.
     */
    private static int move(Tx tx, String sql, Stage from, Stage to, Long at, Source by, Object... args) throws SQLException {
        Object[] all = new Object[args.length + 2];
        all[0] = from.checkedMove(to).name();
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = from.name();
        return tx.update(sql, OrderEvents.tail(all, at, by, from, to));
    }

    private static String recorded(String update, String note) { return OrderEvents.recording(update, What.STAGE, "id", note); }
}
