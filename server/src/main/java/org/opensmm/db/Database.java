package org.opensmm.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The one pool and the one way to run a transaction: everything in {@code work} commits together or not at all. */
public final class Database implements AutoCloseable {
    /** Lock timeouts, deadlocks and serialization failures: the whole transaction is safe to run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "55P03");
    private static final int ATTEMPTS = 8;
    /**
     * How long a transaction waits for a free connection. Transactions last milliseconds, so a longer wait means the
     * panel is overloaded: a quick "busy" (503, Retry-After) serves clients better than a 10 s queue they give up on.
     */
    private static final int CONNECTION_WAIT_MILLIS = 2_000;

    private final HikariDataSource pool;
    /** Set while this thread holds a connection: one that waits for a second can leave every connection waiting. */
    private final ThreadLocal<Boolean> holding = new ThreadLocal<>();

    /**
     * Turns for a connection, first come first served. Hikari hands a returned connection to whichever thread asks
     * next, so under load a waiting request can lose again and again; this queue keeps the slowest reply near the typical one.
     */
    private final Semaphore turns;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.turns = new Semaphore(pool.getMaximumPoolSize(), true);
    }

    /** Opens the pool on a PostgreSQL JDBC URL and brings the schema up to date. */
    public static Database open(String jdbcUrl, int poolSize) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("OPENSMM_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://…), not " + jdbcUrl.split("[?;]")[0]);
        }
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setAutoCommit(false);
        config.setPoolName("opensmm");
        config.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        // server-side prepared statements from the first execution: the hot queries are few and fixed
        config.addDataSourceProperty("prepareThreshold", "1");
        var pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    public DataSource dataSource() { return pool; }

    /** Units of work waiting their turn for a connection (the pool's own pending count stays 0: they wait here). */
    public int waiting() { return turns.getQueueLength(); }

    public interface Work<T> { T run(Tx tx) throws SQLException; }

    /** Runs {@code work} in one transaction, retrying it whole on lock timeouts and deadlocks. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            Connection c = connection();
            try (c) {
                try {
                    T result = work.run(new Tx(c));
                    c.commit();
                    return result;
                } catch (Throwable t) {
                    rollbackQuietly(c);
                    throw t;
                }
            } catch (SQLException e) {
                // a pool timeout never gets here: it is Busy, thrown by connection() (it has no SQLState either)
                if (attempt < ATTEMPTS && e.getSQLState() != null && RETRYABLE.contains(e.getSQLState())) {
                    Thread.onSpinWait();
                    continue;
                }
                throw new DatabaseException(e);
            } finally {
                done();
            }
        }
    }

    /**
     * Reads in autocommit: no BEGIN/COMMIT round trips for the hot reads (key, status, balance). Each statement sees
     * committed data; work that must see one snapshot, or writes, belongs in {@link #inTransaction}.
     */
    public <T> T read(Work<T> work) {
        Connection c = connection();
        try (c) {
            c.setAutoCommit(true); // the pool puts it back to manual commit when the connection returns
            return work.run(new Tx(c));
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } finally {
            done();
        }
    }

    /**
     * A connection for this thread's only open unit of work. Work that needs more data reads it first or passes its Tx
     * on: with every connection held by work waiting for a second one, nothing moves until the wait times out.
     */
    private Connection connection() {
        if (holding.get() != null) throw new IllegalStateException("a second pool connection asked for inside a transaction");
        try {
            if (!turns.tryAcquire(CONNECTION_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new Busy(new SQLException("no connection came free in " + CONNECTION_WAIT_MILLIS + " ms ("
                        + pool.getMaximumPoolSize() + " in use, " + turns.getQueueLength() + " waiting)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(new SQLException("interrupted while waiting for a connection"));
        }
        try {
            Connection c = pool.getConnection();
            holding.set(Boolean.TRUE);
            return c;
        } catch (SQLException e) { // Hikari's message names the wait and counts active and waiting connections
            turns.release();
            throw new Busy(e);
        }
    }

    private void done() {
        if (holding.get() != null) turns.release();
        holding.remove();
    }

    private static void rollbackQuietly(Connection c) {
        try { c.rollback(); } catch (SQLException ignored) { /* the connection is discarded by the pool */ }
    }

    @Override public void close() { pool.close(); }

    /** An unexpected database failure: logged by the caller with a request id, never shown as a stack trace. */
    public static sealed class DatabaseException extends RuntimeException permits Busy {
        public DatabaseException(SQLException cause) { this(cause.getMessage(), cause); }

        DatabaseException(String message, SQLException cause) { super(message, cause); }
        public String sqlState() { return ((SQLException) getCause()).getSQLState(); }
    }

    /** No connection came free in time: the panel is overloaded (or the database unreachable), worth a 503, not a bug. */
    public static final class Busy extends DatabaseException {
        Busy(SQLException cause) { super("database busy: " + cause.getMessage(), cause); }
    }
}
