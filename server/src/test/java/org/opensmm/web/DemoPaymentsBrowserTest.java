package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.app.Demo;
import org.opensmm.ledger.Money;

import java.io.OutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The payments of `serve --demo`, wired as Serve wires them (Demo.payments): a customer adds 10 and gets exactly 10. */
class DemoPaymentsBrowserTest extends BrowserTest {
    static AutoCloseable gateways;

    @BeforeAll static void wireTheDemo() {
        gateways = Demo.payments(panel.panel, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll static void stopGateways() throws Exception {
        if (gateways != null) gateways.close();
    }

    @AfterEach void ledgerEqualsBalances() { assertEveryLedgerMatchesBalance(); }

    @Test void a_demo_customer_pays_10_at_the_simulated_stripe_checkout_and_is_credited_exactly_10() {
        signOut("/services");
        long me = signUpThroughForm("demo");
        browser.open("/addfunds");
        new Select(browser.find("#method")).selectByValue("stripe");
        browser.type("#amount", "10");
        browser.submit("#pay");
        assertThat(browser.find("#amount").getText()).as("no fee in the demo").isEqualTo("10.00 USD");
        assertThat(browser.find("button#pay").getText()).isEqualTo("Pay");
        browser.submit("button#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("credited");
        assertThat(panel.panel.accounts.balance(me)).as("no bonus in the demo").isEqualTo(Money.parse("10"));
        browser.open("/transactions");
        assertThat(browser.find("table.transactions").getText()).containsOnlyOnce("Funds added").contains("Funds added +10 10");
    }
}
