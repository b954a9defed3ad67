package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.opensmm.account.Actor;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The website in real headless Chromium against a real panel on 127.0.0.1. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebsiteBrowserTest extends BrowserTest {
    static final String XSS = "<script>alert(1)</script>";
    static long followers, comments, likesPackage, autoLikes, noCancel;

    @BeforeAll static void start() {
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        comments = panel.service(ServiceType.CUSTOM_COMMENTS, "8", 2, 1500);
        likesPackage = panel.service(ServiceType.PACKAGE, "1.20", 1, 1);
        autoLikes = panel.service(ServiceType.SUBSCRIPTIONS, "1.10", 50, 5000);
        noCancel = panel.panel.catalog.add(new Service(0, "Views " + XSS, ServiceType.DEFAULT, "Video", Rate.parse("0.05"), 100, 100_000,
                false, false, false, 30, 0, Set.of(), true)).id();
    }

    @BeforeEach void signedOut() { signOut("/services"); }

    /** Signs a new person up through the form, gives them money, and leaves them signed in; their customer id. */
    private long signUp(String balance) { return signUp("web", balance); }

    private String name(long customer) { return panel.panel.accounts.find(customer).orElseThrow().name(); }

    /** Fills the order form of {@code service} (name, value pairs), waits for the server's charge, places it; the order id. */
    private long order(long service, String expectedCharge, String... fields) {
        browser.open("/?service=" + service);
        for (int i = 0; i < fields.length; i += 2) {
            WebElement e = browser.find("[name='" + fields[i] + "']");
            if (e.getTagName().equals("select")) new org.openqa.selenium.support.ui.Select(e).selectByValue(fields[i + 1]);
            else {
                e.clear();
                e.sendKeys(fields[i + 1]);
            }
        }
        browser.waitFor().until(ExpectedConditions.textToBe(By.id("charge"), expectedCharge));
        browser.submit("#place");
        assertThat(browser.path()).startsWith("/orders?placed=");
        return Long.parseLong(browser.path().replaceAll(".*placed=(\\d+).*", "$1"));
    }

    @Test void a_person_signs_up_signs_in_and_orders_four_types_charged_exactly_what_the_form_showed() {
        long me = signUp("0");
        String name = name(me);
        browser.submit("form[action='/logout'] button");
        assertThat(browser.present(".user")).isFalse();
        browser.open("/login");
        browser.type("#username", name);
        browser.type("#password", "correct horse battery");
        browser.submit("form[action='/login'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);

        // without money the form refuses before anything is placed, in words
        browser.open("/?service=" + followers);
        browser.type("#f-link", "https://instagram.com/p/first");
        browser.type("#f-quantity", "1000");
        browser.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("quote"), "Your balance is too low"));
        browser.submit("#place");
        assertThat(browser.find("#order-error").getText()).isEqualTo("Your balance is too low for this order.");
        assertThat(panel.panel.orders.recent(me, null, 10)).isEmpty();

        panel.panel.funds.deposit(new Actor.Cli("test"), me, Money.parse("10"), "test money");
        // below the minimum: the same refusal API v2 gives, in a person's words
        browser.open("/?service=" + followers);
        browser.type("#f-link", "https://instagram.com/p/first");
        browser.type("#f-quantity", "10");
        browser.waitFor().until(ExpectedConditions.textToBe(By.cssSelector("#quote .refusal"), "The quantity must be at least 50."));

        long a = order(followers, "0.9", "link", "https://instagram.com/p/first", "quantity", "1000");
        browser.screenshots("orders");
        long b = order(comments, "0.024", "link", "https://instagram.com/p/second", "comments", "Nice!\nGreat " + XSS + "\nWow");
        long c = order(likesPackage, "1.2", "link", "https://instagram.com/p/third");
        long d = order(autoLikes, "0", "username", "someone", "min", "100", "max", "200", "delay", "30");

        assertThat(browser.find("#notice").getText()).isEqualTo("Order " + d + " placed.");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("7.876"));
        var entries = panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, me, 100));
        assertThat(entries).filteredOn(e -> e.kind() == Ledger.Kind.CHARGE)
                .extracting(e -> e.orderId() + "=" + e.amount().toWire())
                .containsExactlyInAnyOrder(a + "=-0.9", b + "=-0.024", c + "=-1.2");
        assertThat(browser.find("#balance").getText()).isEqualTo("7.876 USD");

        browser.open("/orders");
        for (long id : List.of(a, b, c, d)) assertThat(browser.present("#order-" + id)).as("order " + id).isTrue();
        assertThat(browser.find("#order-" + a + " .charge").getText()).isEqualTo("0.9");
        assertThat(browser.find("#order-" + b + " .charge").getText()).isEqualTo("0.024");

        // the same orders through API v2, with a key made on /api
        browser.open("/api");
        assertThat(browser.present("#api-key")).isFalse();
        browser.submit("#generate");
        String key = browser.find("#api-key").getText();
        var status = panel.call(key, "action", "status", "orders", a + "," + b + "," + c + "," + d);
        assertThat(status.path(String.valueOf(a)).path("charge").asText()).isEqualTo("0.9");
        assertThat(status.path(String.valueOf(b)).path("charge").asText()).isEqualTo("0.024");
        assertThat(status.path(String.valueOf(c)).path("charge").asText()).isEqualTo("1.2");
        assertThat(status.path(String.valueOf(d)).path("status").asText()).isEqualTo("Pending");
        assertThat(panel.call(key, "action", "balance").path("balance").asText()).isEqualTo("7.876");
        browser.open("/api");
        assertThat(browser.present("#api-key")).as("a key is shown once").isFalse();
    }

    @Test void refill_and_cancel_buttons_show_exactly_when_allowed_and_work() {
        long me = signUp("20");
        long pending = order(followers, "0.09", "link", "https://instagram.com/p/pending", "quantity", "100");
        long done = order(followers, "0.18", "link", "https://instagram.com/p/done", "quantity", "200");
        long fixed = order(noCancel, "0.005", "link", "https://youtube.com/v/1", "quantity", "100");
        panel.panel.orders.setStatus(new Actor.Cli("test"), done, Status.COMPLETED, 10L, 0L);
        browser.open("/orders");
        assertThat(browser.present("#order-" + pending + " button.cancel")).isTrue();
        assertThat(browser.present("#order-" + pending + " button.refill")).isFalse();
        assertThat(browser.present("#order-" + done + " button.refill")).isTrue();
        assertThat(browser.present("#order-" + done + " button.cancel")).isFalse();
        assertThat(browser.present("#order-" + fixed + " button")).as("a service without cancel or refill").isFalse();
        browser.screenshots("orders-buttons");

        browser.submit("#order-" + done + " button.refill");
        assertThat(browser.find("#notice").getText()).isEqualTo("Refill of order " + done + " requested.");
        assertThat(panel.panel.refills.list(null, 100)).anyMatch(r -> r.orderId() == done);
        assertThat(browser.present("#order-" + done + " button.refill")).as("one refill at a time").isFalse();

        Money before = panel.panel.accounts.balance(me);
        browser.submit("#order-" + pending + " button.cancel");
        assertThat(browser.find("#notice").getText()).isEqualTo("Cancel of order " + pending + " requested.");
        assertThat(browser.find("#order-" + pending + " .status").getText()).isEqualTo("Canceled");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(before.plus(Money.parse("0.09")));
        assertThat(browser.present("#order-" + pending + " button")).isFalse();
    }

    @Test void a_form_post_without_or_with_a_wrong_csrf_token_changes_nothing_and_gets_403() {
        long me = signUp("5");
        browser.open("/?service=" + followers);
        String before = panel.snapshot();
        String post = """
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: arguments[1]})
                  .then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('failed ' + e));""";
        String body = "service=" + followers + "&link=https%3A%2F%2Fx.com%2Fp&quantity=100";
        Object none = browser.script(post, "/order", body);
        Object wrong = browser.script(post, "/order", body + "&csrf=not-the-token");
        Object key = browser.script(post, "/api", "csrf=");
        assertThat(List.of(none, wrong, key)).allSatisfy(r -> assertThat(r.toString()).startsWith("403 ").contains("This form has expired"));
        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(panel.panel.orders.recent(me, null, 10)).isEmpty();

        var cookie = browser.raw().manage().getCookieNamed(Site.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.isSecure()).as("plain HTTP without a trusted proxy").isFalse();
        assertThat(cookie.getValue()).hasSize(43);
        assertThat(browser.script("arguments[arguments.length - 1](document.cookie)").toString()).doesNotContain(cookie.getValue());
    }

    @Test void script_in_a_link_a_search_or_a_service_name_shows_as_text() {
        signUp("5");
        browser.open("/?service=" + followers);
        browser.type("#f-link", "https://x.com/" + XSS);
        browser.type("#f-quantity", "100");
        browser.submit("#place");
        // real links carry any character after the host, so this one is taken; the list shows it as it was typed
        long id = Long.parseLong(browser.path().replaceAll(".*placed=(\\d+).*", "$1"));
        assertThat(browser.find("#order-" + id + " .link").getText()).isEqualTo("https://x.com/" + XSS);
        assertThat(browser.raw().getPageSource()).contains("https://x.com/&lt;script&gt;alert(1)&lt;/script&gt;");

        browser.open("/orders?q=" + java.net.URLEncoder.encode(XSS, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.find("#q").getAttribute("value")).isEqualTo(XSS);
        assertThat(browser.find("#order-" + id + " .link").getText()).as("found by a piece of its link").endsWith(XSS);

        browser.open("/services?category=Video");
        assertThat(browser.find("tr[data-service='" + noCancel + "'] td:nth-child(2)").getText()).contains("Views " + XSS);
        assertThat(browser.raw().getPageSource()).doesNotContain("Views " + XSS).contains("Views &lt;script&gt;");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> browser.raw().switchTo().alert())
                .as("no alert ever opened").isInstanceOf(org.openqa.selenium.NoAlertPresentException.class);
    }

    @Test void another_customers_order_ids_are_not_found() {
        var other = panel.customer("10");
        long theirs = panel.call(other.key(), "action", "add", "service", String.valueOf(followers), "link", "https://x.com/theirs",
                "quantity", "100").path("order").asLong();
        signUp("5");
        browser.open("/orders?q=" + theirs);
        assertThat(browser.find("#no-orders").getText()).isEqualTo("No orders found.");
        String csrf = browser.raw().findElement(By.cssSelector("form[action='/logout'] input[name=csrf]")).getAttribute("value");
        String post = """
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: arguments[1]})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)));""";
        String before = panel.snapshot();
        for (String action : List.of("cancel", "refill")) {
            String reply = browser.script(post, "/orders/" + theirs + "/" + action, "csrf=" + csrf).toString();
            assertThat(reply).startsWith("200 ").contains("Order not found.");
        }
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void every_page_so_far_has_screenshots_at_1280_and_360_pixels() {
        var shots = new ArrayList<String>();
        for (String page : List.of("/", "/login", "/signup", "/services")) {
            browser.open(page);
            String name = page.equals("/") ? "landing" : page.substring(1);
            browser.screenshots(name);
            shots.add(name);
        }
        signUp("50");
        for (String page : List.of("/?service=" + followers, "/?service=" + autoLikes, "/?service=" + comments, "/orders", "/api", "/nothing-here")) {
            browser.open(page);
            String name = page.equals("/nothing-here") ? "not-found" : page.startsWith("/?") ? "new-order-" + page.substring(10) : page.substring(1);
            browser.screenshots(name);
            shots.add(name);
        }
        // at 360 px nothing is wider than the screen but the tables, which scroll inside their box
        browser.raw().manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        browser.open("/?service=" + followers);
        Object wide = browser.script("arguments[arguments.length - 1](document.documentElement.scrollWidth)");
        assertThat(((Number) wide).intValue()).isLessThanOrEqualTo(380);
        browser.raw().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        for (String s : shots) assertThat(Browser.SCREENSHOTS.resolve(s + "-360.png")).exists();
    }
}
