package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.opensmm.account.Actor;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The price list's descriptions, the new-order form's drip-feed switch and maximum, and script typed by customers
 * (a username, a ticket subject, a comment) shown as text, in real headless Chromium on 127.0.0.1.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OrderFormBrowserTest extends BrowserTest {
    static final String XSS = "<script>alert(1)</script>";
    static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
    static long followers, comments, described;

    @BeforeAll static void start() {
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        comments = panel.service(ServiceType.CUSTOM_COMMENTS, "8", 2, 1500);
        described = panel.panel.catalog.add(new Service(0, "Followers with a story", ServiceType.DEFAULT, "Described", Rate.parse("0.5"),
                10, 1000, false, false, false, 30, 0, Set.of(), true,
                "Real accounts.\nStarts within an hour " + XSS + " " + "and keeps going ".repeat(30))).id();
    }

    @BeforeEach void signedOut() { signOut("/services"); }

    private void assertNoAlert() {
        assertThatThrownBy(() -> browser.raw().switchTo().alert()).as("no alert ever opened").isInstanceOf(NoAlertPresentException.class);
    }

    @Test void the_price_list_shows_each_description_folded_under_the_name_as_text_and_within_a_phone_screen() {
        browser.open("/services?category=Described");
        var row = "tr[data-service='" + described + "'] ";
        assertThat(browser.find(row + "details.desc summary").getText()).isEqualTo("Description");
        browser.find(row + "details.desc summary").click();
        assertThat(browser.find(row + "details.desc p").getText())
                .startsWith("Real accounts.\nStarts within an hour " + XSS + " and keeps going");
        assertThat(browser.raw().getPageSource()).doesNotContain(XSS).contains("Starts within an hour " + ESCAPED);
        assertNoAlert();
        browser.open("/services?category=Test%20Default");
        assertThat(browser.present("tr[data-service='" + followers + "'] td")).isTrue();
        assertThat(browser.present("tr[data-service='" + followers + "'] details")).as("no description, no fold").isFalse();

        browser.raw().manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        try {
            browser.open("/services?category=Described");
            browser.find(row + "details.desc summary").click();
            Object wide = browser.script("arguments[arguments.length - 1](document.documentElement.scrollWidth)");
            assertThat(((Number) wide).intValue()).isLessThanOrEqualTo(380);
            assertThat(browser.find(row + "details.desc p").getRect().getWidth()).as("the text wraps to the screen").isLessThanOrEqualTo(340);
        } finally {
            browser.raw().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
        browser.screenshots("services-description");
    }

    @Test void a_drip_feed_order_placed_through_the_form_is_charged_quantity_times_runs_as_shown() {
        long me = signUp("of", "5");
        browser.open("/?service=" + followers);
        browser.type("#f-link", "https://instagram.com/p/drip");
        browser.type("#f-quantity", "100");
        browser.find("#dripfeed").click();
        browser.type("#f-runs", "4");
        browser.type("#f-interval", "30");
        // 100 × 4 runs × 0.90 per 1000
        browser.waitFor().until(ExpectedConditions.textToBe(By.id("charge"), "0.36"));
        browser.submit("#place");
        assertThat(browser.path()).startsWith("/orders?placed=");
        long id = Long.parseLong(browser.path().replaceAll(".*placed=(\\d+).*", "$1"));
        assertThat(browser.find("#order-" + id + " .charge").getText()).isEqualTo("0.36");

        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("4.64"));
        var entries = panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, me, 10));
        assertThat(entries).filteredOn(e -> e.kind() == Ledger.Kind.CHARGE)
                .extracting(e -> e.orderId() + "=" + e.amount().toWire()).containsExactly(id + "=-0.36");
        browser.open("/drip-feed");
        assertThat(browser.find("#dripfeed-" + id + " .runs").getText()).isEqualTo("0 of 4");
    }

    @Test void the_form_refuses_above_the_maximum_before_submit_and_places_nothing() {
        long me = signUp("of", "50");
        browser.open("/?service=" + followers);
        browser.type("#f-link", "https://instagram.com/p/toomany");
        browser.type("#f-quantity", "10001");
        browser.waitFor().until(ExpectedConditions.textToBe(By.cssSelector("#quote .refusal"), "The quantity can be at most 10,000."));
        browser.submit("#place");
        assertThat(browser.find("#order-error").getText()).isEqualTo("The quantity can be at most 10,000.");
        assertThat(browser.find("#f-quantity").getDomProperty("value")).as("kept to fix").isEqualTo("10001");
        assertThat(panel.panel.orders.recent(me, null, 10)).isEmpty();
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("50"));
    }

    @Test void script_as_a_username_a_ticket_subject_and_a_comment_shows_as_text() {
        // the sign-up form refuses such a name, keeping what was typed as text
        browser.open("/signup");
        browser.type("#username", XSS);
        browser.type("#email", "xss@example.com");
        browser.type("#password", CUSTOMER_PASSWORD);
        browser.submit("form[action='/signup'] button[type=submit]");
        assertThat(browser.find("p.error").getText()).startsWith("A username is 3 to 32 letters");
        assertThat(browser.find("#username").getDomProperty("value")).isEqualTo(XSS);

        // an operator may name a customer anything: the name shows as typed on every page
        String name = XSS + System.nanoTime() % 100_000;
        long me = panel.panel.accounts.create(new Actor.Cli("test"), name, Money.parse("5")).customer().id();
        panel.panel.passwords.setPassword(new Actor.Cli("test"), me, CUSTOMER_PASSWORD);
        customerSignIn(name);

        browser.open("/?service=" + comments);
        browser.type("#f-link", "https://instagram.com/p/xss");
        browser.type("#f-comments", "Nice\n" + XSS);
        browser.waitFor().until(ExpectedConditions.textToBe(By.id("charge"), "0.016"));
        browser.submit("button[name=preview]");
        assertThat(browser.find("#f-comments").getDomProperty("value")).isEqualTo("Nice\n" + XSS);
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        assertThat(browser.raw().getPageSource()).doesNotContain(XSS).contains(ESCAPED);
        browser.submit("#place");
        long order = Long.parseLong(browser.path().replaceAll(".*placed=(\\d+).*", "$1"));
        assertThat(browser.find("#order-" + order + " .charge").getText()).isEqualTo("0.016");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        assertThat(browser.raw().getPageSource()).doesNotContain(XSS).contains(ESCAPED);

        browser.open("/tickets");
        browser.type("#t-subject", XSS);
        browser.type("#t-orders", String.valueOf(order));
        browser.type("#t-message", XSS);
        browser.submit("#t-open");
        assertThat(browser.find("#ticket-subject").getText()).isEqualTo(XSS);
        // a message's markup is dropped, its words kept
        assertThat(browser.find(".thread .mine .text").getText()).endsWith("alert(1)").doesNotContain("<script");
        assertThat(browser.raw().getPageSource()).doesNotContain(XSS).contains(ESCAPED);
        browser.open("/tickets");
        assertThat(browser.find("tbody .subject").getText()).isEqualTo(XSS);
        assertThat(browser.raw().getPageSource()).doesNotContain(XSS);
        assertNoAlert();
    }
}
