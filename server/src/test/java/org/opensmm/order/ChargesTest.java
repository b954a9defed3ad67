package org.opensmm.order;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertWire;

/**
 * PROTOCOL.md: charge = rate × units / 1000 (per package: rate × packages), half-up to 5 decimals, debited with the
 * order and written to the ledger. One case per row of the add table, through real HTTP.
 */
class ChargesTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    static Stream<Arguments> everyServiceType() {
        return Stream.of(
                row(ServiceType.DEFAULT, "1.23456", "0.95925", "quantity", "777"),                 // 0.95925312
                row(ServiceType.DEFAULT, "0.90", "0.45", "quantity", "100", "runs", "5", "interval", "10"), // 500 units
                row(ServiceType.PACKAGE, "2.50", "2.5", "quantity", "900"),                         // one package, quantity ignored
                row(ServiceType.CUSTOM_COMMENTS, "8", "0.024", "comments", "great\r\nnice\n\n  \nwow\n"), // 3 comments
                row(ServiceType.CUSTOM_COMMENTS_PACKAGE, "3.75", "3.75", "comments", "a\nb\nc\nd"),  // one package
                row(ServiceType.MENTIONS_CUSTOM_LIST, "12.5", "0.05", "usernames", "ann\r\nbob\ncid\ndan"),
                row(ServiceType.MENTIONS_WITH_HASHTAGS, "10", "1.5", "quantity", "150", "usernames", "ann\nbob", "hashtags", "#a\n#b"),
                row(ServiceType.MENTIONS_WITH_HASHTAGS, "10", "0.03", "usernames", "ann\nbob\ncid", "hashtags", "#a"), // no quantity: one per username
                row(ServiceType.MENTIONS_HASHTAG, "4", "1", "quantity", "250", "hashtag", "#sun"),
                row(ServiceType.MENTIONS_USER_FOLLOWERS, "3", "0.3", "quantity", "100", "username", "ann"),
                row(ServiceType.MENTIONS_MEDIA_LIKERS, "5", "1", "quantity", "200", "media", "https://instagram.com/p/m"),
                row(ServiceType.COMMENT_LIKES, "7", "2.1", "quantity", "300", "username", "ann"),
                row(ServiceType.COMMENT_REPLIES, "9", "0.018", "username", "ann", "comments", "yes\nno"),
                row(ServiceType.POLL, "1.1", "0.55", "quantity", "500", "answer_number", "2"),
                row(ServiceType.INVITES_FROM_GROUPS, "6", "0.6", "quantity", "100", "groups", "https://t.me/a\nhttps://t.me/b"),
                row(ServiceType.SEO, "0.5", "0.5", "quantity", "1000", "keywords", "smm panel"),
                row(ServiceType.DEFAULT, "0.33333", "0.00233", "quantity", "7"),                    // 0.00233331
                row(ServiceType.DEFAULT, "0.00005", "0.00003", "quantity", "500"),                  // 0.000025: half-up, not half-even
                row(ServiceType.DEFAULT, "0.00001", "0", "quantity", "1"));                         // rounds to nothing
    }

    private static Arguments row(ServiceType type, String rate, String charge, String... fields) {
        return Arguments.of(type, rate, charge, List.of(fields));
    }

    @ParameterizedTest(name = "{0} at {1} with {3} costs {2}")
    @MethodSource("everyServiceType")
    void each_service_type_is_charged_rate_times_its_units_half_up_to_5_decimals(ServiceType type, String rate, String charge,
                                                                                  List<String> fields) {
        long service = panel.service(type, rate, 1, 10_000);
        var alice = panel.customer("10");
        var args = new ArrayList<>(List.of("action", "add", "service", Long.toString(service), "link", "https://instagram.com/" + service));
        args.addAll(fields);
        JsonNode reply = panel.call(alice.key(), args.toArray(String[]::new));
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        long order = reply.get("order").asLong();

        Money expected = Money.parse(charge);
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("10").minus(expected));
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
        List<Ledger.Entry> charges = entries(alice).stream().filter(e -> e.kind() == Ledger.Kind.CHARGE).toList();
        if (expected.isZero()) {
            assertThat(charges).isEmpty();
        } else {
            assertThat(charges).singleElement().satisfies(e -> {
                assertThat(e.amount()).isEqualTo(expected.negate());
                assertThat(e.orderId()).isEqualTo(order);
            });
        }
        assertThat(panel.call(alice.key(), "action", "status", "order", Long.toString(order)).get("charge").asText())
                .isEqualTo(charge);
    }

    @Test void a_subscription_is_charged_nothing_at_add() {
        long service = panel.service(ServiceType.SUBSCRIPTIONS, "2", 10, 1000);
        var alice = panel.customer("10");
        JsonNode reply = panel.call(alice.key(), "action", "add", "service", Long.toString(service), "username", "ann",
                "min", "100", "max", "200", "delay", "30", "posts", "5", "expiry", "31/12/2099");
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("10"));
        assertThat(entries(alice)).extracting(Ledger.Entry::kind).containsExactly(Ledger.Kind.DEPOSIT);
        JsonNode status = panel.call(alice.key(), "action", "status", "order", reply.get("order").asText());
        assertThat(status.get("charge").asText()).isEqualTo("0");
    }

    @Test void a_custom_rate_wins_in_services_and_in_the_charge_and_others_still_see_the_list_rate() {
        long service = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        var alice = panel.customer("10");
        var bob = panel.customer("10");
        panel.panel.catalog.setCustomRate(alice.id(), service, Rate.parse("0.50"));

        assertThat(listedRate(alice, service)).isEqualTo("0.50");
        assertThat(listedRate(bob, service)).isEqualTo("0.90");

        long aliceOrder = add(alice, service, "https://instagram.com/custom", "1000");
        long bobOrder = add(bob, service, "https://instagram.com/custom", "1000");
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("9.5"));
        assertThat(panel.balance(bob)).isEqualTo(Money.parse("9.1"));
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
        assertThat(panel.ledgerSum(bob)).isEqualTo(panel.balance(bob));
        assertWire(panel.call(alice.key(), "action", "status", "order", Long.toString(aliceOrder)), """
                {"charge": "0.5", "start_count": "0", "status": "Pending", "remains": "1000", "currency": "USD"}""");
        assertWire(panel.call(bob.key(), "action", "status", "order", Long.toString(bobOrder)), """
                {"charge": "0.9", "start_count": "0", "status": "Pending", "remains": "1000", "currency": "USD"}""");

        // removing it brings back the list rate
        panel.panel.catalog.setCustomRate(alice.id(), service, null);
        assertThat(listedRate(alice, service)).isEqualTo("0.90");
    }

    @Test void a_charge_of_exactly_the_balance_succeeds_and_leaves_zero() {
        long service = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        var alice = panel.customer("0.9");
        add(alice, service, "https://instagram.com/exact", "1000");
        assertThat(panel.balance(alice)).isEqualTo(Money.ZERO);
        assertThat(panel.ledgerSum(alice)).isEqualTo(Money.ZERO);
    }

    @Test void services_lists_enabled_services_ascending_by_id_and_leaves_disabled_ones_out() {
        long on = panel.service(ServiceType.DEFAULT, "1", 10, 100);
        long off = panel.service(ServiceType.DEFAULT, "1", 10, 100);
        var svc = panel.panel.catalog.find(off).orElseThrow();
        panel.panel.catalog.update(new org.opensmm.catalog.Service(svc.id(), svc.name(), svc.type(), svc.category(), svc.rate(),
                svc.min(), svc.max(), svc.refill(), svc.cancel(), svc.dripFeed(), svc.refillDays(), svc.refillCooldownMinutes(),
                svc.delays(), false));
        var alice = panel.customer("1");
        List<Long> ids = new ArrayList<>();
        panel.call(alice.key(), "action", "services").forEach(s -> ids.add(s.get("service").asLong()));
        assertThat(ids).contains(on).doesNotContain(off).isSorted();
        assertThat(panel.call(alice.key(), "action", "add", "service", Long.toString(off), "link", "https://x.com/off", "quantity", "10")
                .path("error").asText()).isEqualTo("Incorrect service ID");
    }

    private static String listedRate(TestPanel.Customer who, long service) {
        for (JsonNode s : panel.call(who.key(), "action", "services")) {
            if (s.get("service").asLong() == service) return s.get("rate").asText();
        }
        throw new AssertionError("service " + service + " not listed");
    }

    private static long add(TestPanel.Customer who, long service, String link, String quantity) {
        JsonNode reply = panel.call(who.key(), "action", "add", "service", Long.toString(service), "link", link, "quantity", quantity);
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        return reply.get("order").asLong();
    }

    private static List<Ledger.Entry> entries(TestPanel.Customer who) {
        return panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, who.id(), 100));
    }
}
