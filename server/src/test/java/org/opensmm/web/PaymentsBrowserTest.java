package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
        configure("stripe", "2.5", "0");
        configure("cryptomus", "0", "0");
        configure("manual", "0", "0");
    }

    /** Method {@code code} enabled for 1 to 1000, with this bonus and fee (percent). */
    private static void configure(String code, String bonus, String fee) {
        panel.panel.deposits.configure(new Actor.Cli("test"), new MethodSettings(code, true, code.equals("manual") ? "Bank transfer" : code,
                code.equals("manual") ? "IBAN DE00 0000" : "", Money.parse("1"), Money.parse("1000"), new BigDecimal(bonus), new BigDecimal(fee)));
    }

    /** Runs {@code test} with method {@code code} at this bonus and fee, then puts back what the other tests expect. */
    private static void withSettings(String code, String bonus, String fee, Runnable test) {
        var before = panel.panel.deposits.methods().stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
        configure(code, bonus, fee);
        try {
            test.run();
        } finally {
            panel.panel.deposits.configure(new Actor.Cli("test"), before);
        }
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

    @AfterEach void ledgerEqualsBalances() { assertEveryLedgerMatchesBalance(); }

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
    }

    @Test void stripe_cancel_credits_nothing() {
        long me = signUp();
        addFunds("stripe", "10");
        browser.submit("#cancel");
        assertThat(browser.find("#deposit-state").getText()).contains("waiting");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
    }

    @Test void cryptomus_pay_credits_exactly_the_amount() {
        long me = signUp();
        addFunds("cryptomus", "10");
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10"));
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
    }

    @Test void a_fee_passed_on_is_paid_at_the_gateway_and_only_the_amount_and_bonus_are_credited() {
        withSettings("stripe", "2.5", "10", () -> {
            long me = signUp();
            addFunds("stripe", "10");
            assertThat(browser.find("#amount").getText()).as("amount plus the 10% fee").isEqualTo("11.00 USD");
            browser.submit("#pay");
            assertThat(browser.find("#deposit-state").getText()).contains("credited");
            assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10.25"));
        });
    }

    @Test void cryptomus_applies_the_bonus_exactly() {
        withSettings("cryptomus", "5", "0", () -> {
            long me = signUp();
            addFunds("cryptomus", "10");
            assertThat(browser.find("#amount").getText()).isEqualTo("10 USD");
            browser.submit("#pay");
            assertThat(browser.find("#deposit-state").getText()).contains("credited");
            assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("10.5"));
        });
    }

    @Test void a_manual_deposit_approved_gets_the_bonus_exactly() {
        withSettings("manual", "10", "0", () -> {
            long me = signUp();
            addFunds("manual", "25");
            long id = panel.panel.deposits.of(me, 1).getFirst().id();
            panel.panel.deposits.approve(new Actor.Cli("test"), id, null, "");
            browser.open("/transactions");
            assertThat(browser.find("table.transactions").getText()).contains("Funds added +27.5 27.5");
            assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("27.5"));
        });
    }

    @Test void transactions_show_a_held_and_a_rejected_deposit_with_the_reason_as_lines_that_move_no_money() {
        long me = signUp();
        addFunds("cryptomus", "10"); // the gateway's page: the customer leaves without paying there
        var held = panel.panel.deposits.of(me, 1).getFirst();
        crypto.status(held.externalId(), "paid_over");
        assertThat(crypto.deliver(held.externalId(), crypto.callback(held.externalId(), "paid_over"))).isEqualTo(200);
        addFunds("manual", "30");
        long rejected = panel.panel.deposits.of(me, 1).getFirst().id();
        var owner = panel.panel.staff.add(new Actor.Cli("test"), "owner" + me, org.opensmm.account.Role.OWNER, "a long enough password").member();
        panel.panel.deposits.reject(new Actor.Staff(owner.id()), rejected, "no such transfer arrived");

        browser.open("/transactions");
        assertThat(browser.find("#deposit-" + held.id()).getText()).contains("held for review").contains("10 USD").contains("balance unchanged");
        assertThat(browser.find("#deposit-" + rejected).getText()).contains("rejected").contains("no such transfer arrived")
                .contains("30 USD").contains("balance unchanged");
        assertThat(browser.present("table.transactions")).as("no ledger line: no money moved").isFalse();
        browser.screenshots("transactions-unpaid");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
    }
}
