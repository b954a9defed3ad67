package org.opensmm.bench;

import org.opensmm.account.ApiKey;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.db.EmbeddedPostgres;
import org.opensmm.ledger.Money;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark database, named on the command line as {@code embedded:<dir>} (the panel's embedded PostgreSQL with
 * OPENSMM_DATA = that directory: what a default install runs) or {@code postgres:<name>} (a database of its own on
 * BENCH_PG_HOST, default 127.0.0.1:5432, user BENCH_PG_USER, default postgres, trust auth). The panel and the raw-JDBC
 * baseline open it with the same URL, pool and schema.
 *
 * <p>The embedded server is started by whoever opens it first in a process: {@link Panel#open} (then use
 * {@code panel.embedded}) or {@link #jdbcUrl} here, which keeps it for the process; a panel opened after that attaches
 * to it. {@link #drop} stops the one this object started.
 *
 * <p>{@code main}: {@code BenchDb drop postgres:<name>...} drops leftovers (bench/run calls it on exit; it stops
 * leftover embedded servers and deletes their directories itself).
 */
final class BenchDb implements AutoCloseable {
    /** Every benchmark customer has this API key pattern, so wrk's Lua scripts can build keys 1..N themselves. */
    static String key(int n) { return "bench-key-" + n; }
    static final String SERVICE_NAME = "Bench Followers";
    /** Large enough that no run ever refuses an order for funds: 10^9 at 0.09 an order. */
    static final Money OPENING = Money.parse("1000000000");
    /** The database the panel uses inside its embedded server (as {@link Panel#open} names it). */
    static final String EMBEDDED_DATABASE = "opensmm";

    final String spec;
    final boolean embedded;
    private final Path dir;
    private final String pgName;
    private EmbeddedPostgres server; // embedded only: started by jdbcUrl(), kept until drop()/close()

    private BenchDb(String spec, boolean embedded, Path dir, String pgName) {
        this.spec = spec;
        this.embedded = embedded;
        this.dir = dir;
        this.pgName = pgName;
    }

    static BenchDb parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        if (rest.isBlank()) throw new IllegalArgumentException("database spec is embedded:<dir> or postgres:<name>, not '" + spec + "'");
        return switch (kind) {
            case "embedded" -> new BenchDb(spec, true, Path.of(rest).toAbsolutePath(), null);
            case "postgres", "pg" -> {
                if (!rest.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("bad database name " + rest);
                yield new BenchDb(spec, false, null, rest);
            }
            default -> throw new IllegalArgumentException("database spec is embedded:<dir> or postgres:<name>, not '" + spec + "'");
        };
    }

    /** The panel's own configuration for this database: loopback, free port, no rate limit, no fulfilment workers. */
    Config config() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENSMM_PORT", "0");
        env.put("OPENSMM_RATE_LIMIT", "0");    // the load comes from a handful of keys
        env.put("OPENSMM_WORKERS", "false");   // nothing is mapped upstream; keep their polling out of the figures
        env.put("OPENSMM_CURRENCY", "USD");
        String pool = System.getenv("OPENSMM_DB_POOL");
        if (pool != null && !pool.isBlank()) env.put("OPENSMM_DB_POOL", pool.strip());
        if (embedded) env.put("OPENSMM_DATA", dir.toString());
        else env.put("OPENSMM_DB_URL", pgUrl(pgName));
        return Config.from(env);
    }

    /**
     * The panel's JDBC URL. Embedded: starts the server (or attaches to the one a panel of this or another process
     * runs) on first call and keeps it for this process.
     */
    synchronized String jdbcUrl() {
        if (!embedded) return pgUrl(pgName);
        if (server == null) server = EmbeddedPostgres.open(config().embeddedDir());
        return server.jdbcUrl(EMBEDDED_DATABASE);
    }

    /** The JDBC URL of the database {@code panel} (opened on this BenchDb) runs on, without starting anything. */
    static String jdbcUrl(Panel panel) {
        return panel.embedded != null ? panel.embedded.jdbcUrl(EMBEDDED_DATABASE) : panel.config.dbUrl();
    }

    int poolSize() { return config().poolSize(); }

    /**
     * A fresh database: PostgreSQL drops and re-creates it; embedded needs an empty directory (bench/run makes one per
     * run), where the panel's first start creates the server's files.
     */
    void create() throws Exception {
        if (embedded) {
            Files.createDirectories(dir);
            try (var files = Files.list(dir)) {
                if (files.findAny().isPresent()) throw new IllegalStateException(dir + " is not empty: not a fresh database");
            }
        } else {
            try (Connection c = DriverManager.getConnection(pgUrl("postgres")); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + pgName);
            }
        }
    }

    /**
     * PostgreSQL: drops the database. Embedded: stops the server if this object started it; its directory (and a
     * server left running by a killed process) are bench/run's to delete.
     */
    void drop() {
        if (embedded) {
            close();
            return;
        }
        try (Connection c = DriverManager.getConnection(pgUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + pgName + ": " + e.getMessage());
        }
    }

    /** Stops the embedded server if {@link #jdbcUrl} started it (not one a panel runs); nothing for PostgreSQL. */
    @Override public synchronized void close() {
        if (server == null) return;
        server.close();
        server = null;
    }

    private static String pgUrl(String name) {
        String host = env("BENCH_PG_HOST", "127.0.0.1:5432");
        String user = env("BENCH_PG_USER", "postgres");
        return "jdbc:postgresql://" + host + "/" + name + "?user=" + user;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** What every benchmark needs in the panel: one Default service and customers 1..n with keys {@link #key}. */
    record Fixture(long serviceId, List<Long> customers) {}

    /** Creates what is missing through the panel's own services (so balances and ledger agree), and returns the ids. */
    static Fixture setUp(Panel panel, int customers) {
        Service service = panel.catalog.all().stream().filter(s -> s.name().equals(SERVICE_NAME)).findFirst()
                .orElseGet(() -> panel.catalog.add(new Service(0, SERVICE_NAME, ServiceType.DEFAULT, "Bench", Rate.parse("0.90"),
                        10, 1_000_000, true, true, false, 30, 0, Set.of(), true)));
        var ids = new ArrayList<Long>(customers);
        for (int i = 1; i <= customers; i++) {
            String name = "bench-" + i;
            var existing = panel.accounts.findByName(name);
            ids.add(existing.isPresent() ? existing.get().id()
                    : panel.accounts.create(name, new ApiKey(key(i)), OPENING).customer().id());
        }
        return new Fixture(service.id(), ids);
    }

    public static void main(String[] args) {
        if (args.length < 1 || !args[0].equals("drop")) {
            System.err.println("usage: BenchDb drop postgres:<name>...  (embedded:<dir> is bench/run's to stop and delete)");
            System.exit(2);
        }
        for (int i = 1; i < args.length; i++) {
            var db = parse(args[i]);
            if (!db.embedded) db.drop();
        }
    }
}
