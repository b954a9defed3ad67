package org.opensmm.fulfil;

import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.ledger.Money;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscription resold to a simulated provider: our customer pays for each post as the provider charges us for it. */
class SubscriptionForwardingTest {

    @Test void the_reseller_charges_its_customer_for_the_posts_its_provider_charges_for() {
        try (var wholesaler = TestPanel.start(); var reseller = TestPanel.start()) {
            wholesaler.simulate(Simulator.Settings.fast());
            wholesaler.service(ServiceType.SUBSCRIPTIONS, "2.00", 100, 1000);
            var account = wholesaler.customer("100");
            Provider p = Upstreams.provider(reseller, wholesaler, account, Provider.AddErrorPolicy.FAIL);
            long ours = Upstreams.resell(reseller, p, "25").get(ServiceType.SUBSCRIPTIONS); // 2.50 per 1000
            try (var engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(5), Clock.systemUTC())) {
                var fan = reseller.customer("20");
                var sdk = PanelClient.of(reseller.api, fan.key());
                long order = sdk.add(AddOrder.subscription(ours, "someone", 100, 200, 0, 3, null, null)).orElseThrow();

                Upstreams.await("the subscription completes at the reseller", () ->
                        sdk.status(order).toOptional().map(s -> s.status() == org.opensmm.client.Status.COMPLETED).orElse(false));
                Upstreams.await("every post is charged", () -> {
                    Money theirs = Upstreams.spent(wholesaler, account, "100");
                    return !theirs.isZero() && Upstreams.spent(reseller, fan, "20").equals(theirs.share(125, 100));
                });
                Money upstreamCost = Upstreams.spent(wholesaler, account, "100");
                assertThat(Upstreams.count(wholesaler, "SELECT COUNT(*) FROM orders WHERE parent_id IS NOT NULL")).isEqualTo(3);
                assertThat(sdk.status(order).orElseThrow().charge()).isEqualByComparingTo(upstreamCost.share(125, 100).toDecimal());
                assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
                assertThat(Upstreams.balancesMatchLedger(wholesaler)).isTrue();
            }
        }
    }
}
