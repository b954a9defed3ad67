package org.opensmm.fulfil;

import org.junit.jupiter.api.Test;
import org.opensmm.app.Panel;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.order.Status;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * The status sync polls a provider's sent orders in rounds (provider_round): each order once per round, however many
 * engines share the database; a round starts at most once per sync interval; and an order whose answer did not change
 * is not written at all (issue 13: 1M active orders a minute). The engines' clock stands still unless the test moves it,
 * so a round starts exactly when the test says.
 */
class StatusRoundTest {
    private static final int ORDERS = 205; // three batches a round: 100, 100, 5

    /** A clock that moves only when told. */
    static final class StoppedClock extends Clock {
        private final AtomicLong millis;

        StoppedClock(long millis) { this.millis = new AtomicLong(millis); }

        void advance(Duration d) { millis.addAndGet(d.toMillis()); }

        @Override public long millis() { return millis.get(); }

        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    /** Ten ticks of the engines: room for anything they would do by themselves. Nothing is asserted about time. */
    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test void each_sent_order_is_polled_once_a_round_by_two_engines_and_an_unchanged_one_is_never_written() throws Exception {
        try (var reseller = TestPanel.start(); var upstream = new ScriptedUpstream()) {
            Provider p = reseller.panel.providers.add("rounds-" + System.nanoTime(), upstream.url(), "key", Provider.AddErrorPolicy.RETRY, 4);
            long service = Upstreams.resell(reseller, p, "25").get(ServiceType.DEFAULT);
            var sdk = PanelClient.of(reseller.api, reseller.customer("100").key(), Duration.ofSeconds(5));
            List<Long> placed = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) placed.add(sdk.add(AddOrder.defaults(service, "https://x/round/" + i, 100)).orElseThrow());

            // sent upstream by a fast engine on the real clock; then, as if the provider had never been polled
            Fulfilment sender = Upstreams.fastEngine(reseller, Duration.ofSeconds(5), Clock.systemUTC());
            await("all sent", () -> Upstreams.count(reseller, "SELECT COUNT(*) FROM orders WHERE stage = 'SENT'") == ORDERS);
            sender.close();
            reseller.panel.db.inTransaction(tx -> tx.update("DELETE FROM provider_round"));
            upstream.received.clear();
            Map<Long, String> versions = versions(reseller);

            var clock = new StoppedClock(System.currentTimeMillis() + Duration.ofHours(1).toMillis());
            var first = new Fulfilment(reseller.panel.db, reseller.panel.orders, reseller.panel.refills,
                    new Providers(reseller.panel.db, clock, Duration.ofSeconds(5)), Upstreams.fast(Duration.ofSeconds(5)), clock);
            // the second "process": its own pool on the same database, its own node id
            try (Panel other = Panel.open(reseller.panel.config)) {
                var second = new Fulfilment(other.db, other.orders, other.refills, new Providers(other.db, clock, Duration.ofSeconds(5)),
                        Upstreams.fast(Duration.ofSeconds(5)).withNodeId("second-engine"), clock);
                try {
                    first.start();
                    second.start();
                    // round 1 starts at once (no round yet); every order answers Pending, as it shows
                    await("round 1", () -> polls(upstream).size() == ORDERS);
                    pause(); // the clock stands still: no round 2 before the sync interval
                    assertThat(polls(upstream).values()).hasSize(ORDERS).containsOnly(1);

                    clock.advance(Upstreams.SYNC.minusMillis(1));
                    pause();
                    assertThat(polls(upstream).values()).containsOnly(1);

                    clock.advance(Duration.ofMillis(1));
                    await("round 2", () -> polls(upstream).values().stream().allMatch(n -> n == 2));
                    pause();
                    assertThat(polls(upstream).values()).hasSize(ORDERS).containsOnly(2);
                    // two rounds of the same answers: not one order row written
                    assertThat(versions(reseller)).isEqualTo(versions);

                    // one answer changes: that order, and only that one, is written in round 3
                    long moved = placed.get(150);
                    upstream.statusByLink.put("https://x/round/150", "{\"status\": \"In progress\", \"start_count\": \"7\", \"remains\": \"40\"}");
                    clock.advance(Upstreams.SYNC);
                    await("round 3", () -> polls(upstream).values().stream().allMatch(n -> n == 3));
                    await("the change written", () -> reseller.panel.orders.find(moved).orElseThrow().status() == Status.IN_PROGRESS);
                    Map<Long, String> after = versions(reseller);
                    assertThat(after.get(moved)).isNotEqualTo(versions.get(moved));
                    after.remove(moved);
                    versions.remove(moved);
                    assertThat(after).isEqualTo(versions);
                    assertThat(reseller.panel.orders.find(moved).orElseThrow().remains()).isEqualTo(40);
                } finally {
                    second.close();
                    first.close();
                }
            }
            assertThat(polls(upstream).values()).containsOnly(3);
        }
    }

    /** How many times the upstream was asked for each order's status, by upstream id. */
    private static Map<String, Integer> polls(ScriptedUpstream upstream) {
        var out = new HashMap<String, Integer>();
        for (var form : upstream.received) {
            if (!"status".equals(form.get("action"))) continue;
            for (String id : form.get("orders").split(",")) out.merge(id, 1, Integer::sum);
        }
        return out;
    }

    /** Each sent order's row version (xmin): it changes only when the row is written. */
    private static Map<Long, String> versions(TestPanel reseller) {
        var out = new HashMap<Long, String>();
        reseller.panel.db.read(tx -> tx.list("SELECT id, xmin::text FROM orders WHERE stage = 'SENT'",
                rs -> out.put(rs.getLong(1), rs.getString(2))));
        return out;
    }
}
