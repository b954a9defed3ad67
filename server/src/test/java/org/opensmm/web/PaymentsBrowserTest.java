package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.ledger.Money;
import org.opensmm.payment.Cryptomus;
import org.opensmm.payment.MethodSettings;
import org.opensmm.payment.StripeCheckout;
import org.opensmm.simulator.CryptomusSimulator;
import org.opensmm.simulator.StripeSimulator;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** /addfunds in headless Chromium: each method end to end through the simulated gateways, bonus applied exactly. */
class PaymentsBrowserTest extends BrowserTest {
    static StripeSimulator stripe;
    static CryptomusSimulator crypto;

    @BeforeAll static void start() {
        stripe = StripeSimulator.start("whsec_browser");
        panel.panel.useStripe(new StripeCheckout.Settings(stripe.apiBase(), StripeSimulator.SECRET_KEY, "whsec_browser"));
        stripe.webhookTo("http://127.0.0.1:" + panel.panel.port() + "/payments/stripe/webhook");
        crypto = CryptomusSimulator.start("browser-key");
        panel.panel.useCryptomus(new Cryptomus.Settings(crypto.apiBase(), CryptomusSimulator.MERCHANT, "browser-key"));
        var cli = new Actor.Cli("test");
        var min = Money.parse("1");
        var max = Money.parse("1000");
        panel.panel.deposits.configure(cli, new MethodSettings("stripe", true, "Card", "", min, max, new BigDecimal("2.5"), BigDecimal.ZERO));
        panel.panel.deposits.configure(cli, new MethodSettings("cryptomus", true, "Crypto", "", min, max, BigDecimal.ZERO, BigDecimal.ZERO));
        panel.panel.deposits.configure(cli, new MethodSettings("manual", true, "Bank transfer", "IBAN DE00 0000", min, max, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    @AfterAll static void stopGateways() {
        try {
            if (stripe != null) stripe.close();
        } finally {
            if (crypto != null) crypto.close();
        }
    }

    private long signUp() {
        signOut("/services");
        return signUpThroughForm("payer");
    }

    private void addFunds(String method, String amount) {
        browser.open("/addfunds");
        new Select(browser.find("#method")).selectByValue(method);
        browser.type("#amount", amount);
        if (method.equals("manual")) browser.type("#reference", "WIRE-42");
        browser.submit("#pay");
    }

    private void assertLedger(long customer) {
        Money sum = panel.panel.db.read(tx -> panel.panel.ledger.sum(tx, customer));
        assertThat(sum).isEqualTo(panel.panel.accounts.balance(customer));
    }

    @Test void stripe_pay_credits_the_amount_and_bonus_once() {
        long me = signUp();
        addFunds("stripe", "10");
        assertThat(browser.find("#amount").getText()).isEqualTo("10.00 USD");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10.25"));
        browser.screenshots("addfunds-credited");
        browser.raw().navigate().refresh();
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10.25"));
        assertLedger(me);
    }

    @Test void stripe_cancel_credits_nothing() {
        long me = signUp();
        addFunds("stripe", "10");
        browser.submit("#cancel");
        assertThat(browser.find("#deposit-state").getText()).contains("waiting");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        assertLedger(me);
    }

    @Test void cryptomus_pay_credits_exactly_the_amount() {
        long me = signUp();
        addFunds("cryptomus", "10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
        assertLedger(me);
    }

    @Test void a_manual_deposit_waits_then_staff_approval_credits_it_once() {
        long me = signUp();
        addFunds("manual", "25");
        assertThat(browser.find("#deposit-state").getText()).contains("waiting");
        long id = panel.panel.deposits.queue(100).stream().filter(d -> d.customerId() == me).findFirst().orElseThrow().id();
        panel.panel.deposits.approve(new Actor.Cli("test"), id, null, "");
        browser.open("/addfunds?deposit=" + id);
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("25"));
        assertLedger(me);
    }
}
