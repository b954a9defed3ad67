package org.opensmm.fulfil;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Refused;
import org.opensmm.app.Main;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.client.ServiceInfo;
import org.opensmm.ledger.Money;
import org.opensmm.order.CancelState;
import org.opensmm.order.Order;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.testing.TestPanel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * Issue 9: OpenSMM and the widespread PHP panel as each other's provider. Downstream, the quirky panel ({@link QuirkyPanel})
 * is our provider; upstream, our own {@code services} and {@code add} as such a panel uses them. Our rate is theirs
 * (0.10) plus 25%: 0.125 per 1000.
 */
class InteropTest {
    static final Actor OPERATOR = new Actor.Cli("test");
    static TestPanel reseller;
    static Fulfilment engine;
    QuirkyPanel upstream;
    Provider provider;
    Map<ServiceType, Long> ours;

    @BeforeAll static void start() {
        reseller = TestPanel.start();
        engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterAll static void stop() {
        engine.close();
        reseller.close();
    }

    @BeforeEach void upstream() throws IOException {
        upstream = new QuirkyPanel();
        provider = reseller.panel.providers.add("quirky-" + System.nanoTime(), upstream.url(), "key", Provider.AddErrorPolicy.RETRY, 4);
        ours = Upstreams.resell(reseller, provider, "25");
    }

    @AfterEach void close() { upstream.close(); }

    PanelClient sdk(TestPanel.Customer c) { return PanelClient.of(reseller.api, c.key(), Duration.ofSeconds(5)); }

    Order order(long id) { return reseller.panel.orders.find(id).orElseThrow(); }

    Provider provider() { return reseller.panel.providers.get(provider.id()); }

    Service service(ServiceType type) { return reseller.panel.catalog.find(ours.get(type)).orElseThrow(); }

    long place(TestPanel.Customer c, String link, long quantity) {
        return sdk(c).add(AddOrder.defaults(ours.get(ServiceType.DEFAULT), link, quantity)).orElseThrow();
    }

    static String cli(String... args) {
        var out = new ByteArrayOutputStream();
        int exit = Main.run(reseller.panel.config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), args);
        assertThat(exit).as(String.join(" ", args)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    JsonNode listed(TestPanel.Customer c, long service) {
        for (JsonNode s : reseller.call(c.key(), "action", "services")) if (s.get("service").asLong() == service) return s;
        throw new AssertionError("service " + service + " not listed");
    }

    // 1 -------------------------------------------------------------------------------------------------------------

    @Test void services_send_dripfeed_and_desc_for_every_service_and_an_importing_panel_finds_both() {
        var panelOfTheirs = reseller.customer("1");
        long followers = ours.get(ServiceType.DEFAULT);
        cli("service", "edit", Long.toString(followers), "--desc", "Real-looking followers, 0-1 h start");

        for (JsonNode s : reseller.call(panelOfTheirs.key(), "action", "services")) {
            assertThat(s.get("dripfeed").isBoolean()).as("dripfeed of %s", s).isTrue();
            assertThat(s.get("desc").isTextual()).as("desc of %s", s).isTrue();
        }
        assertThat(listed(panelOfTheirs, followers).get("desc").asText()).isEqualTo("Real-looking followers, 0-1 h start");
        assertThat(listed(panelOfTheirs, followers).get("dripfeed").asBoolean()).isTrue();
        assertThat(listed(panelOfTheirs, ours.get(ServiceType.PACKAGE)).get("dripfeed").asBoolean()).isFalse();
        assertThat(listed(panelOfTheirs, ours.get(ServiceType.PACKAGE)).get("desc").asText()).isEmpty();

        // the way an importing panel reads it, through our own SDK
        List<ServiceInfo> imported = sdk(panelOfTheirs).services().orElseThrow();
        ServiceInfo f = imported.stream().filter(s -> s.service() == followers).findFirst().orElseThrow();
        assertThat(f.dripFeed()).isTrue();
        assertThat(f.desc()).isEqualTo("Real-looking followers, 0-1 h start");
        assertThat(cli("service", "show", Long.toString(followers))).contains("Real-looking followers");
    }

    // 2 -------------------------------------------------------------------------------------------------------------

    @Test void drip_feed_with_interval_0_is_accepted_and_sends_each_run_once_the_one_before_has_ended() {
        var ann = reseller.customer("10");
        JsonNode reply = reseller.call(ann.key(), "action", "add", "service", Long.toString(ours.get(ServiceType.DEFAULT)),
                "link", "https://x/drip0", "quantity", "100", "runs", "2", "interval", "0");
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        long parent = reply.get("order").asLong();
        assertThat(reseller.balance(ann)).isEqualTo(Money.parse("9.975")); // 200 × 0.125 / 1000

        await("the first run upstream", () -> upstream.received("add").size() == 1);
        HostileUpstreamTest.pause();
        HostileUpstreamTest.pause();
        assertThat(upstream.received("add")).hasSize(1); // the first run has not ended
        upstream.statusByLink.put("https://x/drip0", "{\"charge\": \"0.01\", \"start_count\": \"5\", \"status\": \"Completed\", \"remains\": \"0\"}");

        await("both runs delivered", Duration.ofSeconds(30), () -> order(parent).status() == Status.COMPLETED);
        assertThat(upstream.received("add")).hasSize(2).allMatch(f -> "100".equals(f.get("quantity")));
    }

    // 3 -------------------------------------------------------------------------------------------------------------

    @Test void poll_without_answer_number_and_mentions_without_usernames_are_refused_and_cost_nothing() {
        long poll = reseller.service(ServiceType.POLL, "1.00", 10, 1000);
        long mentions = reseller.service(ServiceType.MENTIONS_WITH_HASHTAGS, "1.00", 1, 1000);
        var bob = reseller.customer("5");
        String before = reseller.snapshot();

        assertThat(reseller.call(bob.key(), "action", "add", "service", Long.toString(poll), "link", "https://x/poll",
                "quantity", "100").get("error").asText()).isEqualTo("Incorrect request");
        assertThat(reseller.call(bob.key(), "action", "add", "service", Long.toString(mentions), "link", "https://x/m",
                "usernames", "", "hashtags", "").get("error").asText()).isEqualTo("Incorrect request");

        assertThat(reseller.snapshot()).isEqualTo(before);
        assertThat(reseller.balance(bob)).isEqualTo(Money.parse("5"));
        // the domain names the field: a front free to say it (a person's page) can; API v2 keeps PROTOCOL.md's text
        Service pollService = reseller.panel.catalog.find(poll).orElseThrow();
        assertThatThrownBy(() -> org.opensmm.order.Placement.read(pollService,
                Map.of("link", "https://x/poll", "quantity", "100")::get, java.time.LocalDate.now()))
                .isInstanceOfSatisfying(org.opensmm.core.Refusal.class, r -> assertThat(r.field()).contains("answer_number"));
        Service mentionService = reseller.panel.catalog.find(mentions).orElseThrow();
        assertThatThrownBy(() -> org.opensmm.order.Placement.read(mentionService,
                Map.of("link", "https://x/m", "usernames", "\n", "hashtags", "#a")::get, java.time.LocalDate.now()))
                .isInstanceOfSatisfying(org.opensmm.core.Refusal.class, r -> assertThat(r.field()).contains("usernames"));
    }

    // 5 and 6 -------------------------------------------------------------------------------------------------------

    @Test void an_order_not_started_upstream_keeps_its_remains_though_the_panel_says_0() {
        var cid = reseller.customer("1");
        long id = place(cid, "https://x/unstarted", 1000);
        await("upstream", () -> order(id).stage() == Stage.SENT);
        int polls = upstream.received("status").size();
        await("polled twice more", () -> upstream.received("status").size() >= polls + 2);

        JsonNode status = reseller.call(cid.key(), "action", "status", "order", Long.toString(id));
        assertThat(status.get("status").asText()).isEqualTo("Pending");
        assertThat(status.get("remains").asText()).isEqualTo("1000");

        // once started, its remains count
        upstream.statusByLink.put("https://x/unstarted", "{\"charge\": \"0.1\", \"start_count\": \"7\", \"status\": \"In progress\", \"remains\": \"400\"}");
        await("in progress", () -> order(id).remains() == 400);
        assertThat(order(id).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test void refunded_upstream_is_canceled_here_with_the_full_charge_back() {
        var dan = reseller.customer("1");
        long id = place(dan, "https://x/refunded", 1000);
        await("upstream", () -> order(id).stage() == Stage.SENT);
        upstream.statusByLink.put("https://x/refunded", "{\"status\": \"Refunded\", \"charge\": \"0.0000\", \"remains\": \"1000\"}");

        await("canceled", () -> order(id).status() == Status.CANCELED);
        assertThat(reseller.balance(dan)).isEqualTo(Money.parse("1"));
        assertThat(order(id).refunded()).isEqualTo(Money.parse("0.125"));
        assertThat(Upstreams.ordersRefundedTwice(reseller)).isZero();
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
    }

    @Test void a_status_nobody_knows_still_waits_for_the_operator() {
        var eve = reseller.customer("1");
        long id = place(eve, "https://x/weird", 1000);
        await("upstream", () -> order(id).stage() == Stage.SENT);
        upstream.statusByLink.put("https://x/weird", "{\"status\": \"Fraud check\", \"charge\": \"0\", \"remains\": \"1000\"}");

        await("to review", () -> order(id).stage() == Stage.FAIL);
        assertThat(order(id).status()).isEqualTo(Status.PENDING);
        assertThat(reseller.balance(eve)).isEqualTo(Money.parse("0.875"));
    }

    // 7 -------------------------------------------------------------------------------------------------------------

    @Test void a_provider_that_wants_quantity_for_packages_and_a_link_for_subscriptions_is_learned_and_the_orders_go_through() {
        var fay = reseller.customer("5");
        // one after the other: two adds resent at once would overlap, and this panel loses the reply to one of them
        long pkg = sdk(fay).add(AddOrder.packageOrder(ours.get(ServiceType.PACKAGE), "https://x/pkg")).orElseThrow();
        await("package upstream", () -> order(pkg).stage() == Stage.SENT);
        long sub = sdk(fay).add(AddOrder.subscription(ours.get(ServiceType.SUBSCRIPTIONS), "fayfan", 100, 200, 0, 2, null, null)).orElseThrow();
        await("subscription upstream", () -> order(sub).stage() == Stage.SENT);
        assertThat(provider().compat().packageQuantity()).isTrue();
        assertThat(provider().compat().usernameAsLink()).isTrue();
        assertThat(upstream.received("add")).anyMatch(f -> "3".equals(f.get("service")) && "1".equals(f.get("quantity")));
        assertThat(upstream.received("add")).anyMatch(f -> "2".equals(f.get("service")) && "fayfan".equals(f.get("link")));
        assertThat(cli("provider", "list")).contains("package quantity=1, username as link");

        // and the operator can set it beforehand, or take it back
        assertThat(cli("provider", "edit", Long.toString(provider.id()), "--package-quantity", "false")).contains("username as link");
        assertThat(provider().compat().packageQuantity()).isFalse();
    }

    // 8 -------------------------------------------------------------------------------------------------------------

    @Test void refill_refused_as_invalid_action_stops_our_services_offering_it_and_map_refuses_without_force() {
        var gus = reseller.customer("5");
        long id = place(gus, "https://x/refill", 1000);
        upstream.statusByLink.put("https://x/refill", "{\"charge\": \"0.1\", \"start_count\": \"3\", \"status\": \"Completed\", \"remains\": \"0\"}");
        await("completed", () -> order(id).status() == Status.COMPLETED);
        assertThat(listed(gus, ours.get(ServiceType.DEFAULT)).get("refill").asBoolean()).isTrue();

        assertThat(reseller.call(gus.key(), "action", "refill", "order", Long.toString(id)).has("refill")).isTrue();
        await("refill refused upstream and learned", () -> !provider().compat().refill());

        assertThat(listed(gus, ours.get(ServiceType.DEFAULT)).get("refill").asBoolean()).isFalse();
        assertThat(service(ServiceType.PACKAGE).refill()).isFalse();
        assertThat(reseller.call(gus.key(), "action", "refill", "order", Long.toString(id)).get("error").asText())
                .isEqualTo("Refill is disabled for this service");

        long another = reseller.service(ServiceType.DEFAULT, "1.00", 10, 1000); // refill and cancel on
        assertThatThrownBy(() -> reseller.panel.mappings.map(OPERATOR, another, provider.id(), 1, new PriceRule.Fixed(Rate.parse("1.00")), false))
                .isInstanceOf(Refused.class).hasMessageContaining("offers refill").hasMessageContaining("--force");
        var forced = reseller.panel.mappings.map(OPERATOR, another, provider.id(), 1, new PriceRule.Fixed(Rate.parse("1.00")), false, true);
        assertThat(forced.service().refill()).isFalse();
        assertThat(forced.service().cancel()).isTrue();
        assertThat(forced.warnings()).anyMatch(w -> w.contains("no longer offers refill"));
    }

    @Test void cancel_refused_as_invalid_action_stops_our_services_offering_it() {
        var hal = reseller.customer("5");
        long id = place(hal, "https://x/cancel", 1000);
        await("upstream", () -> order(id).stage() == Stage.SENT);

        JsonNode reply = reseller.call(hal.key(), "action", "cancel", "orders", Long.toString(id));
        assertThat(reply.get(0).get("cancel").asInt()).isEqualTo(1);
        await("cancel refused upstream and learned", () -> !provider().compat().cancel() && order(id).cancelState() == CancelState.REJECTED);

        assertThat(listed(hal, ours.get(ServiceType.DEFAULT)).get("cancel").asBoolean()).isFalse();
        assertThat(reseller.call(hal.key(), "action", "cancel", "orders", Long.toString(id)).get(0).get("cancel").get("error").asText())
                .isEqualTo("Cancel is disabled for this service");
        assertThat(reseller.balance(hal)).isEqualTo(Money.parse("4.875"));
    }

    @Test void a_service_the_provider_lists_without_refill_cannot_be_mapped_with_refill_unless_forced() {
        long mine = reseller.service(ServiceType.DEFAULT, "1.00", 10, 1000);
        reseller.panel.db.inTransaction(tx -> tx.update("UPDATE upstream_service SET refill = FALSE WHERE provider_id = ? AND service = 1", provider.id()));
        assertThatThrownBy(() -> reseller.panel.mappings.map(OPERATOR, mine, provider.id(), 1, new PriceRule.Fixed(Rate.parse("1.00")), false))
                .isInstanceOf(Refused.class).hasMessageContaining("offers refill");
        assertThat(cli("provider", "map", Long.toString(mine), Long.toString(provider.id()), "1", "--rate", "1.00", "--force"))
                .contains("no longer offers refill");
        assertThat(reseller.panel.catalog.find(mine).orElseThrow().refill()).isFalse();
    }

    // 9 -------------------------------------------------------------------------------------------------------------

    @Test void concurrent_adds_answered_with_an_empty_body_lower_max_in_flight_to_1_and_the_lost_order_is_found_and_attached() {
        var ivy = reseller.customer("10");
        upstream.addMillis = 600;
        long first = place(ivy, "https://x/race-a", 1000);   // upstream charge 0.1
        long second = place(ivy, "https://x/race-b", 2000);  // upstream charge 0.2
        await("both failed", () -> order(first).stage() == Stage.FAIL && order(second).stage() == Stage.FAIL);
        assertThat(upstream.lostReplies).hasSize(2);
        await("one add at a time", () -> provider().maxInFlight() == 1);

        upstream.addMillis = 0;
        long third = place(ivy, "https://x/race-c", 1000);
        await("the third upstream", () -> order(third).stage() == Stage.SENT);

        assertThat(cli("provider", "failed")).contains("provider find ORDER");
        var found = reseller.panel.lostAdds.find(OPERATOR, second, null);
        assertThat(found.candidates()).extracting(LostAdds.Candidate::upstreamId).containsExactlyInAnyOrderElementsOf(upstream.lostReplies.keySet());
        long lostB = upstream.lostReplies.entrySet().stream().filter(e -> e.getValue().equals("https://x/race-b")).findFirst().orElseThrow().getKey();
        assertThat(found.best()).map(LostAdds.Candidate::upstreamId).contains(lostB);
        assertThat(cli("provider", "find", Long.toString(second))).contains("--attach");

        cli("provider", "find", Long.toString(second), "--attach");
        assertThat(order(second).stage()).isEqualTo(Stage.SENT);
        assertThat(order(second).externalId()).isEqualTo(Long.toString(lostB));
        // the first one's only candidate left is its own
        reseller.panel.lostAdds.attachBest(OPERATOR, first, null);
        assertThat(order(first).externalId()).isEqualTo(upstream.lostReplies.keySet().stream().filter(k -> k != lostB).findFirst().orElseThrow().toString());
        assertThat(upstream.received("add")).hasSize(3); // nothing was bought twice
    }

    // 10 ------------------------------------------------------------------------------------------------------------

    @Test void an_order_pending_upstream_too_long_is_on_the_operators_stuck_list() {
        var jon = reseller.customer("1");
        long id = place(jon, "https://x/stuck", 1000);
        await("upstream", () -> order(id).stage() == Stage.SENT);

        assertThat(reseller.panel.orders.stuck(Duration.ofHours(1), 100)).extracting(Order::id).doesNotContain(id);
        reseller.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET created_at = created_at - ? WHERE id = ?",
                Duration.ofHours(7).toMillis(), id));
        assertThat(reseller.panel.orders.stuck(Duration.ofHours(6), 100)).extracting(Order::id).contains(id);
        assertThat(cli("order", "stuck")).contains(Long.toString(id), "https://x/stuck");
        assertThat(cli("order", "stuck", "--after", "8h")).doesNotContain("https://x/stuck");
    }
}
