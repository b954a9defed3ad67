package org.opensmm.provider;

import org.opensmm.account.Actor;
import org.opensmm.account.Refused;
import org.opensmm.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scheduled re-import: a provider set to every N hours has its services list imported again once the last
 * successful import (by hand or not) is that old, so markup rates follow upstream without anyone asking. A ticker of
 * its own, started with the fulfilment workers; of several nodes, the one whose UPDATE takes the lease imports it. A
 * failed import is tried again after {@link #RETRY}, not N hours later: only a success moves {@code imported_at}.
 */
public final class Reimport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reimport.class);
    static final Actor ENGINE = new Actor.Engine("reimport");
    /** How long a claim holds the provider: longer than an import takes, so a node that died mid-import only delays it. */
    static final Duration LEASE = Duration.ofMinutes(15);
    /** The back-off after a failed import: the next tick past it tries again. */
    static final Duration RETRY = Duration.ofMinutes(5);
    // the claim: a due provider whose lease is free gets one, so no other node (nor the next tick) imports it meanwhile
    private static final String CLAIM = """
            UPDATE provider SET reimport_lease_until = ? WHERE id = ? AND enabled = TRUE AND reimport_hours IS NOT NULL
            AND (imported_at IS NULL OR imported_at <= ? - reimport_hours * CAST(3600000 AS BIGINT))
            AND (reimport_lease_until IS NULL OR reimport_lease_until <= ?)""";
    // success frees the lease (imported_at, moved by the import, says when next); failure keeps it as the back-off
    private static final String RELEASE = "UPDATE provider SET reimport_lease_until = ? WHERE id = ?";

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

    public Schedule schedule(long providerId) {
        return db.read(tx -> tx.one("SELECT reimport_hours, imported_at FROM provider WHERE id = ?",
                rs -> new Schedule((Integer) rs.getObject(1), (Long) rs.getObject(2)), providerId))
                .orElseThrow(() -> new Refused("no provider " + providerId, "refused.no_provider", providerId));
    }

    /** How often a list may be imported again: 1 to 720 hours, or null for never (by hand only). */
    static void checkHours(Integer everyHours) {
        if (everyHours != null && (everyHours < 1 || everyHours > 720)) {
            throw new Refused("re-import every 1 to 720 hours, or never", "refused.reimport_hours");
        }
    }

    /** Imports every provider that is due; the ids imported. One failing provider does not stop the others. */
    public List<Long> runDue() {
        long now = clock.millis();
        List<Long> due = db.read(tx -> tx.list("SELECT id FROM provider WHERE enabled = TRUE AND reimport_hours IS NOT NULL ORDER BY id",
                rs -> rs.getLong(1)));
        var done = new ArrayList<Long>();
        for (long id : due) {
            if (db.inTransaction(tx -> tx.update(CLAIM, now + LEASE.toMillis(), id, now, now)) != 1) continue;
            boolean imported = importNow(id);
            if (imported) done.add(id);
            db.inTransaction(tx -> tx.update(RELEASE, imported ? null : clock.millis() + RETRY.toMillis(), id));
        }
        return done;
    }

    private boolean importNow(long id) {
        try {
            var diff = upstream.importServices(ENGINE, id);
            log.info("re-imported provider {}: {} new, {} changed, {} removed, {} repriced", id, diff.added().size(),
                    diff.changed().size(), diff.removed().size(), diff.repriced().size());
            return true;
        } catch (RuntimeException e) {
            log.warn("re-import of provider {} failed, next try in {} minutes: {}", id, RETRY.toMinutes(), e.toString());
            return false;
        }
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
