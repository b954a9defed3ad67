package org.opensmm.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.api.Fault;
import org.opensmm.app.Config;
import org.opensmm.catalog.ServiceType;
import org.opensmm.fulfil.Upstreams;
import org.opensmm.order.Stage;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics on a real panel: the figures an operator graphs, and who may read them. */
class MetricsTest {
    static final String TOKEN = "metrics-token-for-tests";
    static TestPanel panel;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withOps(c.ops().withMetricsToken(TOKEN).withRefreshMillis(0)));
    }

    @AfterAll static void stop() { panel.close(); }

    static TestPanel.Reply get(TestPanel panel, String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return panel.send(request, null);
    }

    @Test void orders_money_requests_and_errors_are_counted() {
        var alice = panel.customer("1.00");
        long service = panel.service(ServiceType.DEFAULT, "2.00", 10, 10_000);
        assertThat(panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/1", "quantity", "100")
                .has("order")).isTrue();
        assertThat(panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/2", "quantity", "1000")
                .get("error").asText()).isEqualTo("Not enough funds on balance");
        panel.call(alice.key(), "action", "balance");

        String text = get(panel, "/metrics").body();

        assertThat(text).contains("# TYPE opensmm_orders gauge")
                .containsPattern("opensmm_money_moved_total\\{currency=\"USD\",kind=\"charged\"\\} 0\\.2")
                .containsPattern("opensmm_money_moved_total\\{currency=\"USD\",kind=\"deposited\"\\} 1\\.0")
                .containsPattern("(?m)^opensmm_api_requests_seconds_count\\{action=\"add\",outcome=\"ok\"\\} 1$")
                .containsPattern("(?m)^opensmm_api_requests_seconds_count\\{action=\"balance\",outcome=\"ok\"\\} 1$")
                .containsPattern("(?m)^opensmm_api_errors_total\\{action=\"add\",error=\"Not enough funds on balance\"\\} 1\\.0$")
                .containsPattern("opensmm_http_requests_seconds_bucket\\{front=\"api\",route=\"/api/v2\",status=\"200\",le=\"0\\.1\"\\}")
                .contains("opensmm_fulfil_sync_lag_seconds 0.0", "hikaricp_connections_max", "opensmm_db_waiting 0.0", "jvm_memory_used_bytes", "process_uptime_seconds");
        double orders = text.lines().filter(l -> l.startsWith("opensmm_orders{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(orders).isGreaterThanOrEqualTo(1);
    }

    @Test void loopback_reads_metrics_others_need_the_token() {
        assertThat(get(panel, "/metrics").status()).isEqualTo(200);
        // a request a proxy forwarded is not loopback's, even from 127.0.0.1
        assertThat(get(panel, "/metrics", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(401);
        assertThat(get(panel, "/metrics", "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer wrong").status()).isEqualTo(401);
        var ok = get(panel, "/metrics", "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + TOKEN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).startsWith("text/plain");
    }

    @Test void without_a_token_only_loopback_reads_metrics() {
        try (var open = TestPanel.start(c -> c)) {
            assertThat(get(open, "/metrics").status()).isEqualTo(200);
            var refused = get(open, "/metrics", "Forwarded", "for=203.0.113.7", "Authorization", "Bearer anything");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("OPENSMM_METRICS_TOKEN");
        }
    }

    /**
     * The sync lag is how far past due its provider's status round is: a round that started longer than a sync interval
     * ago and still has sent orders to ask about. This panel's worker timer is stopped: the test sets the round.
     */
    @Test void the_sync_lag_is_how_long_a_providers_round_is_overdue() {
        try (var lagging = TestPanel.start(c -> c.withOps(c.ops().withRefreshMillis(0)))) {
            lagging.panel.fulfilment.close();
            long every = lagging.panel.config.workers().syncMillis();
            long provider = lagging.panel.providers.add("slow", "http://127.0.0.1:1/api/v2", "key", Provider.AddErrorPolicy.RETRY, 2).id();
            var bob = lagging.customer("1.00");
            long service = lagging.service(ServiceType.DEFAULT, "2.00", 10, 10_000);
            long order = lagging.call(bob.key(), "action", "add", "service", "" + service, "link", "https://x.example/lag", "quantity", "100")
                    .get("order").asLong();
            lagging.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = 'SENT', provider_id = ?, external_id = '77' WHERE id = ?",
                    provider, order));
            long started = System.currentTimeMillis() - every - Duration.ofMinutes(5).toMillis();
            lagging.panel.db.inTransaction(tx -> tx.update("INSERT INTO provider_round (provider_id, started_at) VALUES (?, ?)", provider, started));

            assertThat(lag(lagging)).as("due five minutes ago, not started").isBetween(300.0, 400.0);
            lagging.panel.db.inTransaction(tx -> tx.update("UPDATE provider_round SET after_id = 1 WHERE provider_id = ?", provider));
            assertThat(lag(lagging)).as("a round still running").isBetween(300.0, 400.0);
            lagging.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = 'DONE' WHERE id = ?", order));
            lagging.panel.db.inTransaction(tx -> tx.update("UPDATE provider_round SET after_id = 0 WHERE provider_id = ?", provider));
            assertThat(lag(lagging)).as("between rounds, nothing left to ask about").isZero();
            lagging.panel.db.inTransaction(tx -> tx.update("UPDATE provider_round SET after_id = 1 WHERE provider_id = ?", provider));
            assertThat(lag(lagging)).isBetween(300.0, 400.0);
            lagging.panel.db.inTransaction(tx -> tx.update("UPDATE provider_round SET after_id = 0, started_at = ? WHERE provider_id = ?",
                    System.currentTimeMillis(), provider));
            assertThat(lag(lagging)).as("a round just started").isZero();
        }
    }

    private static double lag(TestPanel panel) {
        var m = Pattern.compile("(?m)^opensmm_fulfil_sync_lag_seconds (\\S+)$").matcher(get(panel, "/metrics").body());
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * A reseller forwarding to a real simulated upstream and to a dead address: what it sent, our balance upstream,
     * the order an add with no reply left in FAIL, and the dead provider resting.
     */
    @Test void dispatch_outcomes_provider_balances_back_off_and_failed_orders_are_read_from_metrics() {
        try (var wholesaler = TestPanel.start();
             var reseller = TestPanel.start(c -> c.withWorkers(new Config.Workers(true, 50, 150, 2000)).withOps(new Config.Ops(null, 0, 100)))) {
            var faults = wholesaler.simulate(Simulator.Settings.fast());
            wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
            var account = wholesaler.customer("100");
            Provider live = reseller.panel.providers.add("live", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 2);
            long followers = Upstreams.resell(reseller, live, "25").get(ServiceType.DEFAULT);
            Provider dead = reseller.panel.providers.add("dead", "http://127.0.0.1:1/api/v2", "key", Provider.AddErrorPolicy.RETRY, 2);
            reseller.panel.db.inTransaction(tx -> tx.update("""
                    INSERT INTO upstream_service (provider_id, service, name, type, category, rate, rate_scale, min_quantity, max_quantity,
                                                  refill, cancel, removed, imported_at) VALUES (?, 1, 'x', 'Default', 'c', 800000, 2, 10, 100000, TRUE, TRUE, FALSE, 0)""",
                    dead.id()));
            long unreachable = reseller.panel.mappings.createService(dead.id(), 1, PriceRule.Markup.parse("25"), false).service().id();

            assertThat(scrapeUntil(reseller, "opensmm_provider_balance", "provider=\"live\"", v -> v == 100.0))
                    .as("our balance at the live provider, as it said").isEqualTo(100.0);

            var alice = reseller.customer("100");
            long sent = reseller.call(alice.key(), "action", "add", "service", "" + followers, "link", "https://x.example/sent", "quantity", "100")
                    .get("order").asLong();
            Upstreams.await("the order is sent", () -> Upstreams.external(reseller, sent) != null);
            assertThat(scrapeUntil(reseller, "opensmm_fulfil_dispatch_total", "outcome=\"sent\",provider=\"live\"", v -> v == 1)).isEqualTo(1);

            faults.failNext("add", Fault.EMPTY, 1);
            long failed = reseller.call(alice.key(), "action", "add", "service", "" + followers, "link", "https://x.example/failed", "quantity", "100")
                    .get("order").asLong();
            Upstreams.await("an add without a reply → FAIL", () -> Upstreams.stage(reseller, failed) == Stage.FAIL);
            assertThat(scrapeUntil(reseller, "opensmm_fulfil_dispatch_total", "outcome=\"no_reply\",provider=\"live\"", v -> v == 1)).isEqualTo(1);
            assertThat(scrapeUntil(reseller, "opensmm_fulfil_failed_orders", "provider=\"live\"", v -> v == 1)).isEqualTo(1);
            assertThat(scrapeUntil(reseller, "opensmm_fulfil_failed_orders", "provider=\"dead\"", v -> true)).isZero();

            reseller.call(alice.key(), "action", "add", "service", "" + unreachable, "link", "https://x.example/dead", "quantity", "100");
            assertThat(scrapeUntil(reseller, "opensmm_fulfil_dispatch_total", "outcome=\"unreachable\",provider=\"dead\"", v -> v >= 1))
                    .isGreaterThanOrEqualTo(1);
            assertThat(scrapeUntil(reseller, "opensmm_provider_backoff_seconds", "provider=\"dead\"", v -> v > 0))
                    .as("the dead provider rests").isPositive();
        }
    }

    /**
     * The value of the sample of {@code name} whose labels contain {@code labels}, scraped again (at most 15 s) until
     * {@code wanted} holds: the workers and the balance question run in the background.
     */
    static double scrapeUntil(TestPanel panel, String name, String labels, java.util.function.DoublePredicate wanted) {
        var sample = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\} (\\S+)$");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = get(panel, "/metrics").body();
            var m = sample.matcher(text);
            if (m.find() && wanted.test(Double.parseDouble(m.group(1)))) return Double.parseDouble(m.group(1));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + name + "{" + labels + "} as wanted within 15 s; the lines of it: "
                + text.lines().filter(l -> l.startsWith(name)).toList());
    }
}
