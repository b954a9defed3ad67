package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.ledger.Money;
import org.opensmm.payment.Cryptomus;
import org.opensmm.payment.Deposit;
import org.opensmm.payment.DepositState;
import org.opensmm.payment.MethodSettings;
import org.opensmm.payment.StripeCheckout;
import org.opensmm.simulator.CryptomusSimulator;
import org.opensmm.simulator.GatewayFaults.Kind;
import org.opensmm.simulator.StripeSimulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated Stripe and Cryptomus misbehaving on purpose (issue 12), end to end over HTTP from /addfunds in headless
 * Chromium: duplicate, late, forged, out-of-order and early webhooks credit exactly once (or not at all), a timed-out
 * create says so and credits nothing, an underpaid payment is held until staff approve it in /admin/deposits. After each
 * test the ledger's sum equals the balance.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayFaultsBrowserTest extends BrowserTest {
    static StripeSimulator stripe;
    static CryptomusSimulator crypto;
    static final String STAFF_PASSWORD = "staff password 1234";
    long me;

    @BeforeAll static void start() {
        stripe = StripeSimulator.start("whsec_faults");
        panel.panel.useStripe(new StripeCheckout.Settings(stripe.apiBase(), StripeSimulator.SECRET_KEY, "whsec_faults"));
        stripe.webhookTo("http://127.0.0.1:" + panel.panel.port() + "/payments/stripe/webhook");
        crypto = CryptomusSimulator.start("faults-key");
        panel.panel.useCryptomus(new Cryptomus.Settings(crypto.apiBase(), CryptomusSimulator.MERCHANT, "faults-key"));
        panel.panel.deposits.configure(new Actor.Cli("test"), new MethodSettings("cryptomus", true, "Crypto", "", Money.parse("1"),
                Money.parse("1000"), BigDecimal.ZERO, BigDecimal.ZERO));
        panel.panel.deposits.configure(new Actor.Cli("test"), new MethodSettings("stripe", true, "Card", "", Money.parse("1"),
                Money.parse("1000"), BigDecimal.ZERO, BigDecimal.ZERO));
        panel.panel.staff.add(new Actor.Cli("test"), "cashier", Role.OWNER, STAFF_PASSWORD);
    }

    @AfterAll static void stopGateways() {
        try {
            if (stripe != null) stripe.close();
        } finally {
            if (crypto != null) crypto.close();
        }
    }

    @AfterEach void ledgerMatchesBalance() {
        stripe.faults().clear();
        crypto.faults().clear();
        assertEveryLedgerMatchesBalance();
    }

    private void signUpAndPay(String amount) { signUpAndPay("stripe", amount); }

    private void signUpAndPay(String method, String amount) {
        signOut("/services");
        me = signUpThroughForm("faulty");
        browser.open("/addfunds");
        new Select(browser.find("#method")).selectByValue(method);
        browser.type("#amount", amount);
        browser.submit("#pay");
    }

    private Deposit deposit() { return panel.panel.deposits.of(me, 1).getFirst(); }

    private DepositState state() { return deposit().state(); }

    private long ledgerEntries() { return panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ?", me)); }

    /** What the panel answered to the gateway's webhooks since {@code from} (the simulator's count before the test). */
    private static List<Integer> answersSince(List<Integer> all, int from) { return all.subList(from, all.size()); }

    @Test void a_webhook_sent_twice_credits_once() {
        stripe.faults().plan(Kind.DUPLICATE);
        signUpAndPay("10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertThat((long) panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ?", me))).isEqualTo(1);
    }

    @Test void a_webhook_arriving_after_the_customer_returns_credits_then() throws Exception {
        stripe.faults().plan(Kind.LATE, 2_000);
        signUpAndPay("10");
        browser.submit("#pay");
        // the redirect back only shows state: waiting, nothing credited yet
        assertThat(browser.find("#deposit-state").getText()).contains("waiting");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (state() != DepositState.CREDITED && System.nanoTime() < until) Thread.sleep(100);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        browser.raw().navigate().refresh();
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
    }

    @Test void forged_webhooks_sent_first_are_refused_and_the_real_one_credits_once() {
        stripe.faults().plan(Kind.FORGED_FIRST).plan(Kind.DUPLICATE);
        signUpAndPay("10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
    }

    @Test void a_timed_out_session_create_says_so_and_credits_nothing() {
        stripe.faults().plan(Kind.TIMEOUT, 30_000);
        signUpAndPay("10"); // the SDK's read timeout (20 s) ends the wait
        assertThat(browser.find("p.error").getText()).contains("could not be reached");
        assertThat(browser.path()).startsWith("/addfunds");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        assertThat(state()).isEqualTo(DepositState.PENDING);
    }

    @Test void cryptomus_forged_then_duplicate_late_callbacks_credit_once() throws Exception {
        crypto.faults().plan(Kind.FORGED_FIRST).plan(Kind.DUPLICATE).plan(Kind.LATE, 1_000);
        signUpAndPay("cryptomus", "10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("waiting");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (state() != DepositState.CREDITED && System.nanoTime() < until) Thread.sleep(100);
        Thread.sleep(500); // the duplicate follows the first delivery
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertThat((long) panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ?", me))).isEqualTo(1);
    }

    @Test void a_timed_out_cryptomus_invoice_create_says_so_and_credits_nothing() {
        crypto.faults().plan(Kind.TIMEOUT, 30_000);
        signUpAndPay("cryptomus", "10"); // the client's 20 s timeout ends the wait
        assertThat(browser.find("p.error").getText()).contains("could not be reached");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        assertThat(state()).isEqualTo(DepositState.PENDING);
    }

    // ---- out-of-order and early webhooks

    @Test void stripe_events_delivered_out_of_order_after_the_payment_change_nothing() {
        stripe.faults().plan(Kind.OUT_OF_ORDER);
        int from = stripe.answers().size();
        signUpAndPay("10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        // the payment, then "expired" and an earlier-created unpaid completion: all acknowledged, none undoes the credit
        assertThat(answersSince(stripe.answers(), from)).containsExactly(200, 200, 200);
        assertThat(state()).isEqualTo(DepositState.CREDITED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertThat(ledgerEntries()).isEqualTo(1);
    }

    @Test void cryptomus_statuses_delivered_out_of_order_after_paid_change_nothing() {
        crypto.faults().plan(Kind.OUT_OF_ORDER);
        int from = crypto.answers().size();
        signUpAndPay("cryptomus", "10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        // "paid", then confirm_check, process and check, as if sent before it
        assertThat(answersSince(crypto.answers(), from)).containsExactly(200, 200, 200, 200);
        assertThat(state()).isEqualTo(DepositState.CREDITED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertThat(ledgerEntries()).isEqualTo(1);
    }

    @Test void a_stripe_webhook_arriving_before_the_session_create_returns_credits_the_first_time() {
        stripe.faults().plan(Kind.PAID_BEFORE_CREATED);
        int from = stripe.answers().size();
        signUpAndPay("10"); // the webhook is posted and answered while our create call still waits for Stripe
        assertThat(answersSince(stripe.answers(), from)).as("no 400 and retry: handled the first time").containsExactly(200);
        assertThat(browser.path()).isEqualTo("/checkout/" + deposit().externalId());
        assertThat(state()).isEqualTo(DepositState.CREDITED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        browser.submit("#pay"); // the same session's webhook again
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertThat(ledgerEntries()).isEqualTo(1);
    }

    @Test void a_cryptomus_callback_arriving_before_the_invoice_create_returns_credits_the_first_time() {
        crypto.faults().plan(Kind.PAID_BEFORE_CREATED);
        int from = crypto.answers().size();
        signUpAndPay("cryptomus", "10");
        assertThat(answersSince(crypto.answers(), from)).containsExactly(200);
        assertThat(browser.path()).isEqualTo("/pay/" + deposit().externalId());
        assertThat(state()).isEqualTo(DepositState.CREDITED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertThat(ledgerEntries()).isEqualTo(1);
    }

    // ---- a held payment, approved in /admin/deposits

    @Test void an_underpaid_cryptomus_payment_is_held_until_staff_approve_it_and_is_credited_once() {
        crypto.faults().plan(Kind.UNDERPAID).plan(Kind.DUPLICATE);
        signUpAndPay("cryptomus", "10");
        String name = panel.panel.accounts.find(me).orElseThrow().name();
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("held for review");
        Deposit held = deposit();
        assertThat(held.state()).isEqualTo(DepositState.HELD);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);

        signOut("/admin/login");
        staffSignIn("cashier", STAFF_PASSWORD);
        browser.open("/admin/deposits");
        assertThat(browser.find("#deposit-" + held.id()).getText()).contains(name).contains("cryptomus").contains("wrong_amount");
        browser.type("#amount-" + held.id(), "8");
        browser.type("#reason-" + held.id(), "8 USDT arrived");
        browser.submit("#approve-" + held.id());
        assertThat(browser.find("#done").getText()).contains("approved");
        assertThat(browser.present("#deposit-" + held.id())).isFalse();
        assertThat(state()).isEqualTo(DepositState.CREDITED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("8"));
        // Cryptomus repeats its callback after the decision: acknowledged, nothing more credited
        assertThat(crypto.deliver(held.externalId(), crypto.callback(held.externalId(), "wrong_amount"))).isEqualTo(200);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("8"));

        signOut("/admin/login"); // forgets the staff and the customer sessions
        customerSignIn(name);
        browser.open("/transactions");
        assertThat(browser.find("table.transactions").getText()).containsOnlyOnce("Funds added").contains("Funds added +8 8");
        assertThat(ledgerEntries()).isEqualTo(1);
    }

    // ---- payments the customer abandons: the gateway ends them unpaid

    @Test void an_abandoned_stripe_session_that_expires_shows_as_expired_and_credits_nothing() {
        signUpAndPay("10");
        browser.submit("#cancel"); // back from the gateway's page unpaid: the session is still open, the deposit waits
        assertThat(browser.find("#deposit-state").getText()).contains("waiting for confirmation");
        Deposit d = deposit();
        assertThat(stripe.expire(d.externalId())).isEqualTo(200);
        browser.open("/addfunds?deposit=" + d.id());
        assertThat(browser.find("#deposit-state").getText()).contains("cancelled").contains("expired before it was paid");
        browser.open("/transactions");
        assertThat(browser.find("#deposit-" + d.id()).getText()).contains("cancelled").contains("expired before it was paid")
                .contains("Nothing was charged");
        fits("/transactions", "transactions-expired-deposit");
        assertThat(state()).isEqualTo(DepositState.CANCELLED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        assertThat(ledgerEntries()).isZero();
    }

    @Test void a_cryptomus_invoice_paid_after_it_was_cancelled_is_held_not_credited() {
        signUpAndPay("cryptomus", "10");
        Deposit d = deposit();
        assertThat(crypto.end(d.externalId(), "cancel")).isEqualTo(200);
        assertThat(state()).isEqualTo(DepositState.CANCELLED);
        browser.submit("#pay"); // the customer pays on the page they still have open
        assertThat(browser.find("#deposit-state").getText()).contains("held for review").contains("after the payment provider had ended it");
        assertThat(state()).isEqualTo(DepositState.HELD);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        assertThat(ledgerEntries()).isZero();

        signOut("/admin/login");
        staffSignIn("cashier", STAFF_PASSWORD);
        browser.open("/admin/deposits");
        assertThat(browser.find("#deposit-" + d.id()).getText()).contains("after the payment provider had ended it");
    }
}
