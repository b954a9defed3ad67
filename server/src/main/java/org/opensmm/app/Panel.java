package org.opensmm.app;

import org.opensmm.account.Accounts;
import org.opensmm.account.Directory;
import org.opensmm.account.Funds;
import org.opensmm.account.KeyHash;
import org.opensmm.alert.Alerts;
import org.opensmm.alert.Channel;
import org.opensmm.alert.Mail;
import org.opensmm.alert.Rules;
import org.opensmm.alert.Webhook;
import org.opensmm.account.Links;
import org.opensmm.account.Passwords;
import org.opensmm.account.Profiles;
import org.opensmm.account.TwoFactor;
import org.opensmm.account.SignInThrottle;
import org.opensmm.account.Staff;
import org.opensmm.admin.AdminApiRoutes;
import org.opensmm.admin.AdminPages;
import org.opensmm.admin.CustomerPages;
import org.opensmm.admin.CatalogPages;
import org.opensmm.admin.DepositPages;
import org.opensmm.admin.ProviderPages;
import org.opensmm.admin.SettingsPages;
import org.opensmm.admin.Desk;
import org.opensmm.admin.ReportPages;
import org.opensmm.admin.StaffPages;
import org.opensmm.admin.TicketPages;
import org.opensmm.api.ApiV2;
import org.opensmm.api.ApiV2Front;
import org.opensmm.api.FaultyApi;
import org.opensmm.api.Faults;
import org.opensmm.api.KeyFailures;
import org.opensmm.api.RateLimit;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Categories;
import org.opensmm.catalog.Repricing;
import org.opensmm.db.Database;
import org.opensmm.db.EmbeddedPostgres;
import org.opensmm.ledger.Ledger;
import org.opensmm.order.OrderList;
import org.opensmm.payment.Cryptomus;
import org.opensmm.payment.Deposits;
import org.opensmm.payment.Manual;
import org.opensmm.payment.StripeCheckout;
import org.opensmm.web.PaymentPages;
import org.opensmm.order.ManualWork;
import org.opensmm.order.OrderSearch;
import org.opensmm.order.OrderService;
import org.opensmm.order.Orders;
import org.opensmm.order.Quotes;
import org.opensmm.order.Refills;
import org.opensmm.order.Subscriptions;
import org.opensmm.settings.PanelSettings;
import org.opensmm.simulator.Simulator;
import org.opensmm.ticket.Tickets;
import org.opensmm.fulfil.Fulfilment;
import org.opensmm.fulfil.LostAdds;
import org.opensmm.fulfil.Review;
import org.opensmm.fulfil.Settings;
import org.opensmm.http.Handler;
import org.opensmm.http.HttpServer;
import org.opensmm.http.Limits;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ops.Figures;
import org.opensmm.ops.Health;
import org.opensmm.ops.Metrics;
import org.opensmm.ops.Reports;
import org.opensmm.ops.Requests;
import org.opensmm.provider.Mappings;
import org.opensmm.provider.Providers;
import org.opensmm.provider.Reimport;
import org.opensmm.provider.UpstreamCatalog;
import org.opensmm.web.Messages;
import org.opensmm.web.Sessions;
import org.opensmm.web.Site;
import org.opensmm.web.Web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.function.Supplier;

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
    /** The scheduled re-import of providers' services lists; ticks on worker nodes only. */
    public final Reimport reimport;
    public final Review review;
    public final LostAdds lostAdds;
    public final Staff staff;
    public final Tickets tickets;
    /** Built always, started by {@link #start} only when config.workers() says so: the CLI never forwards orders. */
    public final Fulfilment fulfilment;
    /** The operator's alerts; checked (and sent) by worker nodes only, listed by anyone. */
    public final Alerts alerts;
    /** Adding funds: payment methods, manual deposits, Stripe Checkout (replaced by {@link #useStripe}). */
    public volatile Deposits deposits;
    /** Website sign-up and sign-in. */
    public final Passwords passwords;
    public final Links links;
    public final TwoFactor twoFactor;
    /** Panel name, currency, sign-up, verification, SMTP, rate limit: the operator's over the environment's. */
    public final PanelSettings settings;
    private final Clock clock;
    private HttpServer http;
    private Web web;
    private ApiV2Front apiV2;
    private Simulator simulator;
    private Metrics metrics;
    private Health health;
    private Requests requests;

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
        this.reimport = new Reimport(db, upstreamCatalog, clock);
        this.review = new Review(db, orders, clock);
        this.lostAdds = new LostAdds(db, providers, orders, review);
        this.fulfilment = new Fulfilment(db, orders, refills, providers, Settings.of(Duration.ofMillis(w.tickMillis()),
                Duration.ofMillis(w.syncMillis()), Duration.ofMillis(w.upstreamTimeoutMillis()))
                .withBalanceEvery(Duration.ofMillis(config.ops().providerBalanceMillis())), clock);
        Config.Web site = config.web();
        this.passwords = new Passwords(db, clock, new SignInThrottle(clock, site.failuresPerAccount(), site.failuresPerAddress()));
        // the operator's settings (/admin/settings) over the environment's, read as they are now wherever they are used
        this.settings = new PanelSettings(db, clock, settingsFrom(config), keyHash.sealer("panel settings"));
        Supplier<String> panelName = () -> settings.current().panelName();
        // Accounts: verification and reset links (mailed when SMTP is set), TOTP two-factor
        this.links = new Links(db, clock, passwords, site.publicUrl() != null ? site.publicUrl() : "http://" + config.host() + ":" + config.port(),
                () -> settings.current().mail(), panelName);
        this.twoFactor = new TwoFactor(db, clock, passwords, keyHash.sealer(Staff.TWO_FACTOR), panelName);
        this.clock = clock;
        this.alerts = alerts(config.alerts(), db, clock);
        Config.Payments pay = Config.Payments.from(System.getenv());
        // the payment method plug-ins, in the order /addfunds offers them
        this.deposits = new Deposits(db, ledger, clock, this::currency, keyHash.sealer("payment credentials"), List.of(new Manual(),
                new StripeCheckout(new StripeCheckout.Settings(pay.stripeApiBase(), pay.stripeSecretKey(), pay.stripeWebhookSecret())),
                new Cryptomus(new Cryptomus.Settings(pay.cryptomusApiBase(), pay.cryptomusMerchant(), pay.cryptomusApiKey()))));
    }

    /** The panel currency as the operator has it now (a label: amounts are never converted). */
    private String currency() { return settings.current().currency(); }

    /** The environment's settings: what /admin/settings starts from and falls back to. */
    private static PanelSettings.Values settingsFrom(Config config) {
        Config.Web w = config.web();
        var m = w.mail();
        return new PanelSettings.Values(w.panelName(), config.currency(), true, w.requireVerified(), m == null ? "" : m.host(),
                m == null ? 587 : m.port(), m == null ? "" : m.from(), m == null ? "" : m.user(), m == null ? "" : m.password(),
                m == null || m.startTls(), config.rateLimit(), "en"); // English until the operator picks another
    }

    /** Points Stripe Checkout at {@code settings} (the simulated gateway in tests and the demo). */
    public void useStripe(StripeCheckout.Settings settings) {
        deposits = deposits.with(new StripeCheckout(settings));
        if (http != null) http.routes(routes(apiV2));
    }

    /** Points Cryptomus at {@code settings} (the simulated gateway in tests and the demo). */
    public void useCryptomus(Cryptomus.Settings settings) {
        deposits = deposits.with(new Cryptomus(settings));
        if (http != null) http.routes(routes(apiV2));
    }

    private static Alerts alerts(Config.Alerts a, Database db, Clock clock) {
        var rules = new Rules(a.providerBalanceBelow().isBlank() ? null : new BigDecimal(a.providerBalanceBelow()),
                Duration.ofHours(a.stuckHours()), a.failedOrders(), a.errorRatePercent(), Duration.ofMinutes(a.errorWindowMinutes()),
                a.errorMinCalls());
        List<Channel> channels = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(20);
        if (!a.smtpHost().isBlank()) {
            channels.add(new Mail(new Mail.Settings(a.smtpHost(), a.smtpPort(), a.smtpFrom(), a.smtpTo(), a.smtpUser(),
                    a.smtpPassword(), a.smtpStartTls(), timeout)));
        }
        if (!a.webhookUrl().isBlank()) channels.add(new Webhook(URI.create(a.webhookUrl()), a.webhookChatId(), timeout));
        return new Alerts(db, rules, channels, clock);
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
            if (config.workers().enabled()) {
                panel.fulfilment.start();
                panel.alerts.start(Duration.ofMillis(config.alerts().everyMillis()));
                panel.reimport.start(Duration.ofMinutes(1)); // a due re-import waits a minute at most: hours are its unit
            }
        } catch (IOException | RuntimeException e) {
            panel.close();
            throw e;
        }
        return panel;
    }

    private void serve() throws IOException {
        Config.Ops ops = config.ops();
        metrics = new Metrics(db, new Figures(db, config.workers().enabled() ? fulfilment : null, Clock.systemUTC(),
                config.workers().syncMillis(), this::currency, ops.refreshMillis()), ops.metricsToken());
        fulfilment.onDispatch(metrics.dispatched());
        health = new Health(db, fulfilment, config.workers().enabled());
        requests = new Requests(metrics, ApiV2Front::action);
        Config.Front front = config.front();
        apiV2 = new ApiV2Front(new ApiV2(accounts, catalog, orders, refills, new RateLimit(() -> settings.current().rateLimit()),
                new KeyFailures(front.keyFailuresPerMinute()), this::currency));
        var limits = new Limits(config.maxBody(), config.maxInFlight(), front.maxConnections(), Duration.ofMillis(front.idleMillis()),
                Duration.ofMillis(front.headerMillis()), Duration.ofMillis(front.bodyMillis()));
        Config.Web w = config.web();
        var profiles = new Profiles(db, passwords, links);
        var site = new Site(accounts, new Sessions(db, clock, Duration.ofMinutes(w.sessionIdleMinutes())), Messages.of(Locale.ENGLISH),
                settings, new HashSet<>(w.trustedProxies()));
        web = new Web(site, passwords, accounts, catalog, orders, new Quotes(db, catalog, clock), new OrderList(db, new Orders(), clock), refills,
                db, tickets, profiles, twoFactor, links, customer -> deposits.unpaid(customer, 20));
        http = HttpServer.start(config.host(), config.port(), limits, routes(apiV2));
    }

    private static final Response HEALTHY = Response.json(200, "{\"status\":\"ok\"}");

    /** A pool timeout, however deep a page or use case wrapped it. */
    private static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof Database.Busy) return true;
        return false;
    }

    /**
     * Every route of the panel, one table; each front adds its own lines. API v2 answers GET and POST on both paths;
     * its JSON words the errors of every other path too (malformed HTTP, unknown paths), as it always has.
     */
    private Routes routes(Handler api) {
        Handler health = request -> HEALTHY;
        Routes routes = new Routes(apiV2.elsewhere())
                .overloaded(Panel::busy) // no connection came free in time: 503, try again
                .front("/api/", apiV2)
                .front("/health", apiV2.elsewhere()) // a probe's path: its errors stay JSON under the website's "/"
                .get("/api/v2", api).post("/api/v2", api)
                .get("/api/v2/", api).post("/api/v2/", api)
                .get("/health", health).route("HEAD", "/health", health)
                // Operations (ops/): Prometheus figures, liveness and readiness; every route timed and access-logged
                .get("/metrics", metrics::scrape)
                .get("/health/live", this.health::live).get("/health/ready", this.health::ready)
                .timing(metrics.timing()).access(requests);
        // Admin API v2 (ADMIN-API.md): /adminapi/v2/…, its own envelope for errors, staff keys with their role's permissions
        new AdminApiRoutes(staff, accounts, passwords, funds, new Directory(db), orders, new OrderSearch(db), new ManualWork(db, clock), refills,
                review, tickets, this::currency, config.admin().rateLimit(), config.admin().cors()).addTo(routes);
        // payments (issue 12): /addfunds and the gateways' webhooks (web/PaymentPages.routes lists them)
        new PaymentPages(web.site, deposits).routes(routes);
        // the admin pages: /admin, /admin/login, /admin/orders… for signed-in staff (admin/AdminPages.routes lists them)
        var desk = new Desk(web.site, db, clock, Duration.ofMinutes(config.web().sessionIdleMinutes()), staff);
        new AdminPages(desk, db, clock, new SignInThrottle(clock, config.web().failuresPerAccount(), config.web().failuresPerAddress()),
                orders, review, alerts, refills, providers).routes(routes);
        // the customers pages: /admin/customers… (admin/CustomerPages.routes lists them)
        new CustomerPages(desk, db, accounts, funds, ledger, catalog, tickets, new Profiles(db, passwords, links)).routes(routes);
        // the admin payment pages: /admin/deposits (the manual deposits queue), /admin/payment-methods (admin/DepositPages.routes)
        new DepositPages(desk, accounts, () -> deposits).routes(routes);
        // the catalogue, providers and settings pages: /admin/services, /admin/providers, /admin/settings (issue 11)
        new CatalogPages(desk, catalog, new Categories(db, catalog), new Repricing(db, catalog), mappings, providers, upstreamCatalog).routes(routes);
        new ProviderPages(desk, db, clock, providers, upstreamCatalog, reimport, fulfilment::pausedUntil).routes(routes);
        new SettingsPages(desk, settings).routes(routes);
        // the admin tickets, reports and staff pages (issue 11): /admin/tickets, /admin/reports, /admin/staff
        new TicketPages(desk, tickets).routes(routes);
        new ReportPages(desk, new Reports(db), clock).routes(routes);
        new StaffPages(desk).routes(routes);
        // the customer website: /, /login, /orders… (web/Web.routes lists them)
        return web.routes(routes);
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
        alerts.close();
        reimport.close();
        fulfilment.close();
        providers.close();
        if (simulator != null) simulator.close();
        if (http != null) http.stop(1);
        if (metrics != null) metrics.close();
        db.close();
        if (embedded != null) embedded.close();
    }
}
