package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.ledger.Money;
import org.opensmm.payment.Cryptomus;
import org.opensmm.payment.DepositState;
import org.opensmm.payment.MethodSettings;
import org.opensmm.payment.StripeCheckout;
import org.opensmm.simulator.CryptomusSimulator;
import org.opensmm.simulator.GatewayFaults.Kind;
import org.opensmm.simulator.StripeSimulator;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated Stripe misbehaving on purpose (issue 12), end to end over HTTP from /addfunds in headless Chromium:
 * duplicate, late and forged webhooks credit exactly once (or not at all), a timed-out session create says so and
 * credits nothing. After each test the ledger's sum equals the balance.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayFaultsBrowserTest extends BrowserTest {
    static StripeSimulator stripe;
    static CryptomusSimulator crypto;
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
        Money sum = panel.panel.db.read(tx -> panel.panel.ledger.sum(tx, me));
        assertThat(sum).isEqualTo(panel.panel.accounts.balance(me));
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

    private DepositState state() { return panel.panel.deposits.of(me, 1).getFirst().state(); }

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
}
