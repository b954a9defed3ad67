package org.opensmm.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Role;
import org.opensmm.ledger.Money;
import org.opensmm.payment.DepositState;
import org.opensmm.payment.MethodSettings;
import org.opensmm.simulator.StripeSimulator;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin payment pages (/admin/deposits, /admin/payment-methods) in real headless Chromium against a real panel. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DepositPagesBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    static long ownerId, supportId;

    @BeforeAll static void start() {
        var cli = new Actor.Cli("test");
        ownerId = panel.panel.staff.add(cli, "payowner", Role.OWNER, PASSWORD).member().id();
        supportId = panel.panel.staff.add(cli, "paysupport", Role.SUPPORT, PASSWORD).member().id();
        panel.panel.deposits.configure(cli, new MethodSettings("manual", true, "Bank transfer", "IBAN DE00 0000", Money.parse("1"),
                Money.parse("1000"), BigDecimal.ZERO, BigDecimal.ZERO));
    }

    /** Signs a new customer up on the website and declares a manual transfer of {@code amount}; their id and the deposit's. */
    private long[] declare(String amount) {
        signOut("/admin/login");
        long me = signUpThroughForm("wire");
        browser.open("/addfunds");
        new Select(browser.find("#method")).selectByValue("manual");
        browser.type("#amount", amount);
        browser.type("#reference", "WIRE-" + me);
        browser.submit("#pay");
        assertThat(browser.find("#deposit-state").getText()).contains("waiting");
        long id = panel.panel.deposits.of(me, 10).getFirst().id();
        return new long[] {me, id};
    }

    @AfterEach void ledgerEqualsBalances() { assertEveryLedgerMatchesBalance(); }

    @Test void an_owner_approves_a_declared_transfer_with_a_corrected_amount_once() throws Exception {
        long[] declared = declare("25");
        long me = declared[0], id = declared[1];
        String customerName = panel.panel.accounts.find(me).orElseThrow().name();

        staffSignIn("payowner", PASSWORD);
        browser.open("/admin/deposits");
        assertThat(browser.find("#deposit-" + id).getText()).contains("WIRE-" + me).contains(customerName);
        browser.screenshots("admin-deposits");
        // a corrected amount without a reason is refused, nothing credited
        browser.type("#amount-" + id, "20");
        browser.submit("#approve-" + id);
        assertThat(browser.find("#error-" + id).getText()).contains("reason");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        // with the reason: credited the corrected amount
        browser.type("#amount-" + id, "20");
        browser.type("#reason-" + id, "bank statement shows 20");
        browser.submit("#approve-" + id);
        assertThat(browser.find("#done").getText()).contains("approved");
        assertThat(browser.present("#deposit-" + id)).isFalse();
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("20"));

        // approving it again (a second POST of the same form) credits nothing more
        String[] session = staffCookieAndToken();
        String cookie = session[0], csrf = session[1];
        var again = http("/admin/deposits/" + id + "/approve", cookie, "csrf=" + csrf + "&amount=&reason=");
        assertThat(again.body()).contains("no longer waiting");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("20"));
        assertThat(panel.panel.deposits.find(id).orElseThrow().state()).isEqualTo(DepositState.CREDITED);
        assertLedgerMatchesBalance(me);

        // the audit log names the owner
        var audit = Audit.list(panel.panel.db, null, "deposit:" + id, 50);
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("deposit.credit");
            assertThat(e.actor()).isEqualTo(new Actor.Staff(ownerId).describe());
        });

        // the customer sees it on /transactions
        signOut("/admin/login");
        customerSignIn(customerName);
        browser.open("/transactions");
        assertThat(browser.find("table.transactions").getText()).contains("Funds added +20 20");
    }

    @Test void a_customer_session_cannot_approve_its_own_deposit() throws Exception {
        long[] declared = declare("40");
        long me = declared[0], id = declared[1];
        // the customer's own session and a CSRF token from their own page, posted at the staff's approve route
        String cookie = "opensmm_session=" + browser.raw().manage().getCookieNamed("opensmm_session").getValue();
        String csrf = browser.raw().findElement(org.openqa.selenium.By.cssSelector("input[name=csrf]")).getDomProperty("value");
        var reply = http("/admin/deposits/" + id + "/approve", cookie, "csrf=" + csrf + "&amount=400&reason=mine");
        assertThat(reply.statusCode()).as("sent to the staff sign-in or refused").isIn(302, 303, 401, 403);
        assertThat(panel.panel.deposits.find(id).orElseThrow().state()).isEqualTo(DepositState.PENDING);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
    }

    @Test void support_staff_can_neither_see_nor_decide_deposits_nor_change_methods() throws Exception {
        long[] declared = declare("30");
        long me = declared[0], id = declared[1];

        staffSignIn("paysupport", PASSWORD);
        String[] session = staffCookieAndToken();
        String cookie = session[0], csrf = session[1];
        browser.open("/admin/deposits");
        assertThat(browser.find("#refused h1").getText()).isEqualTo("Not allowed for your role");
        assertThat(browser.present("#deposit-" + id)).isFalse();
        browser.open("/admin/payment-methods");
        assertThat(browser.find("#refused h1").getText()).isEqualTo("Not allowed for your role");

        assertThat(http("/admin/deposits/" + id + "/approve", cookie, "csrf=" + csrf + "&amount=&reason=").statusCode()).isEqualTo(403);
        assertThat(http("/admin/deposits/" + id + "/reject", cookie, "csrf=" + csrf + "&reason=no").statusCode()).isEqualTo(403);
        assertThat(http("/admin/payment-methods/manual", cookie, "csrf=" + csrf
                + "&enabled=true&display_name=x&instructions=&min=1&max=2&bonus=50&fee=0").statusCode()).isEqualTo(403);
        assertThat(panel.panel.deposits.find(id).orElseThrow().state()).isEqualTo(DepositState.PENDING);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        assertThat(panel.panel.deposits.methods().stream().filter(m -> m.code().equals("manual")).findFirst().orElseThrow().displayName())
                .isEqualTo("Bank transfer");

        // an owner rejects it with a reason: nothing credited
        staffSignIn("payowner", PASSWORD);
        browser.open("/admin/deposits");
        browser.type("#reject-reason-" + id, "no such transfer");
        browser.submit("#reject-" + id);
        assertThat(browser.find("#done").getText()).contains("rejected");
        assertThat(panel.panel.deposits.find(id).orElseThrow().state()).isEqualTo(DepositState.REJECTED);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
    }

    @Test void an_owner_configures_a_method_and_bad_settings_are_refused() {
        staffSignIn("payowner", PASSWORD);
        browser.open("/admin/payment-methods");
        browser.type("#min-manual", "50");
        browser.type("#max-manual", "5");
        browser.submit("#save-manual");
        assertThat(browser.find("#error-manual").getText()).contains("minimum");
        browser.type("#min-manual", "1");
        browser.type("#max-manual", "1000");
        browser.type("#instructions-manual", "IBAN DE00 0001");
        browser.submit("#save-manual");
        assertThat(browser.find("#done").getText()).contains("saved");
        var manual = panel.panel.deposits.methods().stream().filter(m -> m.code().equals("manual")).findFirst().orElseThrow();
        assertThat(manual.instructions()).isEqualTo("IBAN DE00 0001");
        assertThat(manual.enabled()).isTrue();
        assertThat(Audit.list(panel.panel.db, new Actor.Staff(ownerId).describe(), "payment_method:manual", 10)).isNotEmpty();
    }

    /** A Stripe event that pays nothing, signed with {@code secret}, posted to our webhook: 200 once it verifies, else 400. */
    private int stripeEventSignedWith(String secret) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String event = StripeSimulator.event("checkout.session.expired", "cs_test_x", "", 1000, "usd", "unpaid", now);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + panel.panel.port() + "/payments/stripe/webhook"))
                .header("Content-Type", "application/json").header("Stripe-Signature", StripeSimulator.signature(secret, now, event))
                .timeout(java.time.Duration.ofSeconds(30)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test void an_owner_sets_gateway_credentials_that_are_used_never_shown_and_audited_without_their_values() throws Exception {
        String secretKey = "sk_test_owner" + System.nanoTime(), webhookSecret = "whsec_owner" + System.nanoTime();
        assertThat(stripeEventSignedWith(webhookSecret)).as("before: no webhook secret, nothing verifies").isEqualTo(400);
        staffSignIn("payowner", PASSWORD);
        browser.open("/admin/payment-methods");
        assertThat(browser.find("#secret_key-stripe-state").getText()).contains("environment");
        browser.type("#secret_key-stripe", secretKey);
        browser.type("#webhook_secret-stripe", webhookSecret);
        browser.submit("#save-credentials-stripe");
        assertThat(browser.find("#done").getText()).contains("saved");
        assertThat(browser.find("#webhook_secret-stripe-state").getText()).contains("Stored here");
        assertThat(browser.raw().getPageSource()).as("write-only").doesNotContain(secretKey).doesNotContain(webhookSecret);
        assertThat(browser.find("#secret_key-stripe").getDomProperty("value")).isEmpty();
        browser.screenshots("admin-payment-credentials");

        assertThat(panel.panel.deposits.method("stripe").orElseThrow().configured()).isTrue();
        assertThat(stripeEventSignedWith(webhookSecret)).as("the stored secret verifies").isEqualTo(200);
        assertThat(stripeEventSignedWith("whsec_other")).isEqualTo(400);
        // stored sealed: a dump or backup of the database does not hold the gateway's secrets in clear
        var stored = panel.panel.db.read(tx -> tx.list("SELECT value FROM payment_credential WHERE method = 'stripe'", rs -> rs.getString(1)));
        assertThat(stored).hasSize(2).allSatisfy(v -> assertThat(v).startsWith("sealed:v1:").doesNotContain("sk_test").doesNotContain("whsec"));

        // an empty field keeps the stored value
        browser.type("#secret_key-stripe", "sk_test_second");
        browser.submit("#save-credentials-stripe");
        assertThat(stripeEventSignedWith(webhookSecret)).isEqualTo(200);
        // a value with a space is refused and changes nothing
        browser.type("#webhook_secret-stripe", "whsec with space");
        browser.submit("#save-credentials-stripe");
        assertThat(browser.find("#credentials-error-stripe").getText()).contains("visible characters");
        assertThat(stripeEventSignedWith(webhookSecret)).isEqualTo(200);

        var audit = Audit.list(panel.panel.db, new Actor.Staff(ownerId).describe(), "payment_method:stripe", 10);
        assertThat(audit).filteredOn(e -> e.action().equals("payment.credentials")).hasSize(2)
                .allSatisfy(e -> assertThat(e.before() + e.after()).doesNotContain(secretKey).doesNotContain(webhookSecret)
                        .doesNotContain("sk_test_second").contains("webhook_secret"));
        // a support member may not
        staffSignIn("paysupport", PASSWORD);
        String[] session = staffCookieAndToken();
        assertThat(http("/admin/payment-methods/stripe/credentials", session[0], "csrf=" + session[1] + "&webhook_secret=whsec_mine").statusCode())
                .isEqualTo(403);
        assertThat(stripeEventSignedWith("whsec_mine")).isEqualTo(400);
    }
}
