package org.opensmm.app;

import org.opensmm.account.Accounts;
import org.opensmm.api.ApiV2;
import org.opensmm.api.HttpApi;
import org.opensmm.api.RateLimit;
import org.opensmm.catalog.Catalog;
import org.opensmm.db.Database;
import org.opensmm.ledger.Ledger;
import org.opensmm.order.OrderService;
import org.opensmm.order.Orders;
import org.opensmm.order.Refills;

import java.io.IOException;
import java.time.Clock;

/** The whole panel wired by hand, in one place: database, features, HTTP. */
public final class Panel implements AutoCloseable {
    public final Config config;
    public final Database db;
    public final Ledger ledger;
    public final Accounts accounts;
    public final Catalog catalog;
    public final OrderService orders;
    public final Refills refills;
    private HttpApi http;

    private Panel(Config config, Database db, Clock clock) {
        this.config = config;
        this.db = db;
        this.ledger = new Ledger(clock);
        this.accounts = new Accounts(db, ledger, clock);
        this.catalog = new Catalog(db, clock);
        var orderRows = new Orders();
        this.orders = new OrderService(db, catalog, ledger, orderRows, clock);
        this.refills = new Refills(db, catalog, orderRows, clock);
    }

    /** Opens the database (migrating it) without serving HTTP: what the CLI uses. */
    public static Panel open(Config config) {
        return new Panel(config, Database.open(config.jdbcUrl(), config.poolSize()), Clock.systemUTC());
    }

    /** Opens the database and serves API v2 on the configured host and port. */
    public static Panel start(Config config) throws IOException {
        Panel panel = open(config);
        try {
            panel.serve();
        } catch (IOException | RuntimeException e) {
            panel.close();
            throw e;
        }
        return panel;
    }

    private void serve() throws IOException {
        var api = new ApiV2(accounts, catalog, orders, refills, new RateLimit(config.rateLimit()), config.currency());
        http = HttpApi.start(config.host(), config.port(), api, config.maxBody(), config.maxInFlight());
    }

    /** The port actually bound (useful with port 0). */
    public int port() { return http.port(); }

    @Override public void close() {
        if (http != null) http.stop(1);
        db.close();
    }
}
