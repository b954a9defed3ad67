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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin pages (/admin) in real headless Chromium against a real panel on 127.0.0.1, signed in as staff. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminPagesBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    static long service, ownerId, supportId;

    @BeforeAll static void start() {
        service = panel.service(ServiceType.DEFAULT, "1", 10, 100_000);
        var cli = new Actor.Cli("test");
        ownerId = panel.panel.staff.add(cli, "owner1", Role.OWNER, PASSWORD).member().id();
        supportId = panel.panel.staff.add(cli, "support1", Role.SUPPORT, PASSWORD).member().id();
    }

    @BeforeEach void signedOut() { signOut("/admin/login"); }

    /** An order of 1000 (charge 1), placed as the customer would; its id. */
    private static long order(long customer) { return order(customer, service, 1000); }

    /** The balance the website shows the customer, signed in as them (their session beside the staff one). */
    private static String websiteBalance(long customer) {
        browser.open("/");
        if (!browser.present("#balance")) customerSignIn(customerName(customer));
        return browser.find("#balance").getText();
    }

    @Test void an_owner_signs_in_fail_refunds_changes_three_orders_adds_a_deposit_and_reads_each_in_the_audit_log() {
        // a wrong password signs no one in
        browser.open("/admin/login");
        browser.type("#username", "owner1");
        browser.type("#password", "not the password");
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.find("p.error").getText()).contains("do not match");
        browser.raw().manage().deleteAllCookies();

        // a page asked for signed out leads to the sign-in form and, signed in, back to it
        browser.open("/admin/orders");
        assertThat(browser.path()).isEqualTo("/admin/login?next=%2Fadmin%2Forders");
        submitStaffSignIn("owner1", PASSWORD);
        assertThat(browser.path()).isEqualTo("/admin/orders");
        browser.open("/admin");
        assertThat(browser.find("#period-today").getText()).contains("Today");

        long c = websiteCustomer("shopper", "10");
        long failing = order(c);
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = ? WHERE id = ?", Stage.FAIL.name(), failing));
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("9"));
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
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("10"));
        assertThat(websiteBalance(c)).startsWith("10 ");
        browser.open("/admin/customers/" + c);
        assertThat(browser.find("#balance").getText()).isEqualTo("10");

        // three orders selected at once on the orders list, moved to Completed
        List<Long> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) three.add(order(c));
        browser.open("/admin/orders?user=" + customerName(c));
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
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("7"));
        // searched by id, one order; filtered by status and customer, those three
        browser.open("/admin/orders");
        browser.type("#q", String.valueOf(three.get(1)));
        browser.submit("form[action='/admin/orders'] button[type=submit]");
        assertThat(browser.present("#order-" + three.get(1))).isTrue();
        assertThat(browser.present("#order-" + three.get(0))).isFalse();
        browser.open("/admin/orders?status=" + Status.COMPLETED.wire().replace(' ', '+') + "&user=" + customerName(c));
        assertThat(browser.driver.findElements(By.cssSelector("#orders tbody tr"))).hasSize(3);

        // a deposit with its reason
        browser.open("/admin/customers/" + c);
        browser.type("#amount", "5.25");
        browser.type("#reason", "bank transfer <b>42</b>");
        browser.submit("#move");
        assertThat(browser.find("#done").getText()).isEqualTo("The balance was changed.");
        assertThat(browser.find("#balance").getText()).isEqualTo("12.25");
        assertThat(browser.find("#entries").getText()).contains("bank transfer <b>42</b>");
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("12.25"));
        assertLedgerMatchesBalance(c);
        // without a reason nothing moves
        browser.type("#amount", "1");
        browser.find("#reason").clear();
        browser.driver.executeScript("document.getElementById('reason').removeAttribute('required')");
        browser.submit("#move");
        assertThat(browser.find("#funds-error").getText()).contains("reason");
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("12.25"));

        // every action in the audit log page, as this staff member
        browser.open("/admin/audit?actor=staff:" + ownerId);
        String log = browser.find("#audit").getText();
        assertThat(log).contains("order.fail-refund", "order:" + failing, "funds.deposit", "customer:" + c, "owner1", "bank transfer <b>42</b>");
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
        long c = panel.customer("3").id();
        staffSignIn("support1", PASSWORD);
        // orders it may read, but it is offered no action
        browser.open("/admin/orders");
        assertThat(browser.present("#apply")).isFalse();

        for (String path : new String[] {"/admin/customers/" + c + "/funds", "/admin/customers/" + c, "/admin/customers", "/admin/audit"}) {
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
                document.body.appendChild(f); f.submit();""", "/admin/customers/" + c + "/funds", csrf);
        browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
        assertThat(browser.find("#refused h1").getText()).isEqualTo("Not allowed for your role");
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("3"));

        // and over plain HTTP with the session's cookie: 403 for both, the balance unchanged
        String cookie = staffCookieAndToken()[0];
        assertThat(http("/admin/customers/" + c + "/funds", cookie, null).statusCode()).isEqualTo(403);
        assertThat(http("/admin/customers/" + c + "/funds", cookie, "csrf=" + csrf + "&kind=add&amount=100&reason=sneaky").statusCode())
                .isEqualTo(403);
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("3"));
        assertThat((long) panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM audit WHERE staff_id = ?", supportId))).isZero();

        // a signed-out form post, and an owner's form without its CSRF token, do nothing either
        assertThat(http("/admin/orders/act", null, "action=resend&id=1").statusCode()).isEqualTo(403);
        staffSignIn("owner1", PASSWORD);
        var noToken = http("/admin/customers/" + c + "/funds", staffCookieAndToken()[0], "kind=add&amount=100&reason=forged");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(panel.panel.accounts.balance(c)).isEqualTo(Money.parse("3"));
        // the owner reaches the page the support account could not
        browser.open("/admin/customers/" + c + "/funds");
        assertThat(browser.find("#balance").getText()).isEqualTo("3");
        browser.screenshots("admin-funds");
    }

    @Test void an_owner_turns_on_two_factor_sign_in_and_then_signs_in_with_the_code() {
        panel.panel.staff.add(new Actor.Cli("test"), "owner2", Role.OWNER, PASSWORD);
        staffSignIn("owner2", PASSWORD);
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
