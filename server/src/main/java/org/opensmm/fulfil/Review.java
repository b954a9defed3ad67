package org.opensmm.fulfil;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.db.Database;
import org.opensmm.order.Order;
import org.opensmm.order.OrderEvents;
import org.opensmm.order.OrderService;
import org.opensmm.order.Orders;
import org.opensmm.order.Stage;
import org.opensmm.order.Stages;
import org.opensmm.order.Status;

import java.time.Clock;
import java.util.List;

/**
 * The operator's answers to orders in FAIL (and the attaching of a MANUAL one): an add with an unknown outcome or refused upstream, or an order upstream
 * whose provider reported something we will not apply by ourselves (an unknown status, a number out of bounds, a charge
 * past what the customer agreed to; its upstream id is kept). Send again (never one that is upstream), attach the upstream
 * order, or refund. The customer meanwhile sees the order as it was (Pending), never "Fail". A finished order is none of
 * these: it left FAIL when it finished.
 */
public final class Review {
    private static final String FAILED = "SELECT id FROM orders WHERE stage = ? AND " + Status.UNFINISHED + " ORDER BY id LIMIT ?";
    // Two of our orders on one upstream order: one of them is paid for and never delivered.
    private static final String TAKEN = "SELECT COALESCE(MIN(id), 0) FROM orders WHERE provider_id = ? AND external_id = ? AND id <> ?";

    private final Database db;
    private final OrderService orders;
    private final Orders rows = new Orders();
    private final Stages stages = new Stages();
    private final Clock clock;

    public Review(Database db, OrderService orders, Clock clock) {
        this.db = db;
        this.orders = orders;
        this.clock = clock;
    }

    /** Orders waiting for the operator, oldest first, with the provider's words in providerError. */
    public List<Order> failed(int limit) {
        List<Long> ids = db.read(tx -> tx.list(FAILED, rs -> rs.getLong(1), Stage.FAIL.name(), limit));
        return ids.stream().flatMap(id -> orders.find(id).stream()).toList();
    }

    /** Sends the order again: the operator has checked that the provider does not have it. */
    public Order resend(long orderId) { return resend(null, orderId); }

    /** A person sends a failed order again, having checked that its provider does not have it. */
    public Order resend(Actor who, long orderId) {
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
            if (stages.resend(tx, orderId, now) != 1) throw new IllegalStateException("order " + orderId + " changed meanwhile");
            if (who != null) Audit.record(tx, who, "order.resend", "order", orderId, o, rows.find(tx, orderId).orElseThrow());
            return null;
        });
        return orders.find(orderId).orElseThrow();
    }

    /** The operator found the order upstream as {@code externalId}: it is synced from now on, never sent again. */
    public Order attach(long orderId, long externalId) { return attach(null, orderId, null, externalId); }

    /** A person found a failed order at its provider as {@code externalId}: it is synced from now on. */
    public Order attach(Actor who, long orderId, long externalId) { return attach(who, orderId, null, externalId); }

    /**
     * A person found the order at provider {@code providerId} (null: the one it went to) as {@code externalId}: a failed
     * order, or a manual one they placed there by hand. It is synced from that provider from now on, never sent again.
     */
    public Order attach(Actor who, long orderId, Long providerId, long externalId) {
        Order o = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (o.stage() != Stage.MANUAL) failedOrder(orderId);
        else if (o.status().finished()) throw new IllegalArgumentException("order " + orderId + " is " + o.status().wire() + ", final");
        Long provider = providerId != null ? providerId : o.providerId();
        if (provider == null) throw new IllegalStateException("order " + orderId + " was never sent to a provider: say which provider has it");
        if (externalId <= 0) throw new IllegalArgumentException("an upstream order id is a positive number");
        long now = clock.millis();
        int attached = db.inTransaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM provider WHERE id = ?", provider) == 0) throw new IllegalArgumentException("no provider " + provider);
            long taken = tx.count(TAKEN, provider, Long.toString(externalId), orderId);
            if (taken != 0) throw new IllegalArgumentException("upstream order " + externalId + " is already our order " + taken);
            int moved = stages.attach(tx, orderId, o.stage(), provider, Long.toString(externalId), now);
            if (moved == 1 && who != null) Audit.record(tx, who, "order.attach", "order", orderId, o, rows.find(tx, orderId).orElseThrow());
            return moved;
        });
        if (attached != 1) throw new IllegalStateException("order " + orderId + " changed meanwhile");
        return orders.find(orderId).orElseThrow();
    }

    /** Cancels the order with a full refund (once: settle refuses a second one). */
    public Order refund(long orderId) { return refund(null, orderId); }

    /** A person cancels a failed order with a full refund. */
    public Order refund(Actor who, long orderId) {
        Order before = failedOrder(orderId);
        long now = clock.millis();
        return db.inTransaction(tx -> {
            if (stages.giveUp(tx, orderId, now) != 1) {
                throw new IllegalStateException("order " + orderId + " changed meanwhile");
            }
            Order o = orders.settle(tx, orderId, Status.CANCELED, null, null, OrderEvents.Source.OPERATOR);
            if (o.parentId() != null) rows.nudgeParents(tx, List.of(o.parentId()), now);
            if (who != null) Audit.record(tx, who, "order.fail-refund", "order", orderId, before, o);
            return o;
        });
    }


    private Order failedOrder(long orderId) {
        Order o = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (o.stage() != Stage.FAIL || o.status().finished()) {
            String why = o.status().finished() ? o.status().wire() + ", final" : "stage " + o.stage();
            throw new IllegalArgumentException("order " + orderId + " is not in Fail (" + why + "): nothing to resolve");
        }
        return o;
    }
}
