package org.opensmm.fulfil;

import org.junit.jupiter.api.Test;
import org.opensmm.app.Panel;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/** Two engines (as two processes would) on one database share the work and never forward an order twice. */
class TwoEnginesTest {

    @Test void two_engines_on_one_database_forward_each_order_exactly_once() {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start()) {
            wholesaler.simulate(Simulator.Settings.fast().withPartialPerMille(300));
            wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
            Provider p = Upstreams.provider(reseller, wholesaler, wholesaler.customer("1000"), Provider.AddErrorPolicy.RETRY);
            long service = Upstreams.resell(reseller, p, "25").get(ServiceType.DEFAULT);

            Fulfilment first = Upstreams.fastEngine(reseller, Duration.ofSeconds(2), Clock.systemUTC());
            // the second "process": its own pool on the same database URL, its own node id
            try (Panel other = Panel.open(reseller.panel.config)) {
                var providers = new Providers(other.db, Clock.systemUTC(), Duration.ofSeconds(2));
                Fulfilment second = new Fulfilment(other.db, other.orders, other.refills, providers,
                        Upstreams.fast(Duration.ofSeconds(2)).withNodeId("second-engine"), Clock.systemUTC()).start();
                try {
                    var alice = reseller.customer("1000");
                    var sdk = PanelClient.of(reseller.api, alice.key(), Duration.ofSeconds(5));
                    List<Long> placed = new ArrayList<>();
                    for (int i = 0; i < 80; i++) placed.add(sdk.add(AddOrder.defaults(service, "https://example.com/two/" + i, 100)).orElseThrow());

                    await("all finished", Duration.ofSeconds(60), () -> reseller.panel.db.read(tx ->
                            tx.count("SELECT COUNT(*) FROM orders WHERE stage = 'DONE'")) == placed.size());
                } finally {
                    second.close();
                    first.close();
                }
            }
            assertThat(Upstreams.ordersAt(wholesaler)).isEqualTo(80);
            assertThat(Upstreams.count(wholesaler, "SELECT COUNT(DISTINCT link) FROM orders")).isEqualTo(80);
            assertThat(Upstreams.count(reseller, "SELECT COUNT(*) FROM orders WHERE attempts <> 1")).isZero();
            assertThat(Upstreams.ordersRefundedTwice(reseller)).isZero();
            assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
            assertThat(Upstreams.balancesMatchLedger(wholesaler)).isTrue();
        }
    }
}
