package org.opensmm.bench;

import org.opensmm.account.ApiKey;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
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
 * A benchmark database, named on the command line as {@code h2:<dir>} (the panel's embedded file DB in that directory)
 * or {@code postgres:<name>} (a database of its own on BENCH_PG_HOST, default 127.0.0.1:5432, user BENCH_PG_USER,
 * default postgres, trust auth). The panel and the raw-JDBC baseline open it with the same URL, pool and schema.
 *
 * <p>{@code main}: {@code BenchDb drop postgres:<name>...} drops leftovers (bench/run calls it on exit).
 */
final class BenchDb {
    /** Every benchmark customer has this API key pattern, so wrk's Lua scripts can build keys 1..N themselves. */
    static String key(int n) { return "bench-key-" + n; }
    static final String SERVICE_NAME = "Bench Followers";
    /** Large enough that no run ever refuses an order for funds: 10^9 at 0.09 an order. */
    static final Money OPENING = Money.parse("1000000000");

    final String spec;
    final boolean postgres;
    private final Path dir;
    private final String pgName;

    private BenchDb(String spec, boolean postgres, Path dir, String pgName) {
        this.spec = spec;
        this.postgres = postgres;
        this.dir = dir;
        this.pgName = pgName;
    }

    static BenchDb parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        if (rest.isBlank()) throw new IllegalArgumentException("database spec is h2:<dir> or postgres:<name>, not '" + spec + "'");
        return switch (kind) {
            case "h2" -> new BenchDb(spec, false, Path.of(rest).toAbsolutePath(), null);
            case "postgres", "pg" -> {
                if (!rest.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("bad database name " + rest);
                yield new BenchDb(spec, true, null, rest);
            }
            default -> throw new IllegalArgumentException("database spec is h2:<dir> or postgres:<name>, not '" + spec + "'");
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
        if (postgres) env.put("OPENSMM_DB_URL", pgUrl(pgName));
        else env.put("OPENSMM_DATA", dir.toString());
        return Config.from(env);
    }

    String jdbcUrl() { return config().jdbcUrl(); }

    int poolSize() { return config().poolSize(); }

    /** A fresh database: PostgreSQL drops and re-creates it; H2 needs an empty directory (bench/run makes one per run). */
    void create() throws Exception {
        if (postgres) {
            try (Connection c = DriverManager.getConnection(pgUrl("postgres")); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + pgName);
            }
        } else {
            Files.createDirectories(dir);
            try (var files = Files.list(dir)) {
                if (files.findAny().isPresent()) throw new IllegalStateException(dir + " is not empty: not a fresh database");
            }
        }
    }

    /** PostgreSQL: drops the database. H2's files are bench/run's to delete. */
    void drop() {
        if (!postgres) return;
        try (Connection c = DriverManager.getConnection(pgUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + pgName + ": " + e.getMessage());
        }
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
            System.err.println("usage: BenchDb drop postgres:<name>...");
            System.exit(2);
        }
        for (int i = 1; i < args.length; i++) parse(args[i]).drop();
    }
}
