package org.opensmm.fulfil;

import org.opensmm.account.Actor;
import org.opensmm.db.Database;
import org.opensmm.order.Order;
import org.opensmm.order.OrderService;
import org.opensmm.order.Status;

import java.time.Clock;
import java.util.List;

/**
 * The operator's answers to orders in FAIL: an add with an unknown outcome or refused upstream, or an order upstream
 * whose provider reported something we will not apply by ourselves (an unknown status, a number out of bounds, a charge
 * past what the customer agreed to; its upstream id is kept). Send again (never one that is upstream), attach the upstream
 * order, or refund. The customer meanwhile sees the order as it was (Pending), never "Fail". A finished order is none of
 * these: it left FAIL when it finished.
 */
public final class Review {
    private static final String RESEND = """
            UPDATE orders SET stage = 'NEW', attempts = 0, claimed_by = NULL, claimed_until = NULL, next_at = ?, updated_at = ?
            WHERE id = ? AND stage = 'FAIL' AND external_id IS NULL AND refunded = 0 AND\s""" + Status.UNFINISHED;
    private static final String ATTACH = """
            UPDATE orders SET stage = 'SENT', external_id = ?, provider_error = NULL, claimed_by = NULL, claimed_until = NULL,
                   next_at = ?, updated_at = ?
            WHERE id = ? AND stage = 'FAIL' AND provider_id IS NOT NULL AND\s""" + Status.UNFINISHED;
    // Two of our orders on one upstream order: one of them is paid for and never delivered.
    private static final String TAKEN = "SELECT COALESCE(MIN(id), 0) FROM orders WHERE provider_id = ? AND external_id = ? AND id <> ?";
    private static final String NUDGE_PARENT = "UPDATE orders SET next_at = ? WHERE id = ? AND stage = 'DRIP'";

    private final Database db;
    private final OrderService orders;
    private final Clock clock;

    public Review(Database db, OrderService orders, Clock clock) {
        this.db = db;
        this.orders = orders;
        this.clock = clock;
    }

    /** Orders waiting for the operator, oldest first, with the provider's words in providerError. */
    public List<Order> failed(int limit) {
        List<Long> ids = db.read(tx -> tx.list("SELECT id FROM orders WHERE stage = 'FAIL' AND " + Status.UNFINISHED + " ORDER BY id LIMIT ?", rs -> rs.getLong(1), limit));
        return ids.stream().flatMap(id -> orders.find(id).stream()).toList();
    }

    /** Sends the order again: the operator has checked that the provider does not have it. */
    public Order resend(long orderId) {
        Order o = failedOrder(orderId);
        if (o.externalId() != null) {
            throw new IllegalArgumentException("order " + orderId + " is upstream order " + o.externalId() + " at provider "
                    + o.providerId() + ": sending it again would buy it twice; attach it to sync it, or refund it");
        }
        long now = clock.millis();
        db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM service_provider WHERE service_id = ?", o.serviceId()) == 0) {
                throw new IllegalArgumentException("service " + o.serviceId() + " of order " + orderId
                        + " is not mapped to a provider any more: map it first, or refund the order");
            }
            if (tx.update(RESEND, now, now, orderId) != 1) throw new IllegalStateException("order " + orderId + " changed meanwhile");
            return null;
        });
        return orders.find(orderId).orElseThrow();
    }

    /** The operator found the order upstream as {@code externalId}: it is synced from now on, never sent again. */
    public Order attach(long orderId, long externalId) {
        Order o = failedOrder(orderId);
        if (externalId <= 0) throw new IllegalArgumentException("an upstream order id is a positive number");
        long now = clock.millis();
        int rows = db.inTransaction(tx -> {
            long taken = tx.count(TAKEN, o.providerId(), Long.toString(externalId), orderId);
            if (o.providerId() != null && taken != 0) {
                throw new IllegalArgumentException("upstream order " + externalId + " is already our order " + taken);
            }
            return tx.update(ATTACH, Long.toString(externalId), now, now, orderId);
        });
        if (rows != 1) throw new IllegalStateException("order " + orderId + " was never sent to a provider: resend or refund it");
        return orders.find(orderId).orElseThrow();
    }

    /** Cancels the order with a full refund (once: settle refuses a second one). */
    public Order refund(long orderId) {
        failedOrder(orderId);
        long now = clock.millis();
        return db.inTransaction(tx -> {
            if (tx.update("UPDATE orders SET stage = 'DONE', updated_at = ? WHERE id = ? AND stage = 'FAIL' AND " + Status.UNFINISHED, now, orderId) != 1) {
                throw new IllegalStateException("order " + orderId + " changed meanwhile");
            }
            Order o = orders.settle(tx, orderId, Status.CANCELED, null, null);
            if (o.parentId() != null) tx.update(NUDGE_PARENT, now, o.parentId());
            return o;
        });
    }

    /** A person sends a failed order again, having checked that its provider does not have it. */
    public Order resend(Actor who, long orderId) { return resend(orderId); }

    /** A person found a failed order at its provider as {@code externalId}: it is synced from now on. */
    public Order attach(Actor who, long orderId, long externalId) { return attach(orderId, externalId); }

    /** A person cancels a failed order with a full refund. */
    public Order refund(Actor who, long orderId) { return refund(orderId); }

    private Order failedOrder(long orderId) {
        Order o = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (!"FAIL".equals(o.stage()) || o.status().finished()) {
            String why = o.status().finished() ? o.status().wire() + ", final" : "stage " + o.stage();
            throw new IllegalArgumentException("order " + orderId + " is not in Fail (" + why + "): nothing to resolve");
        }
        return o;
    }
}
