package org.opensmm.provider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.Balance;
import org.opensmm.client.OrderStatus;
import org.opensmm.client.Outcome;
import org.opensmm.client.PanelClient;
import org.opensmm.client.RefillStatus;
import org.opensmm.client.ServiceInfo;
import org.opensmm.client.Status;
import org.opensmm.fulfil.Upstreams;
import org.opensmm.order.Order;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java SDK against our own server: every action, every service type, errors as Rejected. */
class SdkRoundTripTest {
    static TestPanel panel;
    static final Map<ServiceType, Long> services = new EnumMap<>(ServiceType.class);

    @BeforeAll static void start() {
        panel = TestPanel.start();
        for (ServiceType t : ServiceType.values()) services.put(t, panel.service(t, t.perPackage() ? "2.00" : "0.80", 1, 100_000));
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void every_action_and_every_type_round_trips() {
        var c = panel.customer("100");
        var sdk = PanelClient.of(panel.api, c.key(), Duration.ofSeconds(5));

        List<ServiceInfo> listed = sdk.services().orElseThrow();
        assertThat(listed).extracting(ServiceInfo::service).containsExactlyElementsOf(services.values());
        ServiceInfo first = listed.getFirst();
        assertThat(first.rate()).isEqualByComparingTo("0.80");
        assertThat(first.rate().scale()).isEqualTo(2);
        assertThat(first.refill()).isTrue();
        assertThat(first.cancel()).isTrue();

        var orders = new ArrayList<Long>();
        for (ServiceType t : ServiceType.values()) {
            var add = Upstreams.orderOf(t, services.get(t), "https://example.com/sdk/" + t.name());
            long id = sdk.add(add).orElseThrow();
            Order stored = panel.panel.orders.find(id).orElseThrow();
            assertThat(stored.type()).isEqualTo(t);
            assertThat(stored.fields()).as(t.wire()).isEqualTo(add.fields());
            orders.add(id);
        }
        Map<Long, Outcome<OrderStatus>> statuses = sdk.statuses(orders);
        assertThat(statuses.keySet()).containsExactlyElementsOf(orders);
        assertThat(statuses.values()).allMatch(o -> o.orElseThrow().status() == Status.PENDING);
        assertThat(sdk.status(orders.getFirst()).orElseThrow().charge()).isEqualByComparingTo("0.8");

        long done = orders.get(ServiceType.COMMENT_LIKES.ordinal());
        panel.panel.orders.applyStatus(done, org.opensmm.order.Status.COMPLETED, 7L, 0L);
        long refill = sdk.refill(done).orElseThrow();
        assertThat(sdk.refillStatus(refill).orElseThrow()).isEqualTo(RefillStatus.PENDING);
        assertThat(sdk.refillStatuses(List.of(refill, 999_999L)).get(999_999L)).isEqualTo(Outcome.rejected("Refill not found"));
        assertThat(sdk.refill(done)).isEqualTo(Outcome.rejected("Refill already requested"));
        assertThat(sdk.refills(List.of(done, 999_999L)).get(999_999L)).isEqualTo(Outcome.rejected("Incorrect order ID"));

        long toCancel = orders.get(ServiceType.SEO.ordinal());
        assertThat(sdk.cancel(List.of(toCancel, 999_999L))).containsEntry(toCancel, Outcome.ok(true))
                .containsEntry(999_999L, Outcome.rejected("Incorrect order ID"));
        assertThat(sdk.status(toCancel).orElseThrow().status()).isEqualTo(Status.CANCELED);

        Balance b = sdk.balance().orElseThrow();
        assertThat(b.currency()).isEqualTo("USD");
        assertThat(panel.balance(c).toDecimal()).isEqualByComparingTo(b.balance());
        assertThat(sdk.status(999_999L)).isEqualTo(Outcome.rejected("Incorrect order ID"));
        assertThat(sdk.add(org.opensmm.client.AddOrder.defaults(999_999L, "https://example.com/x", 100)))
                .isEqualTo(Outcome.rejected("Incorrect service ID"));
        assertThat(PanelClient.of(panel.api, "wrong", Duration.ofSeconds(5)).balance()).isEqualTo(Outcome.rejected("Invalid API key"));
    }
}
