package org.opensmm.db;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;
import org.opensmm.testing.ServedPanel;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel on its embedded default database, as shipped: clients place, cancel and refill orders while the panel
 * process is killed with SIGKILL at random moments — every other time together with the database server, as a power
 * cut would. After each kill the data folder is opened again and checked: every acknowledged order, cancel and refill
 * is there with its ledger entries, no transaction is half-applied, and every balance equals its ledger.
 * {@code -Dopensmm.crash.kills=50} makes the long run of BENCHMARKS.md.
 */
class EmbeddedDatabaseSurvivesKillTest {
    private static final int KILLS = Integer.getInteger("opensmm.crash.kills", 5);
    private static final int CUSTOMERS = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Set<Long> placed = ConcurrentHashMap.newKeySet();
    private final Set<Long> canceled = ConcurrentHashMap.newKeySet();
    private final Set<Long> refills = ConcurrentHashMap.newKeySet();
    private final List<Long> completed = new ArrayList<>();

    // each round is bounded (start 60 s, load 30 s, check); 50 rounds on a loaded machine need more than the 120 s default
    @Test @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void acknowledged_orders_cancels_and_refills_survive_sigkill_of_the_panel_and_its_database() throws Exception {
        Path data = Files.createTempDirectory("opensmm-crash-");
        Config config = Config.from(Map.of("OPENSMM_DATA", data.toString())).withPoolSize(2);
        try {
            List<String> keys = seed(config);
            for (int kill = 1; kill <= KILLS; kill++) {
                boolean powerCut = kill % 2 == 0;
                int port = ServedPanel.freePort();
                Process panel = serve(data, port);
                try {
                    awaitUp(port);
                    load(port, keys, panel, powerCut ? data : null);
                } finally {
                    panel.destroyForcibly().waitFor();
                }
                String when = "after kill " + kill + (powerCut ? " (panel and database)" : " (panel)");
                try {
                    check(config, when);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError(when + "; the database's log ends:\n" + tail(data.resolve("postgres").resolve("server.log")), e);
                }
            }
            int port = ServedPanel.freePort();
            Process panel = serve(data, port);
            try {
                awaitUp(port);
                for (String key : keys) assertThat(ServedPanel.call(port, key, "action", "balance").has("balance")).isTrue();
            } finally {
                panel.destroy();
                panel.waitFor();
            }
            System.out.printf("crash run: %d kills, %d acknowledged orders, %d cancels, %d refills, none lost%n",
                    KILLS, placed.size(), canceled.size(), refills.size());
            assertThat(placed).hasSizeGreaterThan(KILLS * 3);
            assertThat(canceled).isNotEmpty();
            assertThat(refills).isNotEmpty();
        } finally {
            ServedPanel.stopLeftovers(data);
            TestDb.deleteTree(data);
        }
    }

    /** Customers, a service with refill and cancel, and some Completed orders to refill. */
    private List<String> seed(Config config) {
        var keys = new ArrayList<String>();
        try (Panel p = Panel.open(config)) {
            long service = p.catalog.add(new Service(0, "Followers", ServiceType.DEFAULT, "Test", Rate.parse("1.00"), 10, 1_000_000,
                    true, true, false, 30, 0, Set.of(), true)).id();
            for (int c = 0; c < CUSTOMERS; c++) {
                var created = p.accounts.create("crash" + c, Money.parse("100000"));
                keys.add(created.key().value());
                for (int i = 0; i < 25; i++) {
                    long id = p.orders.add(created.customer().id(), service, field(Map.of("link", "https://example.com/done/" + c + "/" + i, "quantity", "100")));
                    p.orders.applyStatus(id, Status.COMPLETED, 0L, 0L);
                    completed.add(id);
                }
            }
            this.service = service;
        }
        return keys;
    }

    private long service;

    private static java.util.function.Function<String, String> field(Map<String, String> fields) { return fields::get; }

