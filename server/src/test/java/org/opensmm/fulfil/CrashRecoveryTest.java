package org.opensmm.fulfil;

import org.junit.jupiter.api.Test;
import org.opensmm.api.Fault;
import org.opensmm.api.Faults;
import org.opensmm.app.Config;
import org.opensmm.app.Panel;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.order.Order;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * The reseller is a separate JVM killed hard while adds are in flight, then started again: every order ends, none
 * reaches the provider twice, none is refunded twice. Adds cut off mid-call go to FAIL and the operator attaches them.
 */
class CrashRecoveryTest {

    @Test void a_reseller_killed_mid_flow_and_restarted_finishes_every_order_once() throws Exception {
        String url = TestDb.fresh();
        try (var wholesaler = TestPanel.start();
             Panel operator = Panel.open(Config.from(Map.of()).withDbUrl(url).withPoolSize(4).withSecret(TestPanel.SECRET))) {
            Faults faults = wholesaler.simulate(Simulator.Settings.fast().withPartialPerMille(500));
            faults.setTimeoutDelay(Duration.ofMillis(1500)); // slow replies that still beat the 3 s client timeout
            wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
            var account = wholesaler.customer("1000");
            Provider p = operator.providers.add("wholesaler", wholesaler.api.toString(), account.key(), Provider.AddErrorPolicy.RETRY, 4);
            operator.upstreamCatalog.importServices(p.id());
            long service = operator.mappings.createService(p.id(), operator.upstreamCatalog.services(p.id()).getFirst().service(),
                    PriceRule.Markup.parse("25"), false).service().id();
            var alice = operator.accounts.create("alice", org.opensmm.ledger.Money.parse("100"));

            int port = freePort();
            File log = Files.createTempFile("reseller", ".log").toFile();
            log.deleteOnExit();
            Process first = reseller(url, port, log);
            List<Long> placed = new ArrayList<>();
            try {
                var sdk = PanelClient.of(URI.create("http://127.0.0.1:" + port + "/api/v2"), alice.key().value(), Duration.ofSeconds(5));
                await("reseller up", Duration.ofSeconds(30), () -> sdk.balance().isOk());
                faults.failNext("add", Fault.TIMEOUT, 6); // the first adds hang upstream for 1.5 s: killed in flight
                for (int i = 0; i < 30; i++) placed.add(sdk.add(AddOrder.defaults(service, "https://example.com/crash/" + i, 1000)).orElseThrow());
                await("adds in flight", () -> count(operator, "SELECT COUNT(*) FROM orders WHERE stage = 'SENDING'") > 0);
            } finally {
                first.destroyForcibly().waitFor();
            }
            long inFlightAtKill = count(operator, "SELECT COUNT(*) FROM orders WHERE stage = 'SENDING'");
            assertThat(inFlightAtKill).isPositive();

            Process second = reseller(url, port, log);
            try {
                await("every order finished, cut-off adds attached by the operator", Duration.ofSeconds(60), () -> {
                    for (Order o : operator.review.failed(100)) {
                        // as an operator would: look upstream only once an add cut off mid-call has had time to land
                        if (System.currentTimeMillis() - o.updatedAt() < 5_000) continue;
                        List<Long> there = upstream(wholesaler, o.link());
                        if (there.isEmpty()) operator.review.resend(o.id());
                        else operator.review.attach(o.id(), there.getFirst());
                    }
                    return count(operator, "SELECT COUNT(*) FROM orders WHERE stage = 'DONE'") == placed.size();
                });
            } finally {
                second.destroyForcibly().waitFor();
            }
            for (long id : placed) assertThat(upstream(wholesaler, operator.orders.find(id).orElseThrow().link())).hasSize(1);
            assertThat(Upstreams.ordersAt(wholesaler)).isEqualTo(placed.size());
            assertThat(count(operator, "SELECT COUNT(*) FROM (SELECT order_id FROM ledger_entry WHERE kind = 'REFUND' GROUP BY order_id HAVING COUNT(*) > 1) x")).isZero();
            assertThat(Upstreams.ordersRefundedTwice(wholesaler)).isZero();
            assertThat(count(operator, """
                    SELECT COUNT(*) FROM customer c WHERE c.balance <> (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entry e WHERE e.customer_id = c.id)""")).isZero();
        } finally {
            TestDb.drop(url);
        }
    }

    private static Process reseller(String url, int port, File log) throws Exception {
        var pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "org.opensmm.app.Main", "serve");
        pb.environment().putAll(Map.of("OPENSMM_DB_URL", url, "OPENSMM_PORT", Integer.toString(port), "OPENSMM_TICK_MS", "50",
                "OPENSMM_SYNC_MS", "150", "OPENSMM_UPSTREAM_TIMEOUT_MS", "3000", "OPENSMM_RATE_LIMIT", "0", "OPENSMM_DB_POOL", "4",
                "OPENSMM_SECRET", TestPanel.SECRET));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        return pb.start();
    }

    private static List<Long> upstream(TestPanel wholesaler, String link) {
        return wholesaler.panel.db.read(tx -> tx.list("SELECT id FROM orders WHERE link = ?", rs -> rs.getLong(1), link));
    }

    private static long count(Panel panel, String sql) {
        return panel.db.read(tx -> tx.count(sql));
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
