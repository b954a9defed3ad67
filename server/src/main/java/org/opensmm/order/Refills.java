package org.opensmm.order;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Service;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Refill requests: free re-delivery of lost units of a finished order, one in flight per order. */
public final class Refills {
    public enum State {
        PENDING("Pending"), IN_PROGRESS("In progress"), COMPLETED("Completed"), REJECTED("Rejected"), ERROR("Error");

        private final String wire;

        State(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public boolean finished() { return this == COMPLETED || this == REJECTED || this == ERROR; }

        /** Any unfinished status may become any other (upstream may say Pending again); a finished one has no way out. */
        public boolean canMoveTo(State next) { return !finished() && next != this; }

        public static State parse(String text) {
            String t = text == null ? "" : text.strip().replace('_', ' ');
            for (State s : values()) if (s.wire.equalsIgnoreCase(t)) return s;
            throw new IllegalArgumentException("refill status must be one of Pending, In progress, Completed, Rejected, Error");
        }
    }

    public record Refill(long id, long orderId, long customerId, State status, RefillStage stage, String externalId,
                         String providerError, long createdAt, long updatedAt) {}

    private static final String COLUMNS = "id, order_id, customer_id, status, stage, external_id, provider_error, created_at, updated_at";
    // The guard: an order with a refill in flight, or inside its cool-down, cannot take another.
    private static final String OPEN = """
            UPDATE orders SET refilling = TRUE, last_refill_at = ?
            WHERE id = ? AND refilling = FALSE AND (last_refill_at IS NULL OR last_refill_at <= ?)""";
    private static final String INSERT = "INSERT INTO refill (order_id, customer_id, status, stage, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String RESOLVE = "UPDATE refill SET status = ?, stage = ?, updated_at = ? WHERE id = ?";
    private static final String FREE = "UPDATE orders SET refilling = FALSE WHERE id = ?";

    private final Database db;
    private final Catalog catalog;
    private final Orders orders;
    private final Clock clock;

    public Refills(Database db, Catalog catalog, Orders orders, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.orders = orders;
        this.clock = clock;
    }

    /** {@code action=refill} for one order: the new refill's id, or a Refusal with PROTOCOL.md's text. */
    public long request(long customer, long orderId) {
        return db.inTransaction(tx -> {
            Order o = orders.find(tx, orderId).filter(x -> x.customerId() == customer)
                    .orElseThrow(() -> new Refusal(Fixed.INCORRECT_ORDER_ID));
            Service service = catalog.find(tx, o.serviceId()).orElseThrow(() -> new Refusal(Fixed.INCORRECT_ORDER_ID));
            if (!service.refill()) throw new Refusal(Fixed.REFILL_DISABLED);
            long now = clock.millis();
            boolean delivered = o.status() == Status.COMPLETED || o.status() == Status.PARTIAL;
            boolean inWindow = o.completedAt() != null && now <= o.completedAt() + Duration.ofDays(service.refillDays()).toMillis();
            if (!delivered || !inWindow) throw new Refusal(Fixed.REFILL_NOT_AVAILABLE);
            long cooledDown = now - Duration.ofMinutes(service.refillCooldownMinutes()).toMillis();
            if (tx.update(OPEN, now, orderId, cooledDown) != 1) throw new Refusal(Fixed.REFILL_ALREADY_REQUESTED);
            long refill = tx.insert(INSERT, orderId, customer, State.PENDING.wire(), RefillStage.NEW.name(), now, now);
            OrderEvents.add(tx, orderId, now, OrderEvents.Source.CUSTOMER, OrderEvents.What.REFILL, null, State.PENDING.wire(), null);
            return refill;
        });
    }

    /** The caller's refills among {@code ids}; others' look missing. */
    public Map<Long, Refill> ofCustomer(long customer, List<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        Tx.InList in = Tx.in(customer, ids);
        return db.read(tx -> {
            var out = new HashMap<Long, Refill>();
            for (Refill r : tx.list("SELECT " + COLUMNS + " FROM refill WHERE customer_id = ? AND id IN (" + in.marks() + ")",
                    Refills::refill, in.args())) out.put(r.id(), r);
            return out;
        });
    }

    /** A person sets a refill's outcome, as its provider would report it; a finished refill frees the order for the next one. */
    public Refill resolve(Actor who, long refillId, State status) {
        return resolve(Optional.of(who), refillId, status);
    }

    /** Sets a refill's status (operator or fulfilment); a finished refill frees the order for the next one. */
    public Refill resolve(long refillId, State status) { return resolve(Optional.empty(), refillId, status); }

    private Refill resolve(Optional<Actor> who, long refillId, State status) {
        return db.inTransaction(tx -> {
            Refill r = tx.one("SELECT " + COLUMNS + " FROM refill WHERE id = ? FOR UPDATE", Refills::refill, refillId)
                    .orElseThrow(() -> new IllegalArgumentException("no refill " + refillId));
            if (r.status().finished()) throw new IllegalStateException("refill " + refillId + " is already " + r.status().wire());
            long now = clock.millis();
            RefillStage stage = status.finished() ? r.stage().checkedMove(RefillStage.DONE) : r.stage();
            tx.update(RESOLVE, status.wire(), stage.name(), now, refillId);
            if (status.finished()) tx.update(FREE, r.orderId());
            OrderEvents.add(tx, r.orderId(), now, who.isPresent() ? OrderEvents.Source.OPERATOR : OrderEvents.Source.ENGINE,
                    OrderEvents.What.REFILL, r.status().wire(), status.wire(), null);
            Refill after = new Refill(r.id(), r.orderId(), r.customerId(), status, stage,
                    r.externalId(), r.providerError(), r.createdAt(), now);
            if (who.isPresent()) Audit.record(tx, who.get(), "refill.set-status", "refill", refillId, r, after);
            return after;
        });
    }

    /** A customer's own refill requests, newest first: one page (from 1) of at most {@code size}, one more to tell if another follows. */
    public List<Refill> ofCustomer(long customer, int page, int size) {
        long offset = (long) (Math.max(1, page) - 1) * size;
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM refill WHERE customer_id = ? ORDER BY id DESC" + Tx.page(size + 1, offset),
                Refills::refill, customer));
    }

    /** One order's refill requests, newest first (the order's own page). */
    static List<Refill> ofOrder(Tx tx, long orderId) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM refill WHERE order_id = ? ORDER BY id DESC", Refills::refill, orderId);
    }

    /** Refills by status (null: all), newest first, for the operator. */
    public List<Refill> list(State status, int limit) {
        return db.read(tx -> status == null
                ? tx.list("SELECT " + COLUMNS + " FROM refill ORDER BY id DESC LIMIT ?", Refills::refill, limit)
                : tx.list("SELECT " + COLUMNS + " FROM refill WHERE status = ? ORDER BY id DESC LIMIT ?", Refills::refill, status.wire(), limit));
    }

    static Refill refill(ResultSet rs) throws SQLException {
        return new Refill(rs.getLong(1), rs.getLong(2), rs.getLong(3), State.parse(rs.getString(4)), RefillStage.valueOf(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9));
    }
}
