package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.account.StaffTwoFactor;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin pages (/admin) in real headless Chromium against a real panel on 127.0.0.1, signed in as staff. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminPagesBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static long service, ownerId, supportId;

    @BeforeAll static void start() {
        service = panel.service(ServiceType.DEFAULT, "1", 10, 100_000);
        var cli = new Actor.Cli("test");
        ownerId = panel.panel.staff.add(cli, "owner1", Role.OWNER, PASSWORD).member().id();
        supportId = panel.panel.staff.add(cli, "support1", Role.SUPPORT, PASSWORD).member().id();
    }

    @BeforeEach void signedOut() { signOut("/admin/login"); }

    private void signIn(String username) {
        browser.open("/admin");
        assertThat(browser.path()).startsWith("/admin/login?next=");
        browser.type("#username", username);
        browser.type("#password", PASSWORD);
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/admin");
        assertThat(browser.find("#staff").getText()).isEqualTo(username);
    }

    /** An order of 1000 (charge 1), placed as the customer would; its id. */
    private long order(TestPanel.Customer c) {
        var fields = java.util.Map.of("link", "https://example.com/p/" + System.nanoTime(), "quantity", "1000");
        return panel.panel.orders.add(c.id(), service, fields::get);
    }

    /** A website customer (signed up with a password) with a balance of 10. */
    private TestPanel.Customer shopper() {
        String name = "shopper" + System.nanoTime() % 1_000_000;
        var created = (org.opensmm.account.Passwords.SignUp.Created) panel.panel.passwords.signUp(name, name + "@example.com", PASSWORD);
        panel.panel.funds.deposit(new Actor.Cli("test"), created.customer(), Money.parse("10"), "test money");
        return new TestPanel.Customer(created.customer(), null);
    }

    /** The balance the website shows the customer, signed in as them (their session beside the staff one). */
    private String websiteBalance(TestPanel.Customer c) {
        browser.open("/");
        if (!browser.present("#balance")) {
            browser.open("/login");
            browser.type("#username", name(c.id()));
            browser.type("#password", PASSWORD);
            browser.submit("form[action='/login'] button[type=submit]");
        }
        return browser.find("#balance").getText();
    }

    private String name(long customer) { return panel.panel.accounts.find(customer).orElseThrow().name(); }

    @Test void an_owner_signs_in_fail_refunds_changes_three_orders_adds_a_deposit_and_reads_each_in_the_audit_log() {
        // a wrong password signs no one in
        browser.open("/admin/login");
        browser.type("#username", "owner1");
        browser.type("#password", "not the password");
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.find("p.error").getText()).contains("do not match");
        browser.raw().manage().deleteAllCookies();

        signIn("owner1");
        assertThat(browser.find("#period-today").getText()).contains("Today");

        var c = shopper();
        long failing = order(c);
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = ? WHERE id = ?", Stage.FAIL.name(), failing));
        assertThat(panel.balance(c)).isEqualTo(Money.parse("9"));
        assertThat(websiteBalance(c)).startsWith("9 ");

        // the dashboard counts it; the order page fail-refunds it: the customer has their money back
        browser.open("/admin");
        assertThat(Long.parseLong(browser.find("#failed").getText())).isGreaterThanOrEqualTo(1);
        browser.open("/admin/orders/" + failing);
        assertThat(browser.find("#status").getText()).contains("Fail");
        new Select(browser.find("#action")).selectByValue("fail-refund");
        browser.submit("#apply");
        assertThat(browser.find("#done").getText()).contains("1");
        assertThat(browser.find("#status").getText()).startsWith(Status.CANCELED.wire());
        assertThat(browser.find("#entries").getText()).contains("Refund");
        assertThat(panel.balance(c)).isEqualTo(Money.parse("10"));
        assertThat(websiteBalance(c)).startsWith("10 ");
        browser.open("/admin/customers/" + c.id());
        assertThat(browser.find("#balance").getText()).isEqualTo("10");

        // three orders selected at once on the orders list, moved to Completed
        List<Long> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) three.add(order(c));
        browser.open("/admin/orders?user=" + name(c.id()));
        for (long id : three) browser.find("#pick-" + id).click();
        new Select(browser.find("#action")).selectByValue("status");
        new Select(browser.find("#to-status")).selectByValue(Status.COMPLETED.wire());
        browser.submit("#apply");
        assertThat(browser.find("#done").getText()).contains("3");
        for (long id : three) {
            assertThat(panel.panel.orders.find(id).orElseThrow().status()).isEqualTo(Status.COMPLETED);
            assertThat(browser.find("#order-" + id + " .status").getText()).isEqualTo(Status.COMPLETED.wire());
        }
        // a final order does not change again: reported, not done
        browser.find("#pick-" + three.get(0)).click();
        new Select(browser.find("#to-status")).selectByValue(Status.CANCELED.wire());
        browser.submit("#apply");
        assertThat(browser.find("#failed").getText()).contains(String.valueOf(three.get(0)));
        assertThat(panel.balance(c)).isEqualTo(Money.parse("7"));
        // searched by id, one order; filtered by status and customer, those three
        browser.open("/admin/orders");
        browser.type("#q", String.valueOf(three.get(1)));
        browser.submit("form[action='/admin/orders'] button[type=submit]");
        assertThat(browser.present("#order-" + three.get(1))).isTrue();
        assertThat(browser.present("#order-" + three.get(0))).isFalse();
        browser.open("/admin/orders?status=" + Status.COMPLETED.wire().replace(' ', '+') + "&user=" + name(c.id()));
        assertThat(browser.driver.findElements(By.cssSelector("#orders tbody tr"))).hasSize(3);

        // a deposit with its reason
        browser.open("/admin/customers/" + c.id());
        browser.type("#amount", "5.25");
        browser.type("#reason", "bank transfer <b>42</b>");
        browser.submit("#move");
        assertThat(browser.find("#done").getText()).isEqualTo("The balance was changed.");
        assertThat(browser.find("#balance").getText()).isEqualTo("12.25");
        assertThat(browser.find("#entries").getText()).contains("bank transfer <b>42</b>");
        assertThat(panel.balance(c)).isEqualTo(Money.parse("12.25"));
        assertThat(panel.ledgerSum(c)).isEqualTo(panel.balance(c));
        // without a reason nothing moves
        browser.type("#amount", "1");
        browser.find("#reason").clear();
        browser.driver.executeScript("document.getElementById('reason').removeAttribute('required')");
        browser.submit("#move");
        assertThat(browser.find("#funds-error").getText()).contains("reason");
        assertThat(panel.balance(c)).isEqualTo(Money.parse("12.25"));

        // every action in the audit log page, as this staff member
        browser.open("/admin/audit?actor=staff:" + ownerId);
        String log = browser.find("#audit").getText();
        assertThat(log).contains("order.fail-refund", "order:" + failing, "funds.deposit", "customer:" + c.id(), "owner1", "bank transfer <b>42</b>");
        for (long id : three) assertThat(log).contains("order:" + id);
        assertThat(browser.raw().findElements(By.cssSelector("#audit td.action")).stream().filter(e -> e.getText().equals("order.set-status")).count())
                .isEqualTo(3);
        browser.open("/admin/audit?object=order:" + failing);
        assertThat(browser.find("#audit").getText()).contains("order.fail-refund").doesNotContain("funds.deposit");
        browser.screenshots("admin-audit");
        browser.open("/admin/orders");
        browser.screenshots("admin-orders");
    }

    @Test void a_support_account_cannot_reach_funds_by_page_nor_by_form() throws Exception {
        var c = panel.customer("3");
        signIn("support1");
        // orders it may read, but it is offered no action
        browser.open("/admin/orders");
        assertThat(browser.present("#apply")).isFalse();

        for (String path : new String[] {"/admin/customers/" + c.id() + "/funds", "/admin/customers/" + c.id(), "/admin/customers", "/admin/audit"}) {
            browser.open(path);
            assertThat(browser.find("#refused h1").getText()).as(path).isEqualTo("Not allowed for your role");
        }
        // a form posted anyway, with the session's own CSRF token, is refused too and moves nothing
        String csrf = browser.driver.findElement(By.cssSelector("form[action='/admin/logout'] input[name=csrf]")).getDomAttribute("value");
        browser.driver.executeScript("""
                var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];
                for (var [k, v] of [['csrf', arguments[1]], ['kind', 'add'], ['amount', '100'], ['reason', 'sneaky']]) {
                  var i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i);
                }
                document.body.appendChild(f); f.submit();""", "/admin/customers/" + c.id() + "/funds", csrf);
        browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
        assertThat(browser.find("#refused h1").getText()).isEqualTo("Not allowed for your role");
        assertThat(panel.balance(c)).isEqualTo(Money.parse("3"));

        // and over plain HTTP with the session's cookie: 403 for both, the balance unchanged
        String cookie = "opensmm_admin=" + browser.raw().manage().getCookieNamed("opensmm_admin").getValue();
        String base = "http://127.0.0.1:" + panel.panel.port();
        var get = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/customers/" + c.id() + "/funds")).header("Cookie", cookie)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(403);
        var post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/customers/" + c.id() + "/funds")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&kind=add&amount=100&reason=sneaky")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(panel.balance(c)).isEqualTo(Money.parse("3"));
        assertThat((long) panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM audit WHERE staff_id = ?", supportId))).isZero();

        // a signed-out form post, and an owner's form without its CSRF token, do nothing either
        var anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/orders/act"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("action=resend&id=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        browser.raw().manage().deleteAllCookies();
        signIn("owner1");
        String owner = "opensmm_admin=" + browser.raw().manage().getCookieNamed("opensmm_admin").getValue();
        var noToken = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/customers/" + c.id() + "/funds")).header("Cookie", owner)
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("kind=add&amount=100&reason=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(panel.balance(c)).isEqualTo(Money.parse("3"));
        // the owner reaches the page the support account could not
        browser.open("/admin/customers/" + c.id() + "/funds");
        assertThat(browser.find("#balance").getText()).isEqualTo("3");
        browser.screenshots("admin-funds");
    }

    @Test void an_owner_turns_on_two_factor_sign_in_and_then_signs_in_with_the_code() {
        panel.panel.staff.add(new Actor.Cli("test"), "owner2", Role.OWNER, PASSWORD);
        signIn("owner2");
        browser.open("/admin/2fa");
        String secret = browser.find("#secret").getText();
        browser.type("#code", "123456".equals(StaffTwoFactor.code(secret, System.currentTimeMillis())) ? "654321" : "123456");
        browser.submit("#enable");
        assertThat(browser.find("#twofactor-error").isDisplayed()).isTrue();
        secret = browser.find("#secret").getText();
        browser.type("#code", StaffTwoFactor.code(secret, System.currentTimeMillis()));
        browser.submit("#enable");
        assertThat(browser.find("#twofactor-on").isDisplayed()).isTrue();
        browser.submit("form[action='/admin/logout'] button");

        browser.open("/admin/orders");
        browser.type("#username", "owner2");
        browser.type("#password", PASSWORD);
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.path()).startsWith("/admin/login/code");
        // the password alone opens nothing
        browser.open("/admin/orders");
        assertThat(browser.path()).startsWith("/admin/login");
        browser.driver.navigate().back();
        assertThat(browser.path()).startsWith("/admin/login/code");
        long now = System.currentTimeMillis();
        String wrong = "000000";
        while (StaffTwoFactor.matches(secret, wrong, now)) wrong = String.format("%06d", Integer.parseInt(wrong) + 1);
        browser.type("#code", wrong);
        browser.submit("form[action='/admin/login/code'] button[type=submit]");
        assertThat(browser.find("p.error").getText()).contains("not right");
        browser.type("#code", StaffTwoFactor.code(secret, System.currentTimeMillis()));
        browser.submit("form[action='/admin/login/code'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/admin/orders");
        assertThat(browser.find("#staff").getText()).isEqualTo("owner2");
        browser.open("/admin/audit?object=staff");
        assertThat(browser.find("#audit").getText()).contains("staff.2fa-on").doesNotContain(secret);
    }
}
