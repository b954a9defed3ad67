package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.opensmm.account.Actor;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;
import org.opensmm.ticket.Tickets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /massorder, /transactions, /refill, /subscriptions, /drip-feed and /tickets in real headless Chromium, on 127.0.0.1. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CustomerPagesBrowserTest extends BrowserTest {
    static final String XSS = "<script>alert(1)</script>";
    private static final Messages WORDS = new Messages(Locale.ENGLISH);
    static long followers, autoLikes;

    @BeforeAll static void start() {
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        autoLikes = panel.service(ServiceType.SUBSCRIPTIONS, "1.10", 50, 5000);
    }

    @BeforeEach void signedOut() { signOut("/services"); }

    /** Signs a new person up through the form, gives them money, and leaves them signed in; their customer id. */
    private long signUp(String balance) { return signUp("cp", balance); }

    private long add(long customer, long service, Map<String, String> fields) {
        return panel.panel.orders.add(customer, service, fields::get);
    }

    @Test void times_are_shown_in_the_customers_time_zone_with_the_zone_named() {
        long me = signUp("10");
        long order = add(me, followers, Map.of("link", "https://instagram.com/p/tz", "quantity", "100"));
        long placed = panel.panel.db.read(tx -> tx.count("SELECT created_at FROM orders WHERE id = ?", order));
        var at = java.time.Instant.ofEpochMilli(placed);
        var minute = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
        browser.open("/orders");
        assertThat(browser.find("#order-" + order + " td:nth-child(2)").getText())
                .isEqualTo(minute.withZone(java.time.ZoneOffset.UTC).format(at) + " UTC");

        browser.open("/account");
        browser.type("#timezone", "Asia/Tokyo");
        browser.submit("form[action='/account/preferences'] button[type=submit]");
        String tokyo = minute.withZone(java.time.ZoneId.of("Asia/Tokyo")).format(at) + " JST"; // nine hours on, no summer time
        browser.open("/orders");
        assertThat(browser.find("#order-" + order + " td:nth-child(2)").getText()).isEqualTo(tokyo);
        browser.open("/transactions");
        assertThat(browser.find("table.transactions tbody tr:first-child td:first-child").getText()).as("its charge").isEqualTo(tokyo);
    }

    @Test void a_mass_order_places_the_good_lines_charges_only_them_and_tells_each_bad_line_why() {
        long me = signUp("10");
        browser.open("/massorder");
        browser.type("#mass-orders", String.join("\n",
                followers + " | https://instagram.com/p/m1 | 1000",
                followers + " | https://instagram.com/p/m2 | 10",
                "99999 | https://instagram.com/p/m3 | 100",
                "just some words",
                "",
                followers + " | https://instagram.com/p/m4 | 200",
                followers + " | https://instagram.com/p/" + XSS + " | 100000"));
        browser.submit("#mass-place");
        assertThat(browser.find("#mass-result").getText()).isEqualTo("2 placed, 4 not placed");
        assertThat(browser.find("#line-2 .error").getText()).isEqualTo("The quantity must be at least 50.");
        assertThat(browser.find("#line-3 .error").getText()).isEqualTo(WORDS.get("refusal.incorrect_service_id"));
        assertThat(browser.find("#line-4 .error").getText()).isEqualTo(WORDS.get("massorder.format"));
        assertThat(browser.present("#line-5")).as("a blank line is skipped").isFalse();
        assertThat(browser.find("#line-7 .error").getText()).isEqualTo("The quantity can be at most 10,000.");
        assertThat(browser.find("#line-7 code").getText()).contains(XSS);

        var placed = panel.panel.orders.recent(me, null, 10);
        assertThat(placed).hasSize(2);
        assertThat(browser.find("#line-1 .notice").getText()).isEqualTo("Order " + placed.get(1).id() + " placed.");
        assertThat(browser.find("#line-6 .notice").getText()).isEqualTo("Order " + placed.get(0).id() + " placed.");
        // 1000 × 0.90/1000 + 200 × 0.90/1000: only the two good lines are charged
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("8.92"));
        assertThat(browser.find("#balance").getText()).isEqualTo("8.92 USD");
        assertThatThrownBy(() -> browser.raw().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        browser.open("/massorder");
        browser.screenshots("massorder");
    }

    @Test void when_the_money_runs_out_the_remaining_lines_are_refused_in_words_and_nothing_goes_below_zero() {
        long me = signUp("1");
        browser.open("/massorder");
        browser.type("#mass-orders", String.join("\n",
                followers + " | https://instagram.com/p/f1 | 1000",
                followers + " | https://instagram.com/p/f2 | 1000",
                followers + " | https://instagram.com/p/f3 | 100"));
        browser.submit("#mass-place");
        assertThat(browser.find("#mass-result").getText()).isEqualTo("2 placed, 1 not placed");
        assertThat(browser.find("#line-2 .error").getText()).isEqualTo("Your balance is too low for this order.");
        assertThat(browser.present("#line-3 .notice")).isTrue();
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("0.01"));
        // the text stays in the box, to fix and send again
        assertThat(browser.find("#mass-orders").getAttribute("value")).contains("https://instagram.com/p/f2");
    }

    @Test void transactions_page_on_with_the_running_balance_carried_across_pages() {
        long me = signUp("0");
        for (int i = 1; i <= 30; i++) panel.panel.funds.deposit(new Actor.Cli("test"), me, Money.parse("1"), "test " + i);
        browser.open("/transactions");
        assertThat(browser.raw().findElements(By.cssSelector("table.transactions tbody tr"))).hasSize(HistoryPages.PAGE_SIZE);
        assertThat(browser.find("table.transactions tbody tr:first-child .after").getText()).isEqualTo("30");
        browser.submit("a[rel=next]");
        var rows = browser.raw().findElements(By.cssSelector("table.transactions tbody tr"));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).findElement(By.cssSelector(".after")).getText()).isEqualTo("5");
        assertThat(rows.get(4).findElement(By.cssSelector(".after")).getText()).isEqualTo("1");
        assertThat(browser.present("a[rel=next]")).isFalse();
        assertThat(browser.present("a[rel=prev]")).isTrue();
    }

    @Test void transactions_show_the_ledger_newest_first_with_the_balance_after_each_entry() {
        long me = signUp("10");
        long a = add(me, followers, Map.of("link", "https://instagram.com/p/t1", "quantity", "1000"));
        long b = add(me, followers, Map.of("link", "https://instagram.com/p/t2", "quantity", "500"));
        panel.panel.orders.cancel(me, b);
        browser.open("/transactions");
        var entries = panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, me, 100));
        assertThat(entries).hasSize(4);
        var rows = browser.raw().findElements(By.cssSelector("table.transactions tbody tr"));
        assertThat(rows).hasSize(4);
        Money after = panel.panel.accounts.balance(me);
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            assertThat(rows.get(i).getAttribute("id")).isEqualTo("entry-" + e.id());
            String amount = rows.get(i).findElement(By.cssSelector(".amount")).getText();
            assertThat(amount).isEqualTo((e.amount().isNegative() ? "" : "+") + e.amount().toWire());
            assertThat(rows.get(i).findElement(By.cssSelector(".after")).getText()).isEqualTo(after.toWire());
            after = after.minus(e.amount());
        }
        assertThat(after).as("the oldest entry starts from zero").isEqualTo(Money.ZERO);
        assertThat(rows.get(0).findElement(By.cssSelector(".what")).getText()).isEqualTo("Refund of order " + b);
        assertThat(rows.get(2).findElement(By.cssSelector(".what")).getText()).isEqualTo("Order " + a);
        assertThat(rows.get(3).findElement(By.cssSelector(".what")).getText()).isEqualTo("Funds added");
        assertThat(rows.get(0).findElement(By.cssSelector(".after")).getText()).isEqualTo("9.1");
        browser.screenshots("transactions");
    }

    @Test void a_refill_request_shows_on_the_refill_page_with_its_status() {
        long me = signUp("5");
        browser.open("/refill");
        assertThat(browser.present("#no-refills")).isTrue();
        long order = add(me, followers, Map.of("link", "https://instagram.com/p/r1", "quantity", "100"));
        panel.panel.orders.setStatus(new Actor.Cli("test"), order, Status.COMPLETED, 10L, 0L);
        long refill = panel.panel.refills.request(me, order);
        browser.open("/refill");
        assertThat(browser.find("#refill-" + refill + " .order").getText()).isEqualTo(String.valueOf(order));
        assertThat(browser.find("#refill-" + refill + " .status").getText()).isEqualTo("Pending");
        panel.panel.refills.resolve(refill, org.opensmm.order.Refills.State.COMPLETED);
        browser.open("/refill");
        assertThat(browser.find("#refill-" + refill + " .status").getText()).isEqualTo("Completed");
        browser.screenshots("refill");
    }

    @Test void subscriptions_show_posts_and_expiry_with_cancel_and_drip_feed_shows_runs() {
        long me = signUp("20");
        long sub = add(me, autoLikes, Map.of("username", "someone", "min", "100", "max", "200", "posts", "5", "delay", "30",
                "expiry", "31/12/2099"));
        panel.panel.orders.setStatus(new Actor.Cli("test"), sub, Status.ACTIVE, 0L, null);
        panel.panel.subscriptions.post(sub, 150);
        long drip = add(me, followers, Map.of("link", "https://instagram.com/p/d1", "quantity", "100", "runs", "4", "interval", "30"));
        browser.open("/subscriptions");
        assertThat(browser.find("#subscription-" + sub + " .posts").getText()).isEqualTo("1 of 5");
        assertThat(browser.find("#subscription-" + sub + " .expiry").getText()).isEqualTo("31/12/2099");
        assertThat(browser.find("#subscription-" + sub + " .charge").getText()).isEqualTo("0.165");
        assertThat(browser.present("#subscription-" + sub + " button.cancel")).isTrue();
        browser.screenshots("subscriptions");
        browser.open("/drip-feed");
        assertThat(browser.find("#dripfeed-" + drip + " .runs").getText()).isEqualTo("0 of 4");
        assertThat(browser.present("#dripfeed-" + sub)).isFalse();
        browser.screenshots("drip-feed");
        browser.open("/subscriptions");
        browser.submit("#subscription-" + sub + " button.cancel");
        assertThat(browser.find("#notice").getText()).isEqualTo("Cancel of order " + sub + " requested.");
        assertThat(browser.path()).startsWith("/subscriptions?");
        assertThat(browser.present("#subscription-" + sub + " button.cancel")).as("asked once").isFalse();
    }

    @Test void a_ticket_is_opened_answered_by_staff_and_answered_back_and_script_shows_as_text() {
        long me = signUp("5");
        long order = add(me, followers, Map.of("link", "https://instagram.com/p/k1", "quantity", "100"));
        var other = panel.customer("5");
        long theirs = panel.call(other.key(), "action", "add", "service", String.valueOf(followers), "link", "https://x.com/theirs",
                "quantity", "100").path("order").asLong();
        browser.open("/tickets");
        assertThat(browser.present("#no-tickets")).isTrue();
        browser.type("#t-subject", "Help " + XSS);
        browser.type("#t-orders", String.valueOf(theirs));
        browser.type("#t-message", "Where is it? " + XSS);
        browser.submit("#t-open");
        assertThat(browser.find("#ticket-error").getText()).isEqualTo("Order " + theirs + " not found.");
        assertThat(panel.panel.tickets.ofCustomer(me, 10)).isEmpty();
        assertThat(browser.find("#t-subject").getAttribute("value")).isEqualTo("Help " + XSS);

        browser.type("#t-orders", String.valueOf(order));
        browser.submit("#t-open");
        long id = Long.parseLong(browser.path().replaceAll("/tickets/(\\d+).*", "$1"));
        assertThat(browser.find("#notice").getText()).isEqualTo("Ticket " + id + " opened. We will answer here.");
        assertThat(browser.find("#ticket-subject").getText()).isEqualTo("Help " + XSS);
        assertThat(browser.find(".thread .mine .text").getText()).startsWith("Orders: " + order).contains("Where is it?");
        assertThat(browser.raw().getPageSource()).doesNotContain(XSS).contains("Help &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(browser.find("#ticket-status").getText()).isEqualTo("Waiting for support");

        panel.panel.tickets.reply(new Actor.Cli("test"), id, "It is on its way <b>today</b> & " + XSS, "Ann");
        browser.open("/tickets/" + id);
        assertThat(browser.find(".thread .staff .text").getText()).isEqualTo("It is on its way today & alert(1)");
        assertThat(browser.find(".thread .staff .who").getText()).contains("Support (Ann)");
        assertThat(browser.find("#ticket-status").getText()).isEqualTo("Answered");
        browser.screenshots("ticket");

        browser.type("#t-answer", "Thanks!\nSecond line");
        browser.submit("#t-send");
        assertThat(browser.find("#notice").getText()).isEqualTo("Your answer was sent.");
        assertThat(browser.raw().findElements(By.cssSelector(".thread li"))).hasSize(3);
        assertThat(panel.panel.tickets.find(id).orElseThrow().status()).isEqualTo(Tickets.State.PENDING);
        assertThatThrownBy(() -> browser.raw().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        browser.open("/tickets");
        assertThat(browser.find("#ticket-" + id + " .subject").getText()).isEqualTo("Help " + XSS);
        browser.screenshots("tickets");

        // another customer's ticket is not found
        var theirTicket = panel.panel.tickets.open(new Actor.Cli("test"), other.id(), "Theirs", "private");
        browser.open("/tickets/" + theirTicket.id());
        assertThat(browser.raw().getPageSource()).doesNotContain("private").doesNotContain("Theirs");
        assertThat(browser.find("h1").getText()).isEqualTo(WORDS.get("error.not_found"));
    }

    @Test void the_api_page_documents_every_action_the_api_serves_every_type_and_every_error_text() throws Exception {
        signUp("0");
        browser.open("/api");
        // the actions ApiV2 answers are those of its switch: the page lists exactly them
        String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/org/opensmm/api/ApiV2.java"));
        var served = new ArrayList<String>();
        var m = java.util.regex.Pattern.compile("case \"([a-z_]+)\" ->").matcher(source);
        while (m.find()) served.add(m.group(1));
        assertThat(served).isNotEmpty();
        var shown = browser.raw().findElements(By.cssSelector("#api-actions h3")).stream().map(e -> e.getAttribute("id").substring(7)).toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(served);
        assertThat(browser.find("#type-Subscriptions .fields").getText()).contains("username", "min", "max", "delay", "expiry (optional)");
        assertThat(browser.find("#type-Default .fields").getText()).contains("link", "quantity", "runs and interval");
        assertThat(browser.raw().findElements(By.cssSelector("#api-types tbody tr"))).hasSize(ServiceType.values().length);
        String errors = browser.find("#api-errors").getText();
        for (var f : org.opensmm.core.Reason.Fixed.values()) assertThat(errors).contains(org.opensmm.api.ErrorText.of(f));
        assertThat(errors).contains("Invalid API key", "Quantity less than minimal 50");
        // the example replies are the shapes API v2 sends
        var key = panel.customer("3");
        assertThat(panel.call(key.key(), "action", "balance").fieldNames()).toIterable().containsExactly("balance", "currency");
        browser.screenshots("api");
    }

    @Test void a_mass_order_or_a_ticket_posted_without_the_csrf_token_changes_nothing() {
        long me = signUp("5");
        browser.open("/massorder");
        String before = panel.snapshot();
        String post = """
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: arguments[1]})
                  .then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('failed ' + e));""";
        Object mass = browser.script(post, "/massorder", "orders=" + followers + "%20%7C%20https%3A%2F%2Fx.com%2Fp%20%7C%20100");
        Object ticket = browser.script(post, "/tickets", "subject=hi&message=hello&csrf=wrong");
        assertThat(List.of(mass, ticket)).allSatisfy(r -> assertThat(r.toString()).startsWith("403 "));
        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(panel.panel.orders.recent(me, null, 10)).isEmpty();
        assertThat(panel.panel.tickets.ofCustomer(me, 10)).isEmpty();
    }

    @Test void the_new_pages_fit_a_360_pixel_screen() {
        var shots = new ArrayList<String>();
        browser.open("/reset-password");
        browser.screenshots("reset-password");
        shots.add("reset-password");
        long me = signUp("5");
        browser.open("/addfunds");
        browser.screenshots("addfunds");
        shots.add("addfunds");
        for (String page : List.of("/massorder", "/transactions", "/refill", "/subscriptions", "/drip-feed", "/tickets")) {
            browser.open(page);
            String name = "empty-" + page.substring(1);
            browser.screenshots(name);
            shots.add(name);
        }
        for (String s : shots) assertThat(Browser.SCREENSHOTS.resolve(s + "-360.png")).exists();
        // with an order of a long link on it, every page a customer sees fits a phone
        add(me, followers, Map.of("link", "https://example.com/" + "a-very-long-path-segment-".repeat(6), "quantity", "100"));
        for (String page : List.of("/", "/services", "/orders", "/massorder", "/transactions", "/refill", "/subscriptions",
                "/drip-feed", "/tickets", "/api", "/account", "/addfunds")) {
            fits(page, "fits" + page.replace('/', '-'));
        }
    }
}
