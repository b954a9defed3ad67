package org.opensmm.fulfil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.provider.Provider;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * An upstream that lies, overflows or floods: what it says never moves our customers' money past what they agreed to,
 * one bad answer holds back no other order, and what we will not apply by ourselves waits for the operator.
 * Our rate is the upstream's 0.10 plus 25%: 0.125 per 1000.
 */
class HostileUpstreamTest extends ScriptedResellerTest {
    @BeforeEach void upstream() { resellFrom("hostile", Provider.AddErrorPolicy.RETRY); }

    PanelClient sdk(TestPanel.Customer c) { return PanelClient.of(reseller.api, c.key(), Duration.ofSeconds(5)); }

    long ledgerEntries(TestPanel.Customer c, String kind) {
        return Upstreams.count(reseller, "SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ? AND kind = ?", c.id(), kind);
    }

    /** Ten ticks of the engine: room for anything it would do by itself. Nothing is asserted about time. */
    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long place(TestPanel.Customer c, String link) {
        return sdk(c).add(AddOrder.defaults(ours.get(ServiceType.DEFAULT), link, 1000)).orElseThrow(); // 0.125
    }

    @Test void a_subscription_is_never_charged_past_posts_times_max_at_our_rate() {
        var fan = reseller.customer("99.4");
        upstream.statusByLink.put("fan", """
                {"charge": "30", "start_count": "0", "status": "Active", "remains": "0"}""");
        long sub = sdk(fan).add(AddOrder.subscription(ours.get(ServiceType.SUBSCRIPTIONS), "fan", 100, 200, 0, 2, null, null)).orElseThrow();

        await("the overcharge goes to the operator", () -> order(sub).stage() == Stage.FAIL);

        // 2 posts × 200 × 0.125 / 1000 = 0.05, not 30 × 0.125 / 0.10 = 37.5
        assertThat(reseller.balance(fan)).isEqualTo(Money.parse("99.35"));
        assertThat(order(sub).charge()).isEqualTo(Money.parse("0.05"));
        assertThat(order(sub).providerError()).contains("past the 0.05").contains("charged 0.05 of 37.5");
        assertThat(ledgerEntries(fan, "CHARGE")).isEqualTo(1);
        assertThat(reseller.panel.review.failed(1000)).extracting(Order::id).contains(sub);
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
    }

    @Test void a_charge_of_1e7000000_sends_that_order_to_review_and_the_rest_of_its_batch_still_syncs() {
        var ann = reseller.customer("10");
        long bad = sdk(ann).add(AddOrder.subscription(ours.get(ServiceType.SUBSCRIPTIONS), "ann", 100, 200, 0, 2, null, null)).orElseThrow();
        long done = place(ann, "https://x/done");
        long partial = place(ann, "https://x/partial");
        List<Long> all = List.of(bad, done, partial);
        await("all three upstream", () -> all.stream().allMatch(id -> order(id).stage() == Stage.SENT));
        // held back from the sync (out of SENT for a moment) while scripted, then back together: the provider's next round
        // asks for all three in one request
        reseller.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = 'MANUAL' WHERE id IN (?, ?, ?)", bad, done, partial));
        upstream.statusByLink.put("ann", "{\"charge\": 1e7000000, \"status\": \"Active\", \"remains\": \"0\"}");
        upstream.statusByLink.put("https://x/done", "{\"charge\": \"0.1\", \"status\": \"Completed\", \"remains\": \"0\"}");
        upstream.statusByLink.put("https://x/partial", "{\"charge\": \"0.05\", \"status\": \"Partial\", \"remains\": \"600\"}");
        reseller.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = 'SENT' WHERE id IN (?, ?, ?)", bad, done, partial));

        await("the batch applied", () -> order(bad).stage() == Stage.FAIL && order(done).status() == Status.COMPLETED
                && order(partial).status() == Status.PARTIAL);

        assertThat(upstream.received).anyMatch(f -> "status".equals(f.get("action")) && f.get("orders") != null
                && f.get("orders").split(",").length == 3);
        assertThat(order(bad).providerError()).startsWith("status: unreadable charge 1E+7000000");
        assertThat(order(bad).status()).isEqualTo(Status.PENDING);
        assertThat(order(bad).charge()).isEqualTo(Money.ZERO);
        // 10 − 2 × 0.125 + 0.6 × 0.125 refunded
        assertThat(reseller.balance(ann)).isEqualTo(Money.parse("9.825"));
        assertThat(ledgerEntries(ann, "REFUND")).isEqualTo(1);
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
    }

    @Test void a_charge_past_the_range_of_money_sends_that_order_to_review() {
        var bea = reseller.customer("10");
        upstream.statusByLink.put("bea", "{\"charge\": \"9999999999999999999\", \"status\": \"Active\", \"remains\": \"0\"}");
        long sub = sdk(bea).add(AddOrder.subscription(ours.get(ServiceType.SUBSCRIPTIONS), "bea", 100, 200, 0, 2, null, null)).orElseThrow();

        await("to review", () -> order(sub).stage() == Stage.FAIL);

        assertThat(order(sub).providerError()).contains("out of range: nothing charged");
        assertThat(reseller.balance(bea)).isEqualTo(Money.parse("10"));
    }

