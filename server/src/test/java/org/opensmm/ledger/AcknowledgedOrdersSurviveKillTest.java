package org.opensmm.ledger;

import org.junit.jupiter.api.Test;
import org.opensmm.account.ApiKey;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A panel process killed hard (SIGKILL) in the middle of a stream of orders: every order it acknowledged is still
 * there after the restart, charged exactly once, and the balance still equals the ledger.
 */
class AcknowledgedOrdersSurviveKillTest {

    @Test void every_acknowledged_order_survives_a_hard_kill_with_its_charge() throws Exception {
        String url = TestDb.fresh();
        String key = ApiKey.generate().value();
        long service;
        long customer;
        try (Panel setup = Panel.open(Config.from(Map.of()).withDbUrl(url).withPoolSize(2).withSecret(TestPanel.SECRET))) {
            customer = setup.accounts.create("durable", new ApiKey(key), Money.parse("100000")).customer().id();
            service = setup.catalog.add(new Service(0, "Followers", ServiceType.DEFAULT, "Test", Rate.parse("1.00"), 1, 1_000_000,
                    false, true, false, 30, 0, Set.of(), true)).id();
        }
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.opensmm.app.Main", "serve")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        launcher.environment().putAll(Map.of("OPENSMM_DB_URL", url, "OPENSMM_PORT", Integer.toString(port),
                "OPENSMM_RATE_LIMIT", "0", "OPENSMM_WORKERS", "false", "OPENSMM_SECRET", TestPanel.SECRET));
        Process child = launcher.start();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refusals = ConcurrentHashMap.newKeySet();
        try {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v2");
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitUp(http, port);
            var stop = new AtomicBoolean();
            var sent = new AtomicInteger();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    pool.execute(() -> {
                        while (!stop.get()) {
                            int n = sent.incrementAndGet();
                            String form = TestPanel.form(Map.of("key", key, "action", "add", "service", Long.toString(service),
                                    "link", "https://example.com/" + n, "quantity", "1000"));
                            try {
                                var reply = http.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(5))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                                var json = TestPanel.JSON.readTree(reply.body());
                                if (json.has("order")) acknowledged.add(json.get("order").asLong());
                                else refusals.add(reply.body());
                            } catch (Exception killed) {
                                return; // the process is gone: whatever was not acknowledged may or may not exist
                            }
                        }
                    });
                }
                // enough acknowledged orders to check, however loaded the machine (bounded), then a kill mid-stream
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (acknowledged.size() < 60 && System.nanoTime() < deadline) Thread.sleep(20);
                child.destroyForcibly(); // SIGKILL while requests are in flight
                child.waitFor();
                stop.set(true);
            }
        } finally {
            child.destroyForcibly();
        }

        assertThat(refusals).isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(50);
        try (Panel after = Panel.open(Config.from(Map.of()).withDbUrl(url).withPoolSize(2).withSecret(TestPanel.SECRET))) {
            List<Long> orders = after.db.read(tx -> tx.list("SELECT id FROM orders WHERE customer_id = ?", rs -> rs.getLong(1), customer));
            assertThat(orders).containsAll(acknowledged);
            long charges = after.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE kind = 'CHARGE' AND customer_id = ?", customer));
            assertThat(charges).as("one charge per order, no more, no less").isEqualTo(orders.size());
            Money balance = after.accounts.balance(customer);
            Money ledgerSum = after.db.read(tx -> after.ledger.sum(tx, customer));
            assertThat(ledgerSum).isEqualTo(balance);
            assertThat(balance).isEqualTo(Money.parse("100000").minus(new Money(orders.size() * 1_000_000L)));
        } finally {
            TestDb.drop(url);
        }
    }

    private static void awaitUp(HttpClient http, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the panel process did not come up within 60 s");
    }
}
