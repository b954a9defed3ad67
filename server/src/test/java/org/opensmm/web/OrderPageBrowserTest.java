package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.NoAlertPresentException;
import org.opensmm.account.Actor;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /orders/{id}: one order's fields, figures, refill requests and buttons, in real headless Chromium on 127.0.0.1. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OrderPageBrowserTest extends BrowserTest {
    static final String XSS = "<script>alert(1)</script>";
    static long followers, comments, poll;

    @BeforeAll static void start() {
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        comments = panel.service(ServiceType.CUSTOM_COMMENTS, "8", 2, 1500);
        poll = panel.service(ServiceType.POLL, "2", 10, 1000);
    }

    @BeforeEach void signedOut() { signOut("/services"); }

    private long add(long customer, long service, Map<String, String> fields) {
        return panel.panel.orders.add(customer, service, fields::get);
    }

    @Test void the_list_links_each_order_to_its_page_which_shows_the_types_own_fields_as_text() {
        long me = signUp("op", "10");
        long order = add(me, comments, Map.of("link", "https://instagram.com/p/c1", "comments", "Great post!\n" + XSS + "\nLove it"));
        long vote = add(me, poll, Map.of("link", "https://instagram.com/p/poll", "quantity", "100", "answer_number", "2"));
        browser.open("/orders");
        browser.submit("#order-" + order + " a.order-link");
        assertThat(browser.path()).isEqualTo("/orders/" + order);
        assertThat(browser.find("h1").getText()).isEqualTo("Order " + order);
        assertThat(browser.find("#order-link").getText()).isEqualTo("https://instagram.com/p/c1");
        assertThat(browser.find("#order-charge").getText()).isEqualTo("0.024 USD"); // 3 comments × 8 / 1000
        assertThat(browser.find("#order-quantity").getText()).isEqualTo("3");
        assertThat(browser.find("#order-status").getText()).isEqualTo("Pending");
        assertThat(browser.find("#order-start-count").getText()).isEqualTo("0");
        assertThat(browser.find("#order-remains").getText()).isEqualTo("3");
        assertThat(browser.find("#order-fields dt").getText()).isEqualTo("Comments");
        assertThat(browser.find("#field-comments").getText()).isEqualTo("Great post!\n" + XSS + "\nLove it");
        assertThat(browser.raw().getPageSource()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThatThrownBy(() -> browser.raw().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.find("#no-refills").getText()).isEqualTo("No refill requested for this order.");

        browser.open("/orders/" + vote);
        assertThat(browser.find("#order-fields dt").getText()).isEqualTo("Answer number");
        assertThat(browser.find("#field-answer_number").getText()).isEqualTo("2");
        assertThat(browser.present("#field-link")).as("the link is shown once, above").isFalse();
    }

    @Test void refill_and_cancel_work_from_the_order_page_with_the_rules_of_the_list() {
        long me = signUp("op", "20");
        long pending = add(me, followers, Map.of("link", "https://instagram.com/p/op-pending", "quantity", "100"));
        long done = add(me, followers, Map.of("link", "https://instagram.com/p/op-done", "quantity", "200"));
        panel.panel.orders.setStatus(new Actor.Cli("test"), done, Status.COMPLETED, 10L, 0L);

        browser.open("/orders/" + done);
        assertThat(browser.present("button.refill")).isTrue();
        assertThat(browser.present("button.cancel")).isFalse();
        assertThat(browser.find("#order-start-count").getText()).isEqualTo("10");
        browser.submit("button.refill");
        assertThat(browser.path()).startsWith("/orders/" + done + "?");
        assertThat(browser.find("#notice").getText()).isEqualTo("Refill of order " + done + " requested.");
        assertThat(browser.present("button.refill")).as("one refill at a time, as in the list").isFalse();
        long refill = panel.panel.refills.list(null, 100).stream().filter(r -> r.orderId() == done).findFirst().orElseThrow().id();
        assertThat(browser.find("#refill-" + refill + " .status").getText()).isEqualTo("Pending");

        browser.open("/orders/" + pending);
        assertThat(browser.present("button.refill")).isFalse();
        Money before = panel.panel.accounts.balance(me);
        browser.submit("button.cancel");
        assertThat(browser.find("#notice").getText()).isEqualTo("Cancel of order " + pending + " requested.");
        assertThat(browser.find("#order-status").getText()).isEqualTo("Canceled");
        assertThat(browser.present("button.cancel")).isFalse();
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(before.plus(Money.parse("0.09")));
        assertLedgerMatchesBalance(me);
    }

    @Test void another_customers_order_or_no_such_order_is_not_found_in_the_same_words() {
        var other = panel.customer("10");
        long theirs = panel.call(other.key(), "action", "add", "service", String.valueOf(followers), "link", "https://x.com/op-theirs",
                "quantity", "100").path("order").asLong();
        signUp("op", "5");
        browser.open("/nothing-here");
        String notFound = browser.find("h1").getText();
        assertThat(notFound).isEqualTo("Not found");
        for (String path : new String[] {"/orders/" + theirs, "/orders/999999999", "/orders/abc", "/orders/0"}) {
            browser.open(path);
            assertThat(browser.find("h1").getText()).as(path).isEqualTo(notFound);
            assertThat(browser.raw().getPageSource()).as(path).doesNotContain("op-theirs");
        }
    }

    @Test void signed_out_the_order_page_asks_to_sign_in_first() {
        browser.open("/orders/12");
        assertThat(browser.path()).isEqualTo("/login?next=/orders/12");
    }

    @Test void the_order_page_fits_a_phone_and_a_desktop() {
        long me = signUp("op", "10");
        long order = add(me, comments, Map.of("link", "https://instagram.com/p/" + "long".repeat(40),
                "comments", "A comment that is rather long, to see it wrap at 360 pixels " + "x".repeat(80) + "\nShort one"));
        panel.panel.orders.setStatus(new Actor.Cli("test"), order, Status.COMPLETED, 5L, 0L);
        fits("/orders/" + order, "order-detail");
    }
}