    @Test void expired_on_a_default_order_goes_to_review_without_closing_it_until_the_operator_acts() {
        var cid = reseller.customer("10");
        upstream.statusByLink.put("https://x/expired", "{\"charge\": \"0.1\", \"status\": \"Expired\", \"remains\": \"1000\"}");
        long order = place(cid, "https://x/expired");

        await("to review", () -> order(order).stage() == Stage.FAIL);

        assertThat(order(order).status()).isEqualTo(Status.PENDING);
        assertThat(order(order).providerError()).contains("'Expired'").contains("nothing refunded");
        assertThat(reseller.balance(cid)).isEqualTo(Money.parse("9.875"));
        assertThat(sdk(cid).status(order).orElseThrow().status()).isEqualTo(org.opensmm.client.Status.PENDING);
        // the order is upstream: it can be attached or settled, never resent
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reseller.panel.review.resend(order)).hasMessageContaining("buy it twice");

        reseller.panel.review.refund(order);

        assertThat(reseller.balance(cid)).isEqualTo(Money.parse("10"));
        assertThat(order(order).status()).isEqualTo(Status.CANCELED);
        assertThat(ledgerEntries(cid, "REFUND")).isEqualTo(1);
    }

    @Test void an_unknown_status_goes_to_review() {
        var dan = reseller.customer("10");
        upstream.statusByLink.put("https://x/unknown", "{\"status\": \"Fraud check\", \"remains\": \"1000\"}");
        long order = place(dan, "https://x/unknown");

        await("to review", () -> order(order).stage() == Stage.FAIL);

        assertThat(order(order).providerError()).startsWith("upstream status not understood: 'Fraud check'");
        assertThat(reseller.balance(dan)).isEqualTo(Money.parse("9.875"));
    }

    @Test void an_add_reply_with_both_order_and_error_is_accepted_once() {
        upstream.add = id -> "{\"order\": " + id + ", \"error\": \"Service is slow today\"}";
        var eve = reseller.customer("10");
        long order = place(eve, "https://x/both");

        await("sent", () -> order(order).stage() == Stage.SENT);
        pause(); // ten ticks in which a resend would show

        assertThat(upstream.count("add")).isEqualTo(1);
        assertThat(order(order).externalId()).isEqualTo("1001");
        assertThat(reseller.balance(eve)).isEqualTo(Money.parse("9.875"));
    }

    @Test void one_upstream_id_for_two_orders_is_flagged_not_stored_twice() {
        upstream.add = id -> "{\"order\": 777}";
        var fay = reseller.customer("10");
        long first = place(fay, "https://x/dup1");
        await("first sent", () -> order(first).stage() == Stage.SENT);
        long second = place(fay, "https://x/dup2");

        await("second flagged", () -> order(second).stage() == Stage.FAIL);

        assertThat(order(first).externalId()).isEqualTo("777");
        assertThat(order(second).externalId()).isNull();
        assertThat(order(second).providerError()).contains("upstream order 777, which is already our order " + first);
        assertThat(upstream.count("add")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reseller.panel.review.attach(second, 777))
                .hasMessageContaining("already our order " + first);
        assertThat(reseller.balance(fay)).isEqualTo(Money.parse("9.75"));
    }

    @Test void a_negative_upstream_id_is_flagged_and_never_resent() {
        upstream.add = id -> "{\"order\": -5}";
        var gus = reseller.customer("10");
        long order = place(gus, "https://x/negative");

        await("flagged", () -> order(order).stage() == Stage.FAIL);
        pause(); // ten ticks in which a resend would show

        assertThat(order(order).providerError()).contains("unusable order id -5");
        assertThat(order(order).externalId()).isNull();
        assertThat(upstream.count("add")).isEqualTo(1);
        assertThat(reseller.balance(gus)).isEqualTo(Money.parse("9.875"));
    }

    @Test void a_20_mb_status_reply_is_cut_at_the_cap_and_the_order_syncs_once_the_upstream_behaves() {
        var hal = reseller.customer("10");
        long order = place(hal, "https://x/huge");
        await("sent", () -> order(order).stage() == Stage.SENT);
        upstream.statusReply = out -> { // 20 MiB, past the client's 8 MiB cap, streamed: neither side holds it whole
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) ' ');
            out.write('{');
            for (int i = 0; i < 320; i++) out.write(chunk);
            out.write('}');
        };
        await("a huge reply was sent", () -> upstream.count("status") > 0);
        pause();

        assertThat(order(order).status()).isEqualTo(Status.PENDING);
        assertThat(order(order).stage()).isEqualTo(Stage.SENT);

        upstream.statusByLink.put("https://x/huge", "{\"charge\": \"0.1\", \"status\": \"Completed\", \"remains\": \"0\"}");
        upstream.statusReply = null;
        await("synced after all", Duration.ofSeconds(20), () -> order(order).status() == Status.COMPLETED);
        assertThat(reseller.balance(hal)).isEqualTo(Money.parse("9.875"));
    }
}
