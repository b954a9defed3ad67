package org.opensmm.app;

import org.opensmm.account.Accounts;
import org.opensmm.account.Directory;
import org.opensmm.account.Funds;
import org.opensmm.account.KeyHash;
import org.opensmm.account.Staff;
import org.opensmm.admin.AdminApiRoutes;
import org.opensmm.api.ApiV2;
import org.opensmm.api.ApiV2Front;
import org.opensmm.api.FaultyApi;
import org.opensmm.api.Faults;
import org.opensmm.api.KeyFailures;
import org.opensmm.api.RateLimit;
import org.opensmm.catalog.Catalog;
import org.opensmm.db.Database;
import org.opensmm.db.EmbeddedPostgres;
import org.opensmm.ledger.Ledger;
import org.opensmm.order.ManualWork;
import org.opensmm.order.OrderSearch;
import org.opensmm.order.OrderService;
import org.opensmm.order.Orders;
import org.opensmm.order.Refills;
import org.opensmm.order.Subscriptions;
import org.opensmm.simulator.Simulator;
import org.opensmm.ticket.Tickets;
import org.opensmm.fulfil.Fulfilment;
import org.opensmm.fulfil.Review;
import org.opensmm.fulfil.Settings;
import org.opensmm.http.Handler;
import org.opensmm.http.HttpServer;
import org.opensmm.http.Limits;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.provider.Mappings;
import org.opensmm.provider.Providers;
import org.opensmm.provider.UpstreamCatalog;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/** The whole panel wired by hand, in one place: database, features, HTTP. */
public final class Panel implements AutoCloseable {
    public final Config config;
    /** The panel's own PostgreSQL server, or null when OPENSMM_DB_URL names one. */
    public final EmbeddedPostgres embedded;
    public final Database db;
    public final Ledger ledger;
    public final Accounts accounts;
    public final Funds funds;
    public final Catalog catalog;
    public final OrderService orders;
    public final Refills refills;
    public final Subscriptions subscriptions;
    public final Providers providers;
    public final UpstreamCatalog upstreamCatalog;
    public final Mappings mappings;
    public final Review review;
    public final Staff staff;
    public final Tickets tickets;
    /** Built always, started by {@link #start} only when config.workers() says so: the CLI never forwards orders. */
    public final Fulfilment fulfilment;
    private final Clock clock;
    private HttpServer http;
    private ApiV2Front apiV2;
    private Simulator simulator;

    private Panel(Config config, EmbeddedPostgres embedded, Database db, Clock clock) {
        this.config = config;
        this.embedded = embedded;
        this.db = db;
        this.ledger = new Ledger(clock);
        KeyHash keyHash = KeyHash.load(config.secret(), config.dataDir());
        this.accounts = new Accounts(db, ledger, clock, keyHash);
        this.staff = new Staff(db, clock, keyHash);
        this.tickets = new Tickets(db, clock);
        this.funds = new Funds(db, ledger);
        this.catalog = new Catalog(db, clock);
        var orderRows = new Orders();
        this.orders = new OrderService(db, catalog, ledger, orderRows, clock);
        this.refills = new Refills(db, catalog, orderRows, clock);
        this.subscriptions = new Subscriptions(db, ledger, orderRows, orders, clock);
        Config.Workers w = config.workers();
        this.providers = new Providers(db, clock, Duration.ofMillis(w.upstreamTimeoutMillis()));
        this.upstreamCatalog = new UpstreamCatalog(db, catalog, providers, clock);
        this.mappings = new Mappings(db, catalog, upstreamCatalog, clock);
        this.review = new Review(db, orders, clock);
        this.clock = clock;
        this.fulfilment = new Fulfilment(db, orders, refills, providers, Settings.of(Duration.ofMillis(w.tickMillis()),
                Duration.ofMillis(w.syncMillis()), Duration.ofMillis(w.upstreamTimeoutMillis())), clock);
    }

    /** Opens the database (migrating it) without serving HTTP: what the CLI uses. */
    public static Panel open(Config config) {
        if (!config.embedded()) return new Panel(config, null, Database.open(config.dbUrl(), config.poolSize()), Clock.systemUTC());
        EmbeddedPostgres embedded = EmbeddedPostgres.open(config.embeddedDir());
        try {
            return new Panel(config, embedded, Database.open(embedded.jdbcUrl("opensmm"), config.poolSize()), Clock.systemUTC());
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** Opens the database and serves API v2 on the configured host and port. */
    public static Panel start(Config config) throws IOException {
        Panel panel = open(config);
        try {
            panel.serve();
            if (config.workers().enabled()) panel.fulfilment.start();
        } catch (IOException | RuntimeException e) {
            panel.close();
            throw e;
        }
        return panel;
    }

    private void serve() throws IOException {
        Config.Front front = config.front();
        apiV2 = new ApiV2Front(new ApiV2(accounts, catalog, orders, refills, new RateLimit(config.rateLimit()),
                new KeyFailures(front.keyFailuresPerMinute()), config.currency()));
        var limits = new Limits(config.maxBody(), config.maxInFlight(), front.maxConnections(), Duration.ofMillis(front.idleMillis()),
                Duration.ofMillis(front.headerMillis()), Duration.ofMillis(front.bodyMillis()));
        http = HttpServer.start(config.host(), config.port(), limits, routes(apiV2));
    }

    private static final Response HEALTHY = Response.json(200, "{\"status\":\"ok\"}");

    /**
     * Every route of the panel, one table; each front adds its own lines. API v2 answers GET and POST on both paths;
     * its JSON words the errors of every other path too (malformed HTTP, unknown paths), as it always has.
     */
    private Routes routes(Handler api) {
        Handler health = request -> HEALTHY;
        Routes routes = new Routes(apiV2.elsewhere())
                .front("/api/", apiV2)
                .get("/api/v2", api).post("/api/v2", api)
                .get("/api/v2/", api).post("/api/v2/", api)
                .get("/health", health).route("HEAD", "/health", health);
        // Admin API v2 (ADMIN-API.md): /adminapi/v2/…, its own envelope for errors, staff keys with their role's permissions
        new AdminApiRoutes(staff, accounts, funds, new Directory(db), orders, new OrderSearch(db), new ManualWork(db, clock), refills,
                review, tickets, config.currency(), config.admin().rateLimit(), config.admin().cors()).addTo(routes);
        return routes;
    }

    /**
     * Turns this panel into a simulated provider: its own orders progress by themselves, and /api/v2 acts out
     * {@code faults}. Returns the fault plan so tests can script the next failures.
     */
    public Faults simulate(Simulator.Settings settings, Faults faults) {
        if (simulator != null) simulator.close();
        simulator = Simulator.start(db, orders, refills, subscriptions, Clock.systemUTC(), settings);
        if (http != null) http.routes(routes(new FaultyApi(faults, apiV2)));
        return faults;
    }

    /** The port actually bound (useful with port 0). */
    public int port() { return http.port(); }

    @Override public void close() {
        fulfilment.close();
        providers.close();
        if (simulator != null) simulator.close();
        if (http != null) http.stop(1);
        db.close();
        if (embedded != null) embedded.close();
    }
}