    /**
     * Clients place, cancel and refill until the panel is killed at a random moment; with {@code powerCut} (the data
     * folder) its database server goes first.
     */
    private void load(int port, List<String> keys, Process panel, Path powerCut) throws Exception {
        var stop = new AtomicBoolean();
        try (var clients = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                String key = keys.get(t % keys.size());
                clients.execute(() -> {
                    var random = ThreadLocalRandom.current();
                    List<Long> mine = new ArrayList<>();
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // bounded even if the kill fails
                    while (!stop.get() && System.nanoTime() < deadline) {
                        try {
                            int dice = random.nextInt(10);
                            if (dice < 6 || mine.isEmpty()) {
                                JsonNode r = ServedPanel.call(port, key, "action", "add", "service", Long.toString(service),
                                        "link", "https://example.com/" + random.nextLong(1L << 40), "quantity", "1000");
                                if (r.has("order")) {
                                    placed.add(r.get("order").asLong());
                                    mine.add(r.get("order").asLong());
                                }
                            } else if (dice < 8) {
                                long order = mine.remove(random.nextInt(mine.size()));
                                JsonNode r = ServedPanel.call(port, key, "action", "cancel", "orders", Long.toString(order));
                                if (r.isArray() && r.get(0).has("cancel")) canceled.add(order);
                            } else {
                                long order = completed.get(random.nextInt(completed.size()));
                                JsonNode r = ServedPanel.call(port, key, "action", "refill", "order", Long.toString(order));
                                if (r.has("refill")) refills.add(r.get("refill").asLong());
                            }
                        } catch (Exception gone) {
                            return; // killed: an unanswered request may or may not have happened
                        }
                    }
                });
            }
            try {
                // some work acknowledged first (a loaded machine may take a while), then a random moment
                int before = placed.size() + canceled.size() + refills.size();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (placed.size() + canceled.size() + refills.size() < before + 5 && System.nanoTime() < deadline) Thread.sleep(20);
                Thread.sleep(ThreadLocalRandom.current().nextLong(0, 1000));
                if (powerCut != null) killDatabase(powerCut);
            } finally {
                panel.destroyForcibly(); // SIGKILL mid-request
                panel.waitFor();
                stop.set(true);
            }
        }
    }

    /** Opens the data folder again (recovering it) and checks every acknowledgement and the ledger. */
    private void check(Config config, String when) {
        try (Panel p = Panel.open(config)) {
            p.db.read(tx -> {
                Set<Long> orders = Set.copyOf(tx.list("SELECT id FROM orders", rs -> rs.getLong(1)));
                assertThat(orders).as("acknowledged orders " + when).containsAll(placed);
                assertThat(tx.count("""
                        SELECT COUNT(*) FROM orders o WHERE o.charge > 0 AND 1 <> (SELECT COUNT(*) FROM ledger_entry e
                         WHERE e.order_id = o.id AND e.kind = 'CHARGE' AND e.amount = -o.charge)""")).as("orders without exactly one charge " + when).isZero();
                assertThat(tx.count("SELECT COUNT(*) FROM ledger_entry e WHERE e.order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = e.order_id)"))
                        .as("entries of orders that do not exist " + when).isZero();
                assertThat(tx.count("""
                        SELECT COUNT(*) FROM customer c WHERE c.balance <> (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entry e WHERE e.customer_id = c.id)"""))
                        .as("balances that differ from their ledger " + when).isZero();
                for (long id : canceled) {
                    assertThat(tx.one("SELECT status FROM orders WHERE id = ?", rs -> rs.getString(1), id)).as("canceled order " + id + " " + when).contains("Canceled");
                }
                assertThat(tx.count("""
                        SELECT COUNT(*) FROM orders o WHERE o.status = 'Canceled' AND 1 <> (SELECT COUNT(*) FROM ledger_entry e
                         WHERE e.refund_of = o.id AND e.amount = o.charge)""")).as("canceled orders without exactly one full refund " + when).isZero();
                Set<Long> refillRows = Set.copyOf(tx.list("SELECT id FROM refill", rs -> rs.getLong(1)));
                assertThat(refillRows).as("acknowledged refills " + when).containsAll(refills);
                return null;
            });
        }
    }

    /** A power cut for the database: the postmaster and every process of it, killed at once. */
    private static void killDatabase(Path data) throws Exception {
        Path pidFile = data.resolve("postgres").resolve("data").resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (java.io.IOException | RuntimeException notThere) {
            return; // no server running (yet): the panel's kill alone is the crash this round
        }
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            // the postmaster first: alive, it would restart its killed children and recover on its own
            List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        });
    }

    private static Process serve(Path data, int port) throws Exception {
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.opensmm.app.Main", "serve", "--port", Integer.toString(port));
        pb.environment().putAll(Map.of("OPENSMM_DATA", data.toString(), "OPENSMM_RATE_LIMIT", "0", "OPENSMM_WORKERS", "false"));
        pb.environment().remove("OPENSMM_DB_URL");
        return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }


    private static void awaitUp(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the panel did not come up within 60 s");
    }

    private static String tail(Path log) throws java.io.IOException {
        if (!Files.exists(log)) return "(no log)";
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
