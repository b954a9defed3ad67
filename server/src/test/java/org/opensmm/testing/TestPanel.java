package org.opensmm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opensmm.account.ApiKey;
import org.opensmm.api.Faults;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.simulator.Simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A real panel on 127.0.0.1 (port 0) over a fresh database of this run's kind, with helpers to drive it. */
public final class TestPanel implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** The key hashes' secret of every test panel (and of panels a test starts in another process): no file under data/. */
    public static final String SECRET = "test-secret-not-for-production";

    public final Panel panel;
    public final URI api;
    private final String dbUrl;

    private TestPanel(Panel panel, String dbUrl) {
        this.panel = panel;
        this.dbUrl = dbUrl;
        this.api = URI.create("http://127.0.0.1:" + panel.port() + "/api/v2");
    }

    public static TestPanel start() { return start(0); }

    /** @param rateLimit requests per second per key; 0 turns limiting off, as most tests want */
    public static TestPanel start(int rateLimit) { return start(c -> c.withRateLimit(rateLimit)); }

    /**
     * A panel with the test defaults (no per-key rate limit, no limit on unknown keys per address: tests send many
     * from one address) changed by {@code tweak}.
     */
    public static TestPanel start(UnaryOperator<Config> tweak) {
        String url = TestDb.fresh();
        Config defaults = Config.from(Map.of()).withPort(0).withDbUrl(url).withRateLimit(0).withSecret(SECRET);
        Config config = tweak.apply(defaults.withFront(defaults.front().withKeyFailuresPerMinute(0)));
        try {
            return new TestPanel(Panel.start(config), url);
        } catch (java.io.IOException | RuntimeException e) {
            TestDb.drop(url);
            throw new IllegalStateException(e);
        }
    }

    /** Makes this panel a simulated provider (fast settings unless given); returns its fault plan for scripting. */
    public Faults simulate(Simulator.Settings settings) {
        return panel.simulate(settings, new Faults(0, java.time.Duration.ofSeconds(3), 42));
    }

    /** A customer of its own with this opening balance. */
    public Customer customer(String balance) {
        ApiKey key = ApiKey.generate();
        var created = panel.accounts.create("customer-" + NAMES.incrementAndGet() + "-" + key.value().substring(0, 6), key,
                Money.parse(balance));
        return new Customer(created.customer().id(), key.value());
    }

    public record Customer(long id, String key) {}

    /** A service with the usual flags: refill and cancel on, drip-feed on for Default. */
    public long service(ServiceType type, String rate, long min, long max) {
        return service(type, rate, min, max, true, true);
    }

    public long service(ServiceType type, String rate, long min, long max, boolean refill, boolean cancel) {
        return panel.catalog.add(new Service(0, type.wire() + " service", type, "Test " + type.wire(), Rate.parse(rate), min, max,
                refill, cancel, type == ServiceType.DEFAULT, 30, 0, Set.of(), true)).id();
    }

    /** POSTs a form to /api/v2 and returns the parsed JSON reply (asserting it is JSON). */
    public JsonNode call(String key, String... nameValues) {
        var fields = new LinkedHashMap<String, String>();
        if (key != null) fields.put("key", key);
        for (int i = 0; i < nameValues.length; i += 2) fields.put(nameValues[i], nameValues[i + 1]);
        return post(form(fields), "application/x-www-form-urlencoded").json();
    }

    public record Reply(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("reply is not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    /** A raw POST with any body and content type (null: no header). */
    public Reply post(String body, String contentType) {
        return send(HttpRequest.newBuilder(api).POST(HttpRequest.BodyPublishers.ofString(body)), contentType);
    }

    public Reply send(HttpRequest.Builder request, String contentType) {
        if (contentType != null) request.header("Content-Type", contentType);
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> fields) {
        var out = new StringJoiner("&");
        fields.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    public Money balance(Customer c) { return panel.accounts.balance(c.id()); }

    public Money ledgerSum(Customer c) { return panel.db.read(tx -> panel.ledger.sum(tx, c.id())); }

    /** How many customers (all of them) have a balance other than the sum of their ledger entries: zero after every test. */
    public long ledgerDrift() {
        return panel.db.read(tx -> tx.count("""
                SELECT COUNT(*) FROM customer c WHERE c.balance <> (SELECT COALESCE(SUM(amount), 0) FROM ledger_entry e WHERE e.customer_id = c.id)"""));
    }

    /**
     * Every row that money, orders or refills live in, as text: equal before and after a refused request means
     * the request changed nothing.
     */
    public String snapshot() {
        return panel.db.read(tx -> String.join("\n",
                tx.list("SELECT id, balance, key_hash, enabled FROM customer ORDER BY id", rs -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getString(3) + ":" + rs.getBoolean(4)).toString(),
                tx.list("SELECT id, customer_id, amount, kind, order_id FROM ledger_entry ORDER BY id", rs -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3) + ":" + rs.getString(4) + ":" + rs.getObject(5)).toString(),
                tx.list("SELECT id, status, charge, refunded, remains, cancel_state, refilling FROM orders ORDER BY id", rs -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getLong(3) + ":" + rs.getLong(4) + ":" + rs.getLong(5) + ":" + rs.getString(6) + ":" + rs.getBoolean(7)).toString(),
                tx.list("SELECT id, order_id, status FROM refill ORDER BY id", rs -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getString(3)).toString()));
    }

    @Override public void close() {
        try {
            panel.close();
        } finally {
            TestDb.drop(dbUrl);
        }
    }
}
