package org.opensmm.order;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Work handed to people and their workers (Admin API {@code orders/pull}, {@code cancel/pull}, {@code refill/pull}):
 * manual orders, their cancel requests and refills. Each is claimed by one guarded UPDATE over rows locked with
 * SKIP LOCKED, so two workers pulling at once never get the same item, and a claimed item leaves the queue.
 */
public final class ManualWork {
    /** Orders older than this are not handed out (ADMIN-API.md: the last 90 days). */
    static final Duration WINDOW = Duration.ofDays(90);

    private static final String PULL = """
            UPDATE orders SET status = ?, updated_at = ?
            WHERE id IN (SELECT id FROM orders WHERE stage = ? AND status = ? AND created_at >= ? %s
                         ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
              AND stage = ? AND status = ?
            RETURNING id""";
    private static final String PULL_CANCELS = """
            UPDATE orders SET cancel_pulled_at = ?
            WHERE id IN (SELECT id FROM orders WHERE stage = ? AND cancel_state = ? AND cancel_pulled_at IS NULL
                           AND\s""" + Status.UNFINISHED + """
                          %s ORDER BY cancel_requested_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
              AND cancel_pulled_at IS NULL
            RETURNING id""";
    private static final String PULL_REFILLS = """
            UPDATE refill SET status = ?, updated_at = ?
            WHERE id IN (SELECT r.id FROM refill r JOIN orders o ON o.id = r.order_id
                         WHERE r.status = ? AND r.stage = ? AND o.provider_id IS NULL %s
                         ORDER BY r.id LIMIT ? FOR UPDATE OF r SKIP LOCKED)
              AND status = ?
            RETURNING id""";

    private final Database db;
    private final Clock clock;

    public ManualWork(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Pending manual orders, oldest first, moved to Processing: each handed out once. */
    public List<OrderSearch.Found> pullOrders(Actor who, List<Long> serviceIds, int limit) {
        long now = clock.millis();
        return db.inTransaction(tx -> {
            var args = new ArrayList<Object>(List.of(Status.PROCESSING.wire(), now, Stage.MANUAL.name(), Status.PENDING.wire(),
                    now - WINDOW.toMillis()));
            String services = services(args, "service_id", serviceIds);
            args.add(limit);
            args.add(Stage.MANUAL.name());
            args.add(Status.PENDING.wire());
            List<Long> ids = tx.list(PULL.formatted(services), rs -> rs.getLong(1), args.toArray());
            var sorted = ids.stream().sorted().toList();
            for (long id : sorted) {
                Audit.record(tx, who, "order.pull", "order", id, Map.of("status", Status.PENDING.wire()), Map.of("status", Status.PROCESSING.wire()));
                OrderEvents.add(tx, id, now, OrderEvents.Source.OPERATOR, OrderEvents.What.STATUS, Status.PENDING.wire(), Status.PROCESSING.wire(), null);
            }
            return OrderSearch.many(tx, sorted);
        });
    }

    /** Open cancel requests of manual orders, oldest request first, each handed out once. */
    public List<OrderSearch.Found> pullCancels(Actor who, List<Long> serviceIds, int limit) {
        long now = clock.millis();
        return db.inTransaction(tx -> {
            var args = new ArrayList<Object>(List.of(now, Stage.MANUAL.name(), CancelState.REQUESTED.name()));
            String services = services(args, "service_id", serviceIds);
            args.add(limit);
            List<Long> ids = tx.list(PULL_CANCELS.formatted(services), rs -> rs.getLong(1), args.toArray());
            var found = new ArrayList<>(OrderSearch.many(tx, ids));
            found.sort(java.util.Comparator.comparing((OrderSearch.Found f) -> f.cancelRequestedAt() == null ? 0L : f.cancelRequestedAt())
                    .thenComparing(f -> f.order().id()));
            for (var f : found) Audit.record(tx, who, "order.cancel-pull", "order", f.order().id(), null, Map.of("cancelPulledAt", now));
            return found;
        });
    }

    /** A refill handed out with the order it belongs to. */
    public record PulledRefill(Refills.Refill refill, OrderSearch.Found order) {}

    /** Pending refills of manual orders, oldest first, moved to In progress: each handed out once. */
    public List<PulledRefill> pullRefills(Actor who, List<Long> serviceIds, int limit) {
        long now = clock.millis();
        return db.inTransaction(tx -> {
            var args = new ArrayList<Object>(List.of(Refills.State.IN_PROGRESS.wire(), now, Refills.State.PENDING.wire(),
                    RefillStage.NEW.name()));
            String services = services(args, "o.service_id", serviceIds);
            args.add(limit);
            args.add(Refills.State.PENDING.wire());
            List<Long> ids = tx.list(PULL_REFILLS.formatted(services), rs -> rs.getLong(1), args.toArray()).stream().sorted().toList();
            var out = new ArrayList<PulledRefill>();
            for (long id : ids) {
                Refills.Refill r = tx.one("SELECT id, order_id, customer_id, status, stage, external_id, provider_error, created_at, updated_at FROM refill WHERE id = ?",
                        Refills::refill, id).orElseThrow();
                Audit.record(tx, who, "refill.pull", "refill", id, Map.of("status", Refills.State.PENDING.wire()), Map.of("status", r.status().wire()));
                OrderEvents.add(tx, r.orderId(), now, OrderEvents.Source.OPERATOR, OrderEvents.What.REFILL, Refills.State.PENDING.wire(),
                        r.status().wire(), "refill " + id);
                out.add(new PulledRefill(r, OrderSearch.one(tx, r.orderId()).orElseThrow()));
            }
            return out;
        });
    }

    /** One refill with its order, for replies. */
    public java.util.Optional<PulledRefill> refill(long id) {
        return db.read(tx -> {
            var r = tx.one("SELECT id, order_id, customer_id, status, stage, external_id, provider_error, created_at, updated_at FROM refill WHERE id = ?",
                    Refills::refill, id);
            if (r.isEmpty()) return java.util.Optional.<PulledRefill>empty();
            return java.util.Optional.of(new PulledRefill(r.get(), OrderSearch.one(tx, r.get().orderId()).orElseThrow()));
        });
    }

    private static String services(List<Object> args, String column, List<Long> serviceIds) {
        if (serviceIds == null || serviceIds.isEmpty()) return "";
        args.addAll(serviceIds);
        return " AND " + column + " IN (" + Tx.marks(serviceIds.size()) + ")";
    }
}
