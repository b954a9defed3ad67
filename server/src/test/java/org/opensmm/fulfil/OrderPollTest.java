package org.opensmm.fulfil;

import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;
import static org.opensmm.fulfil.Upstreams.count;

/**
 * The status sync's schedule (order_poll) holds exactly the sent orders, whatever moves them, and polling an order whose
 * upstream answer did not change writes only the schedule, never the order row (issue 13: 1M active orders a minute).
 */
class OrderPollTest {
    private static final String OUT_OF_STEP = """
            SELECT COUNT(*) FROM orders o FULL JOIN order_poll p ON p.order_id = o.id
            WHERE (o.stage = 'SENT') IS DISTINCT FROM (p.order_id IS NOT NULL)
               OR (p.order_id IS NOT NULL AND p.provider_id IS DISTINCT FROM o.provider_id)""";

    @Test void polling_an_unchanged_order_moves_its_schedule_and_leaves_its_row_alone() {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start()) {
            // orders stay Pending upstream for an hour: every poll answers what the order already shows
            wholesaler.simulate(new Simulator.Settings(Duration.ofHours(1), Duration.ofHours(1), 0, Duration.ofHours(1),
                    Duration.ofMillis(50), 1));
            wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
            Provider p = Upstreams.provider(reseller, wholesaler, wholesaler.customer("1000"), Provider.AddErrorPolicy.RETRY);
            long service = Upstreams.resell(reseller, p, "25").get(ServiceType.DEFAULT);
            Fulfilment engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(2), Clock.systemUTC());
            try {
                var sdk = PanelClient.of(reseller.api, reseller.customer("100").key(), Duration.ofSeconds(5));
                List<Long> placed = new ArrayList<>();
                for (int i = 0; i < 5; i++) placed.add(sdk.add(AddOrder.defaults(service, "https://example.com/poll/" + i, 100)).orElseThrow());
                await("all sent", () -> count(reseller, "SELECT COUNT(*) FROM order_poll") == placed.size());
                assertThat(count(reseller, OUT_OF_STEP)).isZero();

                long order = placed.getFirst();
                // the first poll records what the provider charged us (the order's cost); after that nothing changes
                await("cost recorded", () -> count(reseller, "SELECT upstream_charge FROM orders WHERE id = ?", order) > 0);
                long version = count(reseller, "SELECT xmin::text::bigint FROM orders WHERE id = ?", order);
                long scheduled = count(reseller, "SELECT next_at FROM order_poll WHERE order_id = ?", order);
                // several polls later (every 150 ms): the schedule moved on, the order row is the very same tuple
                await("polled again", () -> count(reseller, "SELECT next_at FROM order_poll WHERE order_id = ?", order) > scheduled + 300);
                assertThat(count(reseller, "SELECT xmin::text::bigint FROM orders WHERE id = ?", order)).isEqualTo(version);
                assertThat(Upstreams.stage(reseller, order)).isEqualTo(Stage.SENT);

                // an order leaving SENT, however it leaves, leaves the schedule in the same transaction
                reseller.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = 'FAIL' WHERE id = ?", placed.get(1)));
                assertThat(count(reseller, "SELECT COUNT(*) FROM order_poll WHERE order_id = ?", placed.get(1))).isZero();
                // an explicit poll time on a sent order is the schedule's
                reseller.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET next_at = ? WHERE id = ?", Long.MAX_VALUE, placed.get(2)));
                assertThat(count(reseller, "SELECT next_at FROM order_poll WHERE order_id = ?", placed.get(2))).isEqualTo(Long.MAX_VALUE);
                assertThat(count(reseller, OUT_OF_STEP)).isZero();
            } finally {
                engine.close();
            }
        }
    }
}
