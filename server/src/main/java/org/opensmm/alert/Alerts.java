package org.opensmm.alert;

import org.opensmm.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The operator's alerts: the rules are checked periodically on worker nodes, a condition newly seen opens an alert
 * and sends it by each channel once, and the alert clears when a later check no longer sees it (a recurrence is a
 * new alert, sent again). The open rows live in the database, so several nodes checking at once, or a restarted
 * one, send nothing twice: only the node whose INSERT opened the row, or that claims an unsent one, sends.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private static final String COLUMNS = "id, key, text, opened_at, cleared_at, mailed_at, posted_at";
    // the partial unique index alert_open makes this a no-op when the alert is open already, on whichever node
    private static final String OPEN = """
            INSERT INTO alert (key, text, opened_at) VALUES (?, ?, ?) ON CONFLICT (key) WHERE cleared_at IS NULL DO NOTHING""";
    private static final String CLEAR = "UPDATE alert SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL";
    // a node sending an alert holds it this long; a node that died meanwhile leaves it to the next check anywhere
    private static final Duration HOLD = Duration.ofMinutes(1);
    private static final String CLAIM = """
            UPDATE alert SET sending_until = ? WHERE id = ? AND cleared_at IS NULL AND (sending_until IS NULL OR sending_until < ?)""";

    private final Database db;
    private final Rules rules;
    private final List<Channel> channels;
    private final Clock clock;
    private ScheduledExecutorService timer;

    /** @param channels where alerts go; empty: they are only listed ({@code opensmm alerts}, the admin dashboard) */
    public Alerts(Database db, Rules rules, List<Channel> channels, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    /** What counts as needing the operator (the admin dashboard lists the stuck orders by the same rule). */
    public Rules rules() { return rules; }

    /** The alerts open now, oldest first: what {@code opensmm alerts} prints and the admin dashboard shows. */
    public List<Alert> open() {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM alert WHERE cleared_at IS NULL ORDER BY opened_at, id", Alerts::alert));
    }

    /** The latest alerts, open or cleared, newest first. */
    public List<Alert> recent(int limit) {
        return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM alert ORDER BY id DESC LIMIT ?", Alerts::alert, limit));
    }

    /** One pass: checks every rule, opens and clears alerts, and sends what has not been sent. */
    public void check() {
        long now = clock.millis();
        Rules.Evaluation seen = rules.evaluate(db, now);
        Set<String> keep = new HashSet<>(seen.unknown());
        db.inTransaction(tx -> {
            for (Rules.Finding f : seen.firing()) {
                keep.add(f.key());
                if (tx.update(OPEN, f.key(), clip(f.text()), now) == 1) log.warn("alert: {}", f.text());
            }
            for (Alert a : tx.list("SELECT " + COLUMNS + " FROM alert WHERE cleared_at IS NULL", Alerts::alert)) {
                if (!keep.contains(a.key()) && tx.update(CLEAR, now, a.id()) == 1) log.info("alert cleared: {}", a.text());
            }
            return null;
        });
        sendUnsent(now);
    }

    private void sendUnsent(long now) {
        if (channels.isEmpty()) return;
        String unsent = String.join(" OR ", channels.stream().map(c -> c.column() + " IS NULL").toList());
        List<Alert> due = db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM alert WHERE cleared_at IS NULL AND (" + unsent
                + ") AND (sending_until IS NULL OR sending_until < ?) ORDER BY id", Alerts::alert, now));
        for (Alert a : due) {
            if (db.inTransaction(tx -> tx.update(CLAIM, now + HOLD.toMillis(), a.id(), now)) != 1) continue; // another node has it
            boolean all = true;
            for (Channel c : channels) {
                if (c.delivered(a)) continue;
                try {
                    c.send(a);
                    db.inTransaction(tx -> tx.update("UPDATE alert SET " + c.column() + " = ? WHERE id = ?", clock.millis(), a.id()));
                } catch (Exception e) {
                    all = false; // held until HOLD passes: tried again then, and the channels that worked are not repeated
                    log.warn("alert {} not delivered by {}: {}", a.key(), c.getClass().getSimpleName(), e.toString());
                }
            }
            if (all) db.inTransaction(tx -> tx.update("UPDATE alert SET sending_until = NULL WHERE id = ?", a.id()));
        }
    }

    /** Checks every {@code every} on a thread of its own, from now on; a failed check is logged and the next one runs. */
    public synchronized Alerts start(Duration every) {
        if (timer != null) return this;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alerts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("alert check failed: {}", e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override public synchronized void close() {
        if (timer == null) return;
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }

    private static String clip(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), (Long) rs.getObject(5),
                (Long) rs.getObject(6), (Long) rs.getObject(7));
    }
}
