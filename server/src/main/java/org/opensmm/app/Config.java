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
        Ops ops,            // metrics, health and logging (see Ops)
        Alerts alerts,      // what the operator is told about, and how (see Alerts)
        Web web,            // the customer website on the same port (see Web)
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
     * @param syncMillis      OPENSMM_SYNC_MS: how often each provider's status round starts, a round polling each of its
     *                        sent orders once upstream (60000)
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
     * Operations: what /metrics serves and to whom. Logging is set where Logback reads it (logback.xml): the levels by
     * OPENSMM_LOG_LEVEL (INFO; the access log is the logger "access"), the line format by OPENSMM_LOG_FORMAT (text or
     * json), a whole file of one's own by -Dlogback.configurationFile=FILE (in OPENSMM_JAVA_OPTS).
     *
     * @param metricsToken  OPENSMM_METRICS_TOKEN: callers other than loopback read /metrics only with
     *                      {@code Authorization: Bearer TOKEN}; unset, they are refused (figures name providers and sums)
     * @param refreshMillis OPENSMM_METRICS_REFRESH_MS: database figures (orders by stage, money, sync lag) are counted
     *                      again at most this often (5000), whatever the scrape rate
     * @param providerBalanceMillis OPENSMM_PROVIDER_BALANCE_MS: how often one of the worker nodes asks each provider for
     *                      our balance there (300000), for the dashboard and the provider balance figure; 0 = never
     */
    public record Ops(String metricsToken, int refreshMillis, int providerBalanceMillis) {
        public Ops {
            if (refreshMillis < 0 || providerBalanceMillis < 0) throw new IllegalArgumentException("metrics intervals must not be negative");
            if (metricsToken != null && metricsToken.isBlank()) metricsToken = null;
        }

        static Ops from(Map<String, String> env) {
            return new Ops(env.get("OPENSMM_METRICS_TOKEN"), integer(env, "OPENSMM_METRICS_REFRESH_MS", 5000),
                    integer(env, "OPENSMM_PROVIDER_BALANCE_MS", 300_000));
        }

        public Ops withMetricsToken(String token) { return new Ops(token, refreshMillis, providerBalanceMillis); }

        public Ops withRefreshMillis(int millis) { return new Ops(metricsToken, millis, providerBalanceMillis); }
    }

    /**
     * Alert rules, checked on worker nodes, and where alerts go. README "Alerts" lists them with examples.
     *
     * @param everyMillis          OPENSMM_ALERT_EVERY_MS: how often the rules are checked (60000); each check asks every
     *                             provider for its balance once, when that rule is on
     * @param providerBalanceBelow OPENSMM_ALERT_PROVIDER_BALANCE_BELOW: a provider balance under this, in its currency;
     *                             empty (default): off, since only the operator knows what a day of orders costs
     * @param stuckHours           OPENSMM_ALERT_STUCK_HOURS: an order upstream with no status change for this long (6); 0 off
     * @param failedOrders         OPENSMM_ALERT_FAILED_ORDERS: this many orders waiting in FAIL (1: any); 0 off
     * @param errorRatePercent     OPENSMM_ALERT_ERROR_RATE_PERCENT: a provider leaving this share of calls unanswered (50); 0 off
     * @param errorWindowMinutes   OPENSMM_ALERT_ERROR_WINDOW_MINUTES: over this many minutes (15)
     * @param errorMinCalls        OPENSMM_ALERT_ERROR_MIN_CALLS: with at least this many calls in the window (10): two
     *                             timeouts of three calls at night are not a rate
     * @param smtpHost             OPENSMM_ALERT_SMTP_HOST: mail server; empty (default): no mail
     * @param smtpPort             OPENSMM_ALERT_SMTP_PORT: 587, the submission port
     * @param smtpFrom             OPENSMM_ALERT_SMTP_FROM: the sender address
     * @param smtpTo               OPENSMM_ALERT_SMTP_TO: the operator's addresses, comma-separated
     * @param smtpUser             OPENSMM_ALERT_SMTP_USER: login, if the server wants one
     * @param smtpPassword         OPENSMM_ALERT_SMTP_PASSWORD: its password
     * @param smtpStartTls         OPENSMM_ALERT_SMTP_STARTTLS: true (default) requires the connection to be encrypted before
     *                             the login and the mail; false only for a relay on the same machine or network
     * @param webhookUrl           OPENSMM_ALERT_WEBHOOK_URL: a URL each alert is POSTed to as JSON; empty (default): none
     * @param webhookChatId        OPENSMM_ALERT_WEBHOOK_CHAT_ID: added as chat_id, for Telegram's sendMessage
     */
    public record Alerts(int everyMillis, String providerBalanceBelow, int stuckHours, int failedOrders, int errorRatePercent,
                         int errorWindowMinutes, int errorMinCalls, String smtpHost, int smtpPort, String smtpFrom, String smtpTo,
                         String smtpUser, String smtpPassword, boolean smtpStartTls, String webhookUrl, String webhookChatId) {
        public Alerts {
            if (everyMillis < 1 || stuckHours < 0 || failedOrders < 0 || errorRatePercent < 0 || errorRatePercent > 100
                    || errorWindowMinutes < 1 || errorMinCalls < 1 || smtpPort < 1) {
                throw new IllegalArgumentException("alert settings out of range (see README, Alerts)");
            }
            if (!providerBalanceBelow.isBlank()) {
                try {
                    new java.math.BigDecimal(providerBalanceBelow.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("OPENSMM_ALERT_PROVIDER_BALANCE_BELOW must be an amount, not '" + providerBalanceBelow + "'");
                }
            }
            if (!smtpHost.isBlank() && (smtpFrom.isBlank() || smtpTo.isBlank())) {
                throw new IllegalArgumentException("OPENSMM_ALERT_SMTP_HOST needs OPENSMM_ALERT_SMTP_FROM and OPENSMM_ALERT_SMTP_TO");
            }
        }

        static Alerts from(Map<String, String> env) {
            return new Alerts(integer(env, "OPENSMM_ALERT_EVERY_MS", 60_000), text(env, "OPENSMM_ALERT_PROVIDER_BALANCE_BELOW"),
                    integer(env, "OPENSMM_ALERT_STUCK_HOURS", 6), integer(env, "OPENSMM_ALERT_FAILED_ORDERS", 1),
                    integer(env, "OPENSMM_ALERT_ERROR_RATE_PERCENT", 50), integer(env, "OPENSMM_ALERT_ERROR_WINDOW_MINUTES", 15),
                    integer(env, "OPENSMM_ALERT_ERROR_MIN_CALLS", 10), text(env, "OPENSMM_ALERT_SMTP_HOST"),
                    integer(env, "OPENSMM_ALERT_SMTP_PORT", 587), text(env, "OPENSMM_ALERT_SMTP_FROM"), text(env, "OPENSMM_ALERT_SMTP_TO"),
                    text(env, "OPENSMM_ALERT_SMTP_USER"), text(env, "OPENSMM_ALERT_SMTP_PASSWORD"),
                    !text(env, "OPENSMM_ALERT_SMTP_STARTTLS").equalsIgnoreCase("false"), text(env, "OPENSMM_ALERT_WEBHOOK_URL"),
                    text(env, "OPENSMM_ALERT_WEBHOOK_CHAT_ID"));
        }

        private static String text(Map<String, String> env, String name) { return env.getOrDefault(name, "").strip(); }

        public Alerts withEveryMillis(int ms) {
            return new Alerts(ms, providerBalanceBelow, stuckHours, failedOrders, errorRatePercent, errorWindowMinutes, errorMinCalls,
                    smtpHost, smtpPort, smtpFrom, smtpTo, smtpUser, smtpPassword, smtpStartTls, webhookUrl, webhookChatId);
        }

        public Alerts withProviderBalanceBelow(String amount) {
            return new Alerts(everyMillis, amount, stuckHours, failedOrders, errorRatePercent, errorWindowMinutes, errorMinCalls,
                    smtpHost, smtpPort, smtpFrom, smtpTo, smtpUser, smtpPassword, smtpStartTls, webhookUrl, webhookChatId);
        }

        public Alerts withMail(String host, int port, String from, String to, boolean startTls) {
            return new Alerts(everyMillis, providerBalanceBelow, stuckHours, failedOrders, errorRatePercent, errorWindowMinutes,
                    errorMinCalls, host, port, from, to, smtpUser, smtpPassword, startTls, webhookUrl, webhookChatId);
        }

        public Alerts withWebhook(String url, String chatId) {
            return new Alerts(everyMillis, providerBalanceBelow, stuckHours, failedOrders, errorRatePercent, errorWindowMinutes,
                    errorMinCalls, smtpHost, smtpPort, smtpFrom, smtpTo, smtpUser, smtpPassword, smtpStartTls, url, chatId);
        }
    }

    /**
     * @param panelName          OPENSMM_PANEL_NAME: the name in every page's header and title ("OpenSMM")
     * @param sessionIdleMinutes OPENSMM_SESSION_IDLE_MINUTES: a website session unused this long is over (120): long
     *                           enough for an afternoon of ordering, short enough that a forgotten browser signs out
     * @param trustedProxies     OPENSMM_TRUSTED_PROXIES: comma-separated addresses of the reverse proxies whose
     *                           X-Forwarded-Proto and X-Forwarded-For we believe (none): only then is a session cookie
     *                           marked Secure by the proxy's word, and sign-in attempts counted per the real client
     * @param failuresPerAccount OPENSMM_SIGNIN_FAILURES_PER_ACCOUNT: wrong passwords for one username within 15 minutes
     *                           before sign-in is refused for it until the oldest is 15 minutes old (5)
     * @param failuresPerAddress OPENSMM_SIGNIN_FAILURES_PER_ADDRESS: the same per client address, whatever the username
     *                           (20): one address guessing across many accounts
     * @param demoPassword       OPENSMM_DEMO_PASSWORD: the demo customer's website password under serve --demo; unset,
     *                           a random one is set and printed at start
     * @param publicUrl          OPENSMM_PUBLIC_URL: the address customers reach the panel at, for the links in mails and
     *                           `customer reset-link` (e.g. https://panel.example.com); unset: http://HOST:PORT
     * @param requireVerified    OPENSMM_REQUIRE_VERIFIED_EMAIL: a customer orders on the website only after following
     *                           the link mailed to their address (false; the demo does not require it)
     * @param mail               the SMTP server for verification and reset mails (see {@link Mail}); null: none is sent
     */
    public record Web(String panelName, int sessionIdleMinutes, java.util.List<String> trustedProxies, int failuresPerAccount,
                      int failuresPerAddress, String demoPassword, String publicUrl, boolean requireVerified, Mail mail) {
        public Web {
            if (sessionIdleMinutes < 1 || failuresPerAccount < 1 || failuresPerAddress < 1) {
                throw new IllegalArgumentException("OPENSMM_SESSION_IDLE_MINUTES and the sign-in failure limits must be positive");
            }
            trustedProxies = java.util.List.copyOf(trustedProxies);
            publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
        }

        public Web(String panelName, int sessionIdleMinutes, java.util.List<String> trustedProxies, int failuresPerAccount,
                   int failuresPerAddress, String demoPassword) {
            this(panelName, sessionIdleMinutes, trustedProxies, failuresPerAccount, failuresPerAddress, demoPassword, null, false, null);
        }

        public Web withAccounts(String url, boolean verified, Mail m) {
            return new Web(panelName, sessionIdleMinutes, trustedProxies, failuresPerAccount, failuresPerAddress, demoPassword, url, verified, m);
        }

        /**
         * The website's own mail (verification and password-reset links), apart from the alerts' SMTP settings.
         *
         * @param host     OPENSMM_MAIL_HOST: SMTP server; unset: no mail is sent (links only through the CLI)
         * @param port     OPENSMM_MAIL_PORT (587)
         * @param from     OPENSMM_MAIL_FROM: the sender address (required with a host)
         * @param user     OPENSMM_MAIL_USER / OPENSMM_MAIL_PASSWORD: SMTP login; unset: none
         * @param startTls OPENSMM_MAIL_STARTTLS (true): the connection is upgraded before anything crosses it
         */
        public record Mail(String host, int port, String from, String user, String password, boolean startTls) {
            public Mail {
                if (host == null || host.isBlank() || from == null || from.isBlank()) {
                    throw new IllegalArgumentException("OPENSMM_MAIL_HOST needs OPENSMM_MAIL_FROM too");
                }
            }

            static Mail from(Map<String, String> env) {
                String host = env.getOrDefault("OPENSMM_MAIL_HOST", "").strip();
                if (host.isEmpty()) return null;
                return new Mail(host, integer(env, "OPENSMM_MAIL_PORT", 587), env.get("OPENSMM_MAIL_FROM"), env.get("OPENSMM_MAIL_USER"),
                        env.get("OPENSMM_MAIL_PASSWORD"), !"false".equalsIgnoreCase(env.getOrDefault("OPENSMM_MAIL_STARTTLS", "true").strip()));
            }
        }

        static Web from(Map<String, String> env) {
            String proxies = env.getOrDefault("OPENSMM_TRUSTED_PROXIES", "");
            return new Web(env.getOrDefault("OPENSMM_PANEL_NAME", "OpenSMM").strip(), integer(env, "OPENSMM_SESSION_IDLE_MINUTES", 120),
                    java.util.Arrays.stream(proxies.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList(),
                    integer(env, "OPENSMM_SIGNIN_FAILURES_PER_ACCOUNT", 5), integer(env, "OPENSMM_SIGNIN_FAILURES_PER_ADDRESS", 20),
                    env.get("OPENSMM_DEMO_PASSWORD"), env.get("OPENSMM_PUBLIC_URL"),
                    "true".equalsIgnoreCase(env.getOrDefault("OPENSMM_REQUIRE_VERIFIED_EMAIL", "false").strip()), Mail.from(env));
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

    /**
     * Payment gateways (issue 12); read from the environment by the panel itself.
     *
     * @param stripeApiBase       OPENSMM_STRIPE_API_BASE: where the Stripe SDK sends requests (empty: Stripe itself)
     * @param stripeSecretKey     OPENSMM_STRIPE_SECRET_KEY: the API secret key (sk_…); unset, Stripe is not offered
     * @param stripeWebhookSecret OPENSMM_STRIPE_WEBHOOK_SECRET: the webhook endpoint's signing secret (whsec_…)
     * @param cryptomusApiBase    OPENSMM_CRYPTOMUS_API_BASE: https://api.cryptomus.com by default
     * @param cryptomusMerchant   OPENSMM_CRYPTOMUS_MERCHANT: the merchant uuid; unset, Cryptomus is not offered
     * @param cryptomusApiKey     OPENSMM_CRYPTOMUS_API_KEY: the payment API key (signs requests and callbacks)
     */
    public record Payments(String stripeApiBase, String stripeSecretKey, String stripeWebhookSecret, String cryptomusApiBase,
                           String cryptomusMerchant, String cryptomusApiKey) {
        public static Payments from(Map<String, String> env) {
            return new Payments(env.getOrDefault("OPENSMM_STRIPE_API_BASE", ""), env.getOrDefault("OPENSMM_STRIPE_SECRET_KEY", ""),
                    env.getOrDefault("OPENSMM_STRIPE_WEBHOOK_SECRET", ""),
                    env.getOrDefault("OPENSMM_CRYPTOMUS_API_BASE", "https://api.cryptomus.com"),
                    env.getOrDefault("OPENSMM_CRYPTOMUS_MERCHANT", ""), env.getOrDefault("OPENSMM_CRYPTOMUS_API_KEY", ""));
        }
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
                Ops.from(env),
                Alerts.from(env),
                Web.from(env),
                Admin.from(env));
    }

    /** True when the panel runs its own PostgreSQL (no OPENSMM_DB_URL). */
    public boolean embedded() { return dbUrl.isBlank(); }

    /** Where the embedded PostgreSQL keeps its files. */
    public Path embeddedDir() { return dataDir.toAbsolutePath().resolve("postgres"); }

    public Config withPort(int p) {
        return new Config(host, p, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, web, admin);
    }

    public Config withDbUrl(String url) {
        return new Config(host, port, url, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, web, admin);
    }

    public Config withDataDir(Path dir) {
        return new Config(host, port, dbUrl, dir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, web, admin);
    }

    public Config withRateLimit(int perSecond) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, perSecond, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, web, admin);
    }

    public Config withPoolSize(int connections) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, connections, front, workers, ops, alerts, web, admin);
    }

    public Config withFront(Front f) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, f, workers, ops, alerts, web, admin);
    }

    public Config withSecret(String s) {
        return new Config(host, port, dbUrl, dataDir, demoKey, s, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, web, admin);
    }

    public Config withWorkers(Workers w) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, w, ops, alerts, web, admin);
    }

    public Config withOps(Ops o) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, o, alerts, web, admin);

    }

    public Config withAlerts(Alerts a) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, a, web, admin);

    }

    public Config withWeb(Web w) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, w, admin);

    }

    public Config withAdmin(Admin a) {
        return new Config(host, port, dbUrl, dataDir, demoKey, secret, currency, rateLimit, maxBody, maxInFlight, poolSize, front, workers, ops, alerts, web, a);
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
