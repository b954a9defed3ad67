package org.opensmm.provider;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scheduled re-import: a provider set to every N hours has its services list imported again once the last import
 * (by hand or not) is that old, so markup rates follow upstream without anyone asking. A ticker of its own, started
 * with the fulfilment workers; of several nodes, the one whose UPDATE claims the provider imports it.
 */
public final class Reimport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reimport.class);
    static final Actor ENGINE = new Actor.Engine("reimport");
    // the claim: moves imported_at to now, so no other node (nor the next tick) imports the provider again for N hours
    private static final String CLAIM = """
            UPDATE provider SET imported_at = ? WHERE id = ? AND enabled = TRUE AND reimport_hours IS NOT NULL
            AND (imported_at IS NULL OR imported_at <= ? - reimport_hours * CAST(3600000 AS BIGINT))""";

    private final Database db;
    private final UpstreamCatalog upstream;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public Reimport(Database db, UpstreamCatalog upstream, Clock clock) {
        this.db = db;
        this.upstream = upstream;
        this.clock = clock;
    }

    /** Every how many hours (null: by hand only), and when the last import was (null: never). */
    public record Schedule(Integer everyHours, Long importedAt) {}

    public Schedule schedule(long providerId) { return db.read(tx -> schedule(tx, providerId)); }

    private static Schedule schedule(org.opensmm.db.Tx tx, long providerId) throws java.sql.SQLException {
        return tx.one("SELECT reimport_hours, imported_at FROM provider WHERE id = ? FOR UPDATE",
                rs -> new Schedule((Integer) rs.getObject(1), (Long) rs.getObject(2)), providerId)
                .orElseThrow(() -> new Refused("no provider " + providerId));
    }

    /** A person sets how often the provider's list is imported again: 1 to 720 hours, or null for never. */
    public void set(Actor who, long providerId, Integer everyHours) {
        if (everyHours != null && (everyHours < 1 || everyHours > 720)) throw new Refused("re-import every 1 to 720 hours, or never");
        db.inTransaction(tx -> {
            Schedule before = schedule(tx, providerId);
            tx.update("UPDATE provider SET reimport_hours = ? WHERE id = ?", everyHours, providerId);
            Audit.record(tx, who, "provider.reimport", "provider", providerId, Map.of("everyHours", String.valueOf(before.everyHours())),
                    Map.of("everyHours", String.valueOf(everyHours)));
            return null;
        });
    }

    /** Imports every provider that is due; the ids imported. One failing provider does not stop the others. */
    public List<Long> runDue() {
        long now = clock.millis();
        List<Long> due = db.read(tx -> tx.list("SELECT id FROM provider WHERE enabled = TRUE AND reimport_hours IS NOT NULL ORDER BY id",
                rs -> rs.getLong(1)));
        var done = new ArrayList<Long>();
        for (long id : due) {
            if (db.inTransaction(tx -> tx.update(CLAIM, now, id, now)) != 1) continue;
            try {
                var diff = upstream.importServices(ENGINE, id);
                log.info("re-imported provider {}: {} new, {} changed, {} removed, {} repriced", id, diff.added().size(),
                        diff.changed().size(), diff.removed().size(), diff.repriced().size());
                done.add(id);
            } catch (RuntimeException e) {
                log.warn("re-import of provider {} failed, next try in its interval: {}", id, e.toString());
            }
        }
        return done;
    }

    public synchronized void start(Duration every) {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reimport");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                log.warn("re-import tick failed: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override public synchronized void close() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }
}
