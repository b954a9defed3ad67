package org.opensmm.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an operator can set, each with a default. The environment names are an interface other tools rely on:
 * OPENSMM_PORT, OPENSMM_DB_URL, OPENSMM_DATA, OPENSMM_DEMO_KEY, OPENSMM_SECRET.
 */
public record Config(
        String host,        // OPENSMM_HOST: loopback by default; set 0.0.0.0 to serve other machines
        int port,           // OPENSMM_PORT: 8080, what published clients' examples assume
        String dbUrl,       // OPENSMM_DB_URL: a PostgreSQL JDBC URL; empty means the embedded PostgreSQL under dataDir
        Path dataDir,       // OPENSMM_DATA: where the embedded database keeps its files, and the key secret's file
        String demoKey,     // OPENSMM_DEMO_KEY: a fixed key for the demo customer (16+ characters), else a random one on first start
        String secret,      // OPENSMM_SECRET: the API key hashes' secret; unset, one is created in dataDir. Same on every node
        String currency,    // OPENSMM_CURRENCY: the panel currency shown in status and balance replies
        int rateLimit,      // OPENSMM_RATE_LIMIT: requests per second per API key (burst twice that); 0 = off
        int maxBody,        // request bodies above this many bytes are refused: 1000 comments fit with room to spare
        int maxInFlight,    // requests served at once before new ones get 503: bounds memory under overload
        int poolSize,       // OPENSMM_DB_POOL: database connections; beyond ~2×cores more only queue in the DB
        Front front,        // the HTTP front's limits against slow, idle and guessing clients (see Front)
        Workers workers,    // the fulfilment engine that forwards orders to upstream providers (see Workers)
        Admin admin) {      // the Admin API v2 and the demo's staff account (see Admin)

    /** Operator-chosen keys are guessable in a way generated ones (32 hex digits) are not: demand some length. */
    static final int MIN_DEMO_KEY = 16;

    public Config {
        if (demoKey != null && !demoKey.isBlank() && demoKey.strip().length() < MIN_DEMO_KEY) {
            throw new IllegalArgumentException("OPENSMM_DEMO_KEY must be at least " + MIN_DEMO_KEY
                    + " characters (generated keys are 32 hex digits); unset it to get a random key");
        }
    }

    /**
     * @param maxConnections      OPENSMM_MAX_CONNECTIONS: open connections (5000); beyond it a new one is closed at once,
     *                            so idle or slow clients cannot use up file descriptors and memory
     * @param idleMillis          OPENSMM_IDLE_TIMEOUT_MS: how long a connection may wait before its next request (60000)
     * @param headerMillis        OPENSMM_HEADER_TIMEOUT_MS: from a request's first byte to the end of its headers (10000):
     *                            what a client trickling headers (slowloris) gets
     * @param bodyMillis          OPENSMM_BODY_TIMEOUT_MS: from the end of the headers to the end of the body (30000): a
     *                            full 1 MiB body at 35 KB/s
     * @param keyFailuresPerMinute OPENSMM_KEY_FAILURES_PER_MINUTE: unknown API keys one client address may send per minute,
     *                            in a burst of as many (20); past it every request from that address gets 429 until a
     *                            slot frees (60/n seconds), before any database work. 0 = off
     */
    public record Front(int maxConnections, int idleMillis, int headerMillis, int bodyMillis, int keyFailuresPerMinute) {
        public Front {
            if (maxConnections < 1 || idleMillis < 1 || headerMillis < 1 || bodyMillis < 1 || keyFailuresPerMinute < 0) {
                throw new IllegalArgumentException("connection limits and timeouts must be positive");
            }
        }

        static Front from(Map<String, String> env) {
            return new Front(integer(env, "OPENSMM_MAX_CONNECTIONS", 5000), integer(env, "OPENSMM_IDLE_TIMEOUT_MS", 60_000),
                    integer(env, "OPENSMM_HEADER_TIMEOUT_MS", 10_000), integer(env, "OPENSMM_BODY_TIMEOUT_MS", 30_000),
                    integer(env, "OPENSMM_KEY_FAILURES_PER_MINUTE", 20));
        }

        public Front withKeyFailuresPerMinute(int n) { return new Front(maxConnections, idleMillis, headerMillis, bodyMillis, n); }
    }

    /**
     * @param enabled         OPENSMM_WORKERS: run the fulfilment workers in {@code serve} (true); false leaves a process
     *                        that only serves the API, e.g. when other processes on the same database do the forwarding
     * @param tickMillis      OPENSMM_TICK_MS: how often workers look for work (1000); pauses after failures scale with it
     * @param syncMillis      OPENSMM_SYNC_MS: how long between two status polls of one order upstream (60000)
     * @param upstreamTimeoutMillis OPENSMM_UPSTREAM_TIMEOUT_MS: the limit on one upstream request (20000), what a
     *                        provider taking its time gets before the call counts as unanswered
     */
    public record Workers(boolean enabled, int tickMillis, int syncMillis, int upstreamTimeoutMillis) {
        public Workers {
            if (tickMillis < 1 || syncMillis < 1 || upstreamTimeoutMillis < 1) throw new IllegalArgumentException("worker timings must be positive");
        }

        static Workers from(Map<String, String> env) {
            String on = env.getOrDefault("OPENSMM_WORKERS", "true").strip();
            if (!on.equalsIgnoreCase("true") && !on.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("OPENSMM_WORKERS must be true or false, not '" + on + "'");
            }
            return new Workers(Boolean.parseBoolean(on), integer(env, "OPENSMM_TICK_MS", 1000), integer(env, "OPENSMM_SYNC_MS", 60_000),
                    integer(env, "OPENSMM_UPSTREAM_TIMEOUT_MS", 20_000));
        }
    }

    /**
     * @param rateLimit     OPENSMM_ADMIN_RATE_LIMIT: Admin API requests per second per key (5, what every client that
     *                      states a limit states; bursts of twice that); 0 = off
     * @param cors          OPENSMM_ADMIN_CORS: answer browsers' preflights and allow any origin (true): keys, not
     *                      cookies, authenticate, so this opens no CSRF hole; false to switch it off
     * @param demoPassword  OPENSMM_DEMO_ADMIN_PASSWORD: the demo owner 'admin''s password; unset, a random one is printed
     * @param demoKey       OPENSMM_DEMO_ADMIN_KEY: the demo owner's Admin API key (16+ characters); unset, a random one is printed
     */
    public record Admin(int rateLimit, boolean cors, String demoPassword, String demoKey) {
        public Admin {
            if (rateLimit < 0) throw new IllegalArgumentException("OPENSMM_ADMIN_RATE_LIMIT cannot be negative");
            if (demoKey != null && !demoKey.isBlank() && demoKey.strip().length() < MIN_DEMO_KEY) {
                throw new IllegalArgumentException("OPENSMM_DEMO_ADMIN_KEY must be at least " + MIN_DEMO_KEY + " characters");
            }
        }

        static Admin from(Map<String, String> env) {
            String cors = env.getOrDefault("OPENSMM_ADMIN_CORS", "true").strip();
            if (!cors.equalsIgnoreCase("true") && !cors.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("OPENSMM_ADMIN_CORS must be true or false, not '" + cors + "'");
            }
            return new Admin(integer(env, "OPENSMM_ADMIN_RATE_LIMIT", 5), Boolean.parseBoolean(cors),
                    env.get("OPENSMM_DEMO_ADMIN_PASSWORD"), env.get("OPENSMM_DEMO_ADMIN_KEY"));
        }
    }

    public Config withAdmin(Admin a) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, a);
    }

    public static Config fromEnv() { return from(System.getenv()); }

    public static Config from(Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("OPENSMM_DATA", "data"));
        return new Config(
                env.getOrDefault("OPENSMM_HOST", "127.0.0.1"),
                integer(env, "OPENSMM_PORT", 8080),
                env.getOrDefault("OPENSMM_DB_URL", ""),
                data,
                env.get("OPENSMM_DEMO_KEY"),
                env.get("OPENSMM_SECRET"),
                env.getOrDefault("OPENSMM_CURRENCY", "USD"),
                integer(env, "OPENSMM_RATE_LIMIT", 1000),
                1 << 20,
                4096,
                integer(env, "OPENSMM_DB_POOL", 16),
                Front.from(env),
                Workers.from(env),
                Admin.from(env));
    }

    /** True when the panel runs its own PostgreSQL (no OPENSMM_DB_URL). */
    public boolean embedded() { return dbUrl.isBlank(); }

    /** Where the embedded PostgreSQL keeps its files. */
    public Path embeddedDir() { return dataDir.toAbsolutePath().resolve("postgres"); }

    public Config withPort(int p) {
        return new Config(host, p, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, admin);
    }

    public Config withDbUrl(String url) {
        return new Config(host, port, url, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, admin);
    }

    public Config withDataDir(Path dir) {
        return new Config(host, port, dbUrl, dir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, admin);
    }

    public Config withRateLimit(int perSecond) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, perSecond, maxBody, maxInFlight, poolSize, front, workers, admin);
    }

    public Config withPoolSize(int connections) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, connections, front, workers, admin);
    }

    public Config withFront(Front f) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, f, workers, admin);
    }

    public Config withSecret(String s) {
        return new Config(host, port, dbUrl, dataDir, demoKey, s, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, admin);
    }

    public Config withWorkers(Workers w) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, w, admin);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }
}
