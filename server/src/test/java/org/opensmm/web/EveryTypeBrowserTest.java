package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One order of each of PROTOCOL.md's 15 service types placed through the new-order form in real headless Chromium:
 * the charge the form shows is the charge taken (balance and the order's ledger entry), and each order is then in
 * {@code /orders} and in API v2's status with a key made on {@code /api}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EveryTypeBrowserTest {
    static TestPanel panel;
    static Browser browser;
    static final Map<ServiceType, Long> SERVICES = new EnumMap<>(ServiceType.class);

    /** What the form is filled with per type (name, value pairs) and the charge it must show: rate 2 per 1000, packages 1.5 and 3. */
    record Case(ServiceType type, String charge, String... fields) {}

    static final List<Case> CASES = List.of(
            new Case(ServiceType.DEFAULT, "1", "link", "https://instagram.com/p/default", "quantity", "500"),
            new Case(ServiceType.PACKAGE, "1.5", "link", "https://instagram.com/p/package"),
            new Case(ServiceType.CUSTOM_COMMENTS, "0.006", "link", "https://instagram.com/p/comments", "comments", "Nice\nGreat\nWow"),
            new Case(ServiceType.CUSTOM_COMMENTS_PACKAGE, "3", "link", "https://instagram.com/p/cpackage", "comments", "One\nTwo"),
            new Case(ServiceType.MENTIONS_CUSTOM_LIST, "0.004", "link", "https://instagram.com/p/list", "usernames", "alice\nbob"),
            new Case(ServiceType.MENTIONS_WITH_HASHTAGS, "0.2", "link", "https://instagram.com/p/tags", "quantity", "100",
                    "usernames", "alice\nbob", "hashtags", "sun\nsea"),
            new Case(ServiceType.MENTIONS_HASHTAG, "0.4", "link", "https://instagram.com/p/hashtag", "quantity", "200", "hashtag", "sunset"),
            new Case(ServiceType.MENTIONS_USER_FOLLOWERS, "0.6", "link", "https://instagram.com/p/followers", "quantity", "300", "username", "carol"),
            new Case(ServiceType.MENTIONS_MEDIA_LIKERS, "0.8", "link", "https://instagram.com/p/likers", "quantity", "400",
                    "media", "https://instagram.com/p/media"),
            new Case(ServiceType.COMMENT_LIKES, "1.2", "link", "https://instagram.com/p/clikes", "quantity", "600", "username", "dave"),
            new Case(ServiceType.COMMENT_REPLIES, "0.008", "link", "https://instagram.com/p/replies", "username", "erin",
                    "comments", "a\nb\nc\nd"),
            new Case(ServiceType.POLL, "1.4", "link", "https://instagram.com/p/poll", "quantity", "700", "answer_number", "2"),
            new Case(ServiceType.INVITES_FROM_GROUPS, "1.6", "link", "https://t.me/channel", "quantity", "800",
                    "groups", "https://t.me/g1\nhttps://t.me/g2"),
            new Case(ServiceType.SEO, "1.8", "link", "https://example.com/", "quantity", "900", "keywords", "smm panel\ncheap likes"),
            new Case(ServiceType.SUBSCRIPTIONS, "0", "username", "frank", "min", "100", "max", "200", "posts", "5", "delay", "30",
                    "expiry", "31/12/2099"));

    @BeforeAll static void start() {
        panel = TestPanel.start();
        for (ServiceType t : ServiceType.values()) {
            String rate = t == ServiceType.PACKAGE ? "1.5" : t == ServiceType.CUSTOM_COMMENTS_PACKAGE ? "3" : "2";
            SERVICES.put(t, panel.service(t, rate, 1, 10_000));
        }
        browser = new Browser("http://127.0.0.1:" + panel.panel.port());
    }

    @AfterAll static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            panel.close();
        }
    }

    @Test void one_order_of_each_of_the_15_types_is_charged_what_the_form_showed_and_is_in_orders_and_api_status() {
        assertThat(CASES).extracting(Case::type).containsExactlyInAnyOrder(ServiceType.values());
        String name = "every" + System.nanoTime() % 1_000_000;
        browser.open("/signup");
        browser.type("#username", name);
        browser.type("#email", name + "@example.com");
        browser.type("#password", "correct horse battery");
        browser.submit("form[action='/signup'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        long me = panel.panel.accounts.findByName(name).orElseThrow().id();
        panel.panel.funds.deposit(new Actor.Cli("test"), me, Money.parse("100"), "test money");

        var placed = new LinkedHashMap<Long, Case>();
        for (Case c : CASES) {
            Money before = panel.panel.accounts.balance(me);
            browser.open("/?service=" + SERVICES.get(c.type()));
            for (int i = 0; i < c.fields().length; i += 2) {
                WebElement e = browser.find("[name='" + c.fields()[i] + "']");
                if (e.getTagName().equals("select")) new Select(e).selectByValue(c.fields()[i + 1]);
                else {
                    e.clear();
                    e.sendKeys(c.fields()[i + 1]);
                }
            }
            browser.waitFor().until(ExpectedConditions.textToBe(By.id("charge"), c.charge()));
            browser.submit("#place");
            assertThat(browser.path()).as(c.type().wire()).startsWith("/orders?placed=");
            long id = Long.parseLong(browser.path().replaceAll(".*placed=(\\d+).*", "$1"));
            placed.put(id, c);
            Money after = panel.panel.accounts.balance(me);
            assertThat(before.minus(after)).as("%s: balance before − after", c.type().wire()).isEqualTo(Money.parse(c.charge()));
        }
        browser.screenshots("orders-every-type");

        var charges = panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, me, 100)).stream()
                .filter(e -> e.kind() == Ledger.Kind.CHARGE).toList();
        placed.forEach((id, c) -> {
            var mine = charges.stream().filter(e -> id.equals(e.orderId())).toList();
            if (c.charge().equals("0")) assertThat(mine).as("%s: nothing charged up front", c.type().wire()).isEmpty();
            else assertThat(mine).as(c.type().wire()).singleElement()
                    .satisfies(e -> assertThat(e.amount()).isEqualTo(Money.parse(c.charge()).negate()));
        });
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("86.482"));

        browser.open("/orders");
        for (long id : placed.keySet()) assertThat(browser.present("#order-" + id)).as("order %d in /orders", id).isTrue();
        placed.forEach((id, c) -> {
            if (!c.charge().equals("0")) assertThat(browser.find("#order-" + id + " .charge").getText()).as(c.type().wire()).isEqualTo(c.charge());
        });

        browser.open("/api");
        browser.submit("#generate");
        String key = browser.find("#api-key").getText();
        var ids = String.join(",", placed.keySet().stream().map(String::valueOf).toList());
        var status = panel.call(key, "action", "status", "orders", ids);
        placed.forEach((id, c) -> {
            var one = status.path(String.valueOf(id));
            assertThat(one.has("error")).as("%s: %s", c.type().wire(), one).isFalse();
            assertThat(one.path("status").asText()).as(c.type().wire()).isNotEmpty();
            if (!c.charge().equals("0")) assertThat(one.path("charge").asText()).as(c.type().wire()).isEqualTo(c.charge());
        });
    }
}
