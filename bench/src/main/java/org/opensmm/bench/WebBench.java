package org.opensmm.bench;

import org.opensmm.account.Actor;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * The website under load (issue 10): {@link Panel#start} on a benchmark database with {@code services} services and
 * customer {@code bench-1} holding {@code orders} orders (seeded in bulk as {@link Seed} does, each with its ledger
 * charge), signed in through {@code /login} like a browser. Before printing {@code READY} it fetches each page once with the session and fails
 * the run unless each is the signed-in page.
 *
 * <p>Usage: {@code WebBench --db embedded:<dir>|postgres:<name> [--create] [--drop-on-exit] [--orders 10000]
 * [--services 1000]}. Prints {@code READY port=P cookie=NAME=VALUE lo=<first order id> hi=<last order id>}.
 */
public final class WebBench {
    static final String PASSWORD = "bench password 1";

    public static void main(String[] argv) throws Exception {
        var args = new Args(argv);
        var db = BenchDb.parse(args.required("db"));
        long orders = args.number("orders", 10_000);
        long services = args.number("services", 1_000);
        if (args.flag("create")) db.create();
        var panel = Panel.start(db.config());
        var fixture = BenchDb.setUp(panel, 1);
        long customer = fixture.customers().getFirst();
        for (long n = panel.catalog.all().size(); n < services; n++) {
            panel.catalog.add(new Service(0, "Bench service " + n, ServiceType.DEFAULT, "Bench category " + (n % 20),
                    Rate.parse("0.90"), 10, 1_000_000, n % 2 == 0, n % 3 == 0, false, 30, 0, Set.of(), true));
        }
        long have = panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders WHERE customer_id = ?", customer));
        if (have < orders) {
            try (Connection c = panel.db.dataSource().getConnection(); Statement s = c.createStatement()) {
                long now = System.currentTimeMillis();
                s.executeUpdate(Seed.insert(customer, fixture.serviceId(), have + 1, orders, now));
                // each order's charge in the ledger, paid for by one deposit first: /transactions has as many lines as
                // /orders has orders, and the ledger still sums to the balance
                s.executeUpdate("""
                        INSERT INTO ledger_entry (customer_id, kind, amount, reason, created_at)
                        SELECT %d, 'DEPOSIT', COALESCE(SUM(charge), 0), 'bench seed', %d FROM orders WHERE customer_id = %d
                          AND id NOT IN (SELECT order_id FROM ledger_entry WHERE order_id IS NOT NULL)""".formatted(customer, now, customer));
                s.executeUpdate("""
                        INSERT INTO ledger_entry (customer_id, kind, amount, order_id, created_at)
                        SELECT customer_id, 'CHARGE', -charge, id, created_at FROM orders WHERE customer_id = %d
                          AND id NOT IN (SELECT order_id FROM ledger_entry WHERE order_id IS NOT NULL) ORDER BY id""".formatted(customer));
                c.commit();
                // a panel's tables are vacuumed in steady state: without this, autovacuum and the first readers' hint
                // bits write the fresh rows in the middle of the measured rounds
                c.setAutoCommit(true);
                s.execute("VACUUM (ANALYZE) orders, ledger_entry");
            }
        }
        long lo = panel.db.read(tx -> tx.count("SELECT MIN(id) FROM orders WHERE customer_id = ?", customer));
        long hi = panel.db.read(tx -> tx.count("SELECT MAX(id) FROM orders WHERE customer_id = ?", customer));
        panel.passwords.setPassword(new Actor.Cli("bench"), customer, PASSWORD);

        String cookie = signIn(panel.port(), "bench-1");
        for (String path : new String[] {"/", "/orders", "/services", "/subscriptions", "/transactions"}) {
            var r = get(panel.port(), path, cookie);
            if (r.statusCode() != 200 || !r.body().contains("bench-1")) fail(path, r.statusCode() + " " + r.body());
        }

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            panel.close();
            if (args.flag("drop-on-exit")) db.drop();
            stopped.countDown();
        }));
        System.out.println("READY port=" + panel.port() + " cookie=" + cookie + " lo=" + lo + " hi=" + hi
                + " services=" + panel.catalog.all().size() + " db=" + db.spec);
        stopped.await();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** GET /login for a session and its CSRF token, POST the form as a browser does; the signed-in cookie. */
    static String signIn(int port, String user) throws Exception {
        var page = get(port, "/login", null);
        String cookie = cookie(page);
        var m = CSRF.matcher(page.body());
        if (cookie == null || !m.find()) fail("/login", page.statusCode() + " " + page.body());
        String form = "csrf=" + enc(m.group(1)) + "&next=%2F&username=" + enc(user) + "&password=" + enc(PASSWORD);
        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String renewed = cookie(r);
        if (r.statusCode() != 303 && r.statusCode() != 302 || renewed == null) fail("POST /login", r.statusCode() + " " + r.body());
        return renewed;
    }

    static HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> r) {
        return r.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(null);
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static void fail(String what, String reply) {
        System.out.println("FAILED " + what + " replied " + reply.substring(0, Math.min(reply.length(), 500)));
        System.exit(1);
    }
}
