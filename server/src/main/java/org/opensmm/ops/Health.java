package org.opensmm.ops;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.opensmm.db.Database;
import org.opensmm.fulfil.Fulfilment;
import org.opensmm.http.Request;
import org.opensmm.http.Response;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * /health/live and /health/ready for load balancers and orchestrators: JSON, 200 or 503. Live says the process
 * answers; ready that this node can do its work: the database answers, its schema is the one this build expects
 * (not older, not migrated further by a newer node), and the workers run when this node should run them.
 */
public final class Health {
    static final String LATEST_MIGRATION = "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
            + " ORDER BY installed_rank DESC LIMIT 1";

    private final Database db;
    private final String expected;        // the latest migration this build ships
    private final boolean workersWanted;
    private final BooleanSupplier workersRunning;

    public Health(Database db, Fulfilment fulfilment, boolean workersWanted) {
        this.db = db;
        this.expected = latestShipped(db);
        this.workersWanted = workersWanted;
        this.workersRunning = fulfilment::running;
    }

    public Response live(Request request) { return Response.json(200, "{\"status\":\"up\"}"); }

    public Response ready(Request request) {
        String database, migrations;
        boolean ok;
        try {
            record Latest(String version, boolean success) {}
            Latest latest = db.read(tx -> tx.one(LATEST_MIGRATION, rs -> new Latest(rs.getString(1), rs.getBoolean(2)))).orElse(null);
            database = "ok";
            if (latest == null) {
                migrations = "none applied; this build expects " + expected;
                ok = false;
            } else if (!latest.success()) {
                migrations = "migration " + latest.version() + " failed";
                ok = false;
            } else if (!latest.version().equals(expected)) {
                migrations = "database at " + latest.version() + ", this build expects " + expected;
                ok = false;
            } else {
                migrations = "current (" + expected + ")";
                ok = true;
            }
        } catch (RuntimeException e) {
            database = "unreachable: " + rootCause(e);
            migrations = "unknown";
            ok = false;
        }
        String workers = !workersWanted ? "off" : workersRunning.getAsBoolean() ? "running" : "stopped";
        ok &= !workers.equals("stopped");
        return Response.json(ok ? 200 : 503, "{\"status\":" + quote(ok ? "ready" : "not ready") + ",\"database\":" + quote(database)
                + ",\"migrations\":" + quote(migrations) + ",\"workers\":" + quote(workers) + "}");
    }

    /**
     * Why the database did not answer, in the driver's words: the pool's own "request timed out" would hide a dropped
     * database or a refused connection behind what reads like load.
     */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    /** The highest version among the migrations in this build (not those a newer build applied). */
    static String latestShipped(Database db) {
        MigrationInfo[] all = Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load().info().all();
        return Arrays.stream(all).filter(m -> m.getVersion() != null && m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion).max(Comparable::compareTo).map(Object::toString).orElse("none");
    }

    static String quote(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
