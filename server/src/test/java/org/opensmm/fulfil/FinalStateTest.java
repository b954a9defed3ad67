package org.opensmm.fulfil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.ledger.Money;
import org.opensmm.order.CancelState;
import org.opensmm.order.Order;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.provider.Provider;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmm.fulfil.Upstreams.await;

/** Completed, Partial and Canceled are final: no worker, operator or customer moves, resends or refunds them again. */
class FinalStateTest extends ScriptedResellerTest {
    @BeforeEach void upstream() { resellFrom("scripted", Provider.AddErrorPolicy.FAIL); }

    long refunds(long order) {
        return Upstreams.count(reseller, "SELECT COUNT(*) FROM ledger_entry WHERE order_id = ? AND kind = 'REFUND'", order);
    }

    @Test void a_failed_order_canceled_by_its_customer_leaves_fail_and_can_never_be_resent_or_moved() {
        upstream.add = id -> "{\"error\": \"Not enough funds on balance\"}";
        var ann = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, ann.key(), Duration.ofSeconds(5));
        long order = sdk.add(AddOrder.defaults(ours.get(ServiceType.DEFAULT), "https://x/ann", 1000)).orElseThrow();
        await("FAIL", () -> order(order).stage() == Stage.FAIL);

        assertThat(sdk.cancel(java.util.List.of(order)).get(order).orElseThrow()).isTrue();
        reseller.panel.orders.resolveCancel(order, true);

        assertThat(order(order).status()).isEqualTo(Status.CANCELED);
        assertThat(reseller.balance(ann)).isEqualTo(Money.parse("10"));
        assertThat(reseller.panel.review.failed(1000)).extracting(Order::id).doesNotContain(order);
        assertThatThrownBy(() -> reseller.panel.review.resend(order)).hasMessageContaining("not in Fail");
        assertThatThrownBy(() -> reseller.panel.review.attach(order, 5)).hasMessageContaining("not in Fail");
        assertThatThrownBy(() -> reseller.panel.review.refund(order)).hasMessageContaining("not in Fail");
        assertThatThrownBy(() -> reseller.panel.orders.applyStatus(order, Status.PENDING, null, null)).hasMessageContaining("already Canceled");

        // had it slipped upstream anyway (the old resend), the sync cannot move it back
        upstream.add = id -> "{\"order\": " + id + "}";
        upstream.statusByLink.put("https://x/ann", "{\"status\": \"In progress\", \"remains\": \"500\", \"start_count\": \"10\"}");
        reseller.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = 'SENT', external_id = '4242' WHERE id = ?", order));
        upstream.linkById.put(4242L, "https://x/ann");
        await("polled", () -> upstream.received.stream().anyMatch(f -> "4242".equals(f.get("orders"))));
        await("the sync flags what it cannot apply", () -> order(order).providerError() != null
                || order(order).status() != Status.CANCELED || upstream.count("status") > 3);

        assertThat(order(order).status()).isEqualTo(Status.CANCELED);
        assertThat(order(order).remains()).isEqualTo(1000);
        assertThat(reseller.balance(ann)).isEqualTo(Money.parse("10"));
        assertThat(refunds(order)).isEqualTo(1);
        assertThat(upstream.count("add")).isEqualTo(1);
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
    }

    @Test void the_operator_canceling_an_order_that_is_upstream_forwards_the_cancel_and_refunds_when_confirmed() {
        var bob = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, bob.key(), Duration.ofSeconds(5));
        long order = sdk.add(AddOrder.defaults(ours.get(ServiceType.DEFAULT), "https://x/bob", 1000)).orElseThrow();
        await("SENT", () -> order(order).stage() == Stage.SENT);

        Order asked = reseller.panel.orders.applyStatus(order, Status.CANCELED, null, null);

        assertThat(asked.status()).isEqualTo(Status.PENDING);
        assertThat(asked.cancelState()).isEqualTo(CancelState.REQUESTED);
        assertThat(reseller.balance(bob)).isEqualTo(Money.parse("9.875"));
        await("the cancel reached the provider", () -> upstream.count("cancel") == 1);
        assertThatThrownBy(() -> reseller.panel.orders.applyStatus(order, Status.CANCELED, null, null)).hasMessageContaining("already has a cancel request");

        upstream.statusByLink.put("https://x/bob", "{\"status\": \"Canceled\", \"remains\": \"1000\"}");
        await("Canceled once the provider confirms", () -> order(order).status() == Status.CANCELED);

        assertThat(reseller.balance(bob)).isEqualTo(Money.parse("10"));
        assertThat(refunds(order)).isEqualTo(1);
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
    }

    @Test void a_completed_order_is_not_refunded_by_a_later_canceled_from_upstream() {
        var cy = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, cy.key(), Duration.ofSeconds(5));
        long order = sdk.add(AddOrder.defaults(ours.get(ServiceType.DEFAULT), "https://x/cy", 1000)).orElseThrow();
        await("SENT", () -> order(order).stage() == Stage.SENT);
        reseller.panel.orders.applyStatus(order, Status.COMPLETED, null, null); // the operator knew better

        upstream.statusByLink.put("https://x/cy", "{\"status\": \"Canceled\", \"remains\": \"1000\"}");
        await("the sync flags it", () -> order(order).providerError() != null);

        assertThat(order(order).providerError()).contains("already Completed");
        assertThat(order(order).status()).isEqualTo(Status.COMPLETED);
        assertThat(reseller.balance(cy)).isEqualTo(Money.parse("9.875"));
        assertThat(refunds(order)).isZero();
    }
}
