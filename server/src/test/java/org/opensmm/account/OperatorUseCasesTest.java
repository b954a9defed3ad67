package org.opensmm.account;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Ledger.Entry;
import org.opensmm.ledger.Money;
import org.opensmm.order.OrderService.StatusChange;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Operator use cases called the way an admin page would call them: no CLI, a staff member as the actor. Each one owns
 * its transaction and its checks, so what the CLI tests prove holds for any front.
 */
class OperatorUseCasesTest {
    static final Actor STAFF = new Actor.Staff(1);
    static TestPanel panel;
    static long followers; // 0.90 per 1000

    @BeforeAll static void start() {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void a_deposit_and_an_adjustment_are_ledger_entries_with_their_reason() {
        var alice = panel.customer("1");
        Funds.Moved deposit = panel.panel.funds.deposit(STAFF, alice.id(), Money.parse("25"), "  bank transfer 123 ");
        assertThat(deposit.customer().balance()).isEqualTo(Money.parse("26"));
        assertThat(deposit.reason()).isEqualTo("bank transfer 123");

        Funds.Moved adjust = panel.panel.funds.adjust(STAFF, alice.id(), Money.parse("-1.5"), "goodwill correction");
        assertThat(adjust.customer().balance()).isEqualTo(Money.parse("24.5"));

        assertThat(entries(alice.id())).extracting(Entry::kind, Entry::amount, Entry::reason).containsExactly(
                tuple(Ledger.Kind.DEPOSIT, Money.parse("1"), "opening balance"),
                tuple(Ledger.Kind.DEPOSIT, Money.parse("25"), "bank transfer 123"),
                tuple(Ledger.Kind.ADJUSTMENT, Money.parse("-1.5"), "goodwill correction"));
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void money_moves_that_cannot_be_done_are_refused_and_change_nothing() {
        var bob = panel.customer("2");
        String before = panel.snapshot();

        assertThatThrownBy(() -> panel.panel.funds.adjust(STAFF, bob.id(), Money.parse("-2.5"), "too much"))
                .isInstanceOf(Refused.class)
                .hasMessage("an adjustment of -2.5 would take customer " + bob.id() + " '" + name(bob.id())
                        + "' below zero (balance 2); nothing changed");
        assertThatThrownBy(() -> panel.panel.funds.deposit(STAFF, bob.id(), Money.parse("-5"), "x"))
                .isInstanceOf(Refused.class).hasMessageStartingWith("a deposit must be positive");
        assertThatThrownBy(() -> panel.panel.funds.deposit(STAFF, bob.id(), Money.parse("5"), " "))
                .isInstanceOf(Refused.class).hasMessage("a reason is 1 to 500 characters");
        assertThatThrownBy(() -> panel.panel.funds.deposit(STAFF, 424_242, Money.parse("5"), "x"))
                .isInstanceOf(Refused.class).hasMessage("no customer 424242");

        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(panel.balance(bob)).isEqualTo(Money.parse("2"));
    }

    @Test void a_partial_status_refunds_once_and_repeating_it_changes_nothing() {
        var carol = panel.customer("1");
        long order = add(carol, "https://instagram.com/usecase-partial");
        assertThat(panel.balance(carol)).isEqualTo(Money.parse("0.1"));

        var change = panel.panel.orders.setStatus(STAFF, order, Status.PARTIAL, 100L, 250L);
        assertThat(change).isInstanceOfSatisfying(StatusChange.Changed.class, c -> {
            assertThat(c.refund()).isEqualTo(Money.parse("0.225")); // 250 of 1000 undelivered
            assertThat(c.after().status()).isEqualTo(Status.PARTIAL);
        });
        assertThat(panel.balance(carol)).isEqualTo(Money.parse("0.325"));

        String settled = panel.snapshot();
        assertThat(panel.panel.orders.setStatus(STAFF, order, Status.PARTIAL, null, null)).isInstanceOf(StatusChange.Unchanged.class);
        assertThatThrownBy(() -> panel.panel.orders.setStatus(STAFF, order, Status.PARTIAL, null, 900L))
                .isInstanceOf(Refused.class).hasMessageContaining("already Partial with remains 250");
        assertThatThrownBy(() -> panel.panel.orders.setStatus(STAFF, order, Status.ACTIVE, null, null))
                .isInstanceOf(Refused.class).hasMessageContaining("is a subscription status");
        assertThat(panel.snapshot()).isEqualTo(settled);
        assertThat(refunds(carol.id())).containsExactly(Money.parse("0.225"));
        assertThat(panel.ledgerSum(carol)).isEqualTo(panel.balance(carol));
    }

    @Test void an_accepted_cancel_request_refunds_the_whole_charge() {
        var dave = panel.customer("1");
        long order = add(dave, "https://instagram.com/usecase-cancel");
        panel.panel.orders.setStatus(STAFF, order, Status.IN_PROGRESS, 10L, null);
        panel.call(dave.key(), "action", "cancel", "orders", Long.toString(order)); // started: stored for the operator
        assertThat(panel.panel.orders.cancelRequests()).extracting(o -> o.id()).contains(order);

        var canceled = panel.panel.orders.acceptCancel(STAFF, order);
        assertThat(canceled.status()).isEqualTo(Status.CANCELED);
        assertThat(canceled.refunded()).isEqualTo(Money.parse("0.9"));
        assertThat(panel.balance(dave)).isEqualTo(Money.parse("1"));
        assertThat(refunds(dave.id())).containsExactly(Money.parse("0.9"));
        assertThatThrownBy(() -> panel.panel.orders.rejectCancel(STAFF, order)).hasMessageContaining("has no cancel request");
        assertThatThrownBy(() -> panel.panel.orders.acceptCancel(STAFF, 999_999))
                .isInstanceOf(Refused.class).hasMessageStartingWith("no order 999999");
    }

    @Test void customers_and_services_are_managed_without_the_cli() {
        var created = panel.panel.accounts.create(STAFF, "use-case-erin", Money.parse("3"));
        assertThat(panel.panel.accounts.caller(created.key().value())).hasValue(created.customer().id());
        assertThat(entries(created.customer().id())).extracting(Entry::kind).containsExactly(Ledger.Kind.DEPOSIT);
        assertThatThrownBy(() -> panel.panel.accounts.create(STAFF, "use-case-frank", Money.parse("-1")))
                .isInstanceOf(Refused.class).hasMessage("an opening balance cannot be negative");
        assertThat(panel.panel.accounts.findByName("use-case-frank")).isEmpty();

        assertThat(panel.panel.accounts.setEnabled(STAFF, created.customer().id(), false).enabled()).isFalse();
        assertThat(panel.panel.accounts.caller(created.key().value())).isEmpty();

        long likes = panel.service(ServiceType.DEFAULT, "0.50", 10, 1000);
        var edited = panel.panel.catalog.edit(STAFF, likes, s -> s.withRate(Rate.parse("0.55")));
        assertThat(edited.rate()).isEqualTo(Rate.parse("0.55"));
        assertThat(edited.max()).isEqualTo(1000); // what the edit did not touch stays
        assertThat(panel.panel.catalog.setEnabled(STAFF, likes, false).enabled()).isFalse();
        assertThat(panel.panel.catalog.find(likes).orElseThrow().enabled()).isFalse();
        assertThatThrownBy(() -> panel.panel.catalog.edit(STAFF, 999_999, s -> s))
                .isInstanceOf(Refused.class).hasMessage("no service 999999 (see: opensmm service list)");
        assertThatThrownBy(() -> panel.panel.catalog.setCustomRate(STAFF, 424_242, likes, Rate.parse("0.1")))
                .isInstanceOf(Refused.class).hasMessage("no customer 424242");
    }

    @Test void an_actor_describes_itself_in_one_line_for_the_audit_log() {
        assertThat(List.of(new Actor.Cli("root"), new Actor.Staff(3), new Actor.Key(7), new Actor.Customer(7), new Actor.Engine("dispatch"))
                .stream().map(Actor::describe)).containsExactly("cli:root", "staff:3", "key:7", "customer:7", "engine:dispatch");
    }

    private static long add(TestPanel.Customer who, String link) {
        return panel.call(who.key(), "action", "add", "service", Long.toString(followers), "link", link, "quantity", "1000")
                .get("order").asLong();
    }

    /** Oldest first. */
    private static List<Entry> entries(long customer) {
        return panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, customer, 100)).reversed();
    }

    private static List<Money> refunds(long customer) {
        return entries(customer).stream().filter(e -> e.kind() == Ledger.Kind.REFUND).map(Entry::amount).toList();
    }

    private static String name(long customer) {
        return panel.panel.accounts.find(customer).orElseThrow().name();
    }
}
