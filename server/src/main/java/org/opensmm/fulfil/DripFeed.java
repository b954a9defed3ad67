package org.opensmm.fulfil;

import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;
import org.opensmm.order.CancelState;
import org.opensmm.order.Cancels;
import org.opensmm.order.Order;
import org.opensmm.order.OrderEvents;
import org.opensmm.order.Orders;
import org.opensmm.order.Placement;
import org.opensmm.order.Stage;
import org.opensmm.order.Stages;
import org.opensmm.order.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Drip-feed delivered by us, for upstream services that cannot take runs and interval: the order (stage DRIP) gets
 * one child order per run, charged nothing (the parent carries the charge), created one interval after the previous
 * one and forwarded like any order. The parent shows the runs' progress, and when the last run ends it settles once:
 * Completed, Partial (refunding the undelivered share) or Canceled.
 */
final class DripFeed {
    private static final Logger log = LoggerFactory.getLogger(DripFeed.class);

    private static final String DUE = "SELECT id FROM orders WHERE stage = ? AND next_at <= ? ORDER BY stage, next_at LIMIT ?";
    private static final String CHILDREN = """
            SELECT id, status, start_count, remains, stage, cancel_state, created_at FROM orders WHERE parent_id = ? ORDER BY id""";

    private final Engine engine;
    private final Orders rows = new Orders();
    private final Stages stages = new Stages();
    private final Cancels cancels = new Cancels();

    DripFeed(Engine engine) { this.engine = engine; }

    private record Run(long id, Status status, long startCount, long remains, Stage stage, CancelState cancelState, long createdAt) {}

    void tick() {
        List<Long> due = engine.db().read(tx -> tx.list(DUE, rs -> rs.getLong(1), Stage.DRIP.name(), engine.now(), Settings.BATCH));
        for (long parent : due) {
            try {
                engine.db().inTransaction(tx -> {
                    visit(tx, parent, engine.now());
                    return null;
                });
            } catch (RuntimeException e) {
                log.error("drip-feed order {} could not be advanced", parent, e);
            }
        }
    }

    /** Under the parent's row lock, so two processes never add the same run. */
    private void visit(Tx tx, long id, long now) throws SQLException {
        Order parent = rows.lock(tx, id).orElse(null);
        if (parent == null || parent.stage() != Stage.DRIP) return;
        Long nextAt = tx.one("SELECT next_at FROM orders WHERE id = ?", rs -> rs.getObject(1, Long.class), id).orElse(null);
        if (nextAt != null && nextAt > now) return; // another process was here first
        int runs = parent.runs();
        long perRun = parent.quantity() / runs;
        long interval = parent.interval() * 60_000L;
        boolean canceling = parent.cancelState() == CancelState.REQUESTED;
        List<Run> children = children(tx, id);
        if (canceling) {
            for (Run c : children) stop(tx, c, now);
        } else if (children.size() < runs && (children.isEmpty() || nextRunDue(children.getLast(), interval, now))) {
            addRun(tx, parent, perRun, now);
        }
        children = children(tx, id);
        int created = children.size();
        long left = (runs - created) * perRun + children.stream().mapToLong(Run::remains).sum();
        long startCount = children.isEmpty() ? parent.startCount() : children.getFirst().startCount();
        boolean allRunsOver = (created == runs || canceling) && children.stream().allMatch(c -> c.status().finished());
        if (allRunsOver) {
            Status end = left == 0 ? Status.COMPLETED : left == parent.quantity() ? Status.CANCELED : Status.PARTIAL;
            engine.orders().settle(tx, id, end, startCount, left);
            stages.dripDone(tx, id);
            return;
        }
        Status now2 = children.stream().anyMatch(c -> c.status() != Status.PENDING) ? Status.IN_PROGRESS : parent.status();
        if (now2 != parent.status() || left != parent.remains() || startCount != parent.startCount()) {
            rows.dripProgress(tx, id, now2, startCount, left, now);
        }
        long poll = now + engine.settings().syncEvery().toMillis();
        // interval 0 waits for the last run to end, which its status sync nudges us about: polling at the usual pace is enough
        long next = created < runs && !canceling && interval > 0 ? Math.min(poll, children.getLast().createdAt() + interval) : poll;
        rows.nextAt(tx, id, next);
    }

    /** Interval 0 (PROTOCOL.md allows ≥ 1; panels send 0): the next run once the last has ended, as fast as delivery goes. */
    private static boolean nextRunDue(Run last, long interval, long now) {
        return interval == 0 ? last.status().finished() : now >= last.createdAt() + interval;
    }

    private List<Run> children(Tx tx, long parent) throws SQLException {
        return tx.list(CHILDREN, rs -> new Run(rs.getLong(1), Status.ofWire(rs.getString(2)), rs.getLong(3),
                rs.getLong(4), Stage.valueOf(rs.getString(5)), CancelState.of(rs.getString(6)), rs.getLong(7)), parent);
    }

    /** One run: the parent's fields with the per-run quantity and no drip-feed of its own; free, the parent paid. */
    private void addRun(Tx tx, Order parent, long perRun, long now) throws SQLException {
        var fields = new LinkedHashMap<>(parent.fields());
        fields.remove("runs");
        fields.remove("interval");
        fields.put("quantity", Long.toString(perRun));
        var run = new Placement(parent.link(), perRun, null, null, perRun, fields);
        rows.insert(tx, new Orders.New(parent.customerId(), parent.serviceId(), parent.type(), parent.id(), run, parent.rate(),
                Money.ZERO, null, Stage.NEW, now));
    }

    /** Canceling: a run not yet picked up ends here; one sent upstream gets its cancel forwarded. */
    private void stop(Tx tx, Run c, long now) throws SQLException {
        if (c.status().finished()) return;
        if (c.stage() == Stage.NEW && stages.end(tx, c.id(), Stage.NEW, OrderEvents.Source.ENGINE) == 1) {
            engine.orders().settle(tx, c.id(), Status.CANCELED, null, null);
        } else if (c.stage() == Stage.SENT && c.cancelState() == null) {
            cancels.requestFirst(tx, c.id(), now);
        }
    }
}
