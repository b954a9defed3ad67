package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.fulfil.Fulfilment;
import org.opensmm.fulfil.Upstreams;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.payment.MethodSettings;
import org.opensmm.provider.Provider;
import org.opensmm.testing.TestPanel;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * The admin order page's history of states as the engine moves an order through a real upstream panel, refusals of the
 * account, payment and order features in the bundle's words, and times in the staff member's own time zone: real
 * headless Chromium against real panels on loopback.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminHistoryBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    private static final Actor CLI = new Actor.Cli("test");
    private static TestPanel wholesaler;
    private static Fulfilment engine;
    private static long forwarded, manual;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        wholesaler.service(ServiceType.DEFAULT, "1", 10, 100_000); // manual there: the test moves its orders by hand
        Provider p = Upstreams.provider(panel, wholesaler, wholesaler.customer("100"), Provider.AddErrorPolicy.RETRY);
        forwarded = Upstreams.resell(panel, p, "25").get(ServiceType.DEFAULT);
        manual = panel.service(ServiceType.DEFAULT, "1", 10, 100_000);
        engine = Upstreams.fastEngine(panel, Duration.ofSeconds(5), Clock.systemUTC());
        panel.panel.staff.add(CLI, "historian", Role.OWNER, PASSWORD);
        panel.panel.staff.add(CLI, "tokyo", Role.OWNER, PASSWORD);
    }

    @AfterAll static void stop() {
        if (engine != null) engine.close();
        if (wholesaler != null) wholesaler.close();
    }

    private static Order order(long id) { return panel.panel.orders.find(id).orElseThrow(); }

    /** The history table's rows as staff read them, oldest first. */
    private static List<String> history(long order) {
        browser.open("/admin/orders/" + order);
        return browser.raw().findElements(By.cssSelector("#history tbody tr")).stream().map(e -> e.getText()).toList();
    }

    @Test void an_order_sent_upstream_progressed_and_completed_shows_each_move_in_order() {
        long me = websiteCustomer("hist", "100");
        long id = order(me, forwarded, 1000);
        await("order sent upstream", () -> order(id).stage() == Stage.SENT);
        long upstream = Long.parseLong(order(id).externalId());

        wholesaler.panel.orders.applyStatus(upstream, Status.IN_PROGRESS, 40L, 600L);
        await("In progress synced", () -> order(id).status() == Status.IN_PROGRESS);
        wholesaler.panel.orders.applyStatus(upstream, Status.COMPLETED, null, 0L);
        await("Completed synced", () -> order(id).stage() == Stage.DONE);

        staffSignIn("historian", PASSWORD);
        List<String> rows = history(id);
        assertThat(rows).as(String.join("\n", rows)).satisfiesExactly(
                r -> assertThat(r).contains("Customer", "Placed (Pending)"),
                r -> assertThat(r).contains("Fulfilment engine", "Stage NEW → SENDING"),
                r -> assertThat(r).contains("Fulfilment engine", "Stage SENDING → SENT", Long.toString(upstream)),
                r -> assertThat(r).contains("Status sync", "Status Pending → In progress"),
                r -> assertThat(r).contains("Status sync", "Status In progress → Completed"),
                r -> assertThat(r).contains("Status sync", "Stage SENT → DONE"));
        fits("/admin/orders/" + id, "admin-order-history");

        // the history is append-only, whoever connects
        long events = panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM order_event WHERE order_id = ?", id));
        assertThat(events).isEqualTo(5);
        try {
            panel.panel.db.inTransaction(tx -> tx.update("DELETE FROM order_event WHERE order_id = ?", id));
            throw new AssertionError("an event was deleted");
        } catch (RuntimeException refused) {
            assertThat(refused).hasStackTraceContaining("append-only");
        }
    }

    @Test void a_canceled_manual_order_shows_the_staff_action_with_its_refund_beside_the_audit_row() {
        long me = websiteCustomer("hist", "10");
        long id = order(me, manual, 1000);
        staffSignIn("historian", PASSWORD);
        browser.open("/admin/orders/" + id);
        new Select(browser.find("#action")).selectByValue("cancel-refund");
        browser.submit("#apply");
        assertThat(order(id).status()).isEqualTo(Status.CANCELED);
        List<String> rows = history(id);
        assertThat(rows).as(String.join("\n", rows)).satisfiesExactly(
                r -> assertThat(r).contains("Placed (Pending)"),
                r -> assertThat(r).contains("Staff", "Status Pending → Canceled"),
                r -> assertThat(r).contains("Staff", "Refunded", "1"),
                r -> assertThat(r).contains("order.set-status"));
        assertLedgerMatchesBalance(me);
    }

    @Test void refusals_of_the_account_payment_and_order_features_are_worded_from_the_bundle() throws Exception {
        staffSignIn("historian", PASSWORD);
        Messages words = Messages.of(Locale.ENGLISH);

        // account: a username of digits only
        browser.open("/admin/customers");
        browser.type("#new-username", "12345");
        browser.submit("#create-submit");
        assertThat(browser.find("#error").getText()).isEqualTo(words.get("refused.customer_name"));

        // account: a deduction past the balance
        long poor = websiteCustomer("hist", "1");
        browser.open("/admin/customers/" + poor + "/funds");
        browser.find("#kind-deduct").click();
        browser.type("#amount", "5");
        browser.type("#reason", "chargeback");
        browser.submit("#move");
        assertThat(browser.find("#funds-error").getText()).isEqualTo(words.get("refused.funds_below_zero"));
        assertThat(panel.panel.accounts.balance(poor)).isEqualTo(Money.parse("1"));

        // payment: a corrected amount without a reason
        panel.panel.deposits.configure(CLI, new MethodSettings("manual", true, "Bank transfer", "IBAN DE00 0000", Money.parse("1"),
                Money.parse("1000"), BigDecimal.ZERO, BigDecimal.ZERO));
        long payer = websiteCustomer("hist", "0");
        long deposit = panel.panel.deposits.declare(new Actor.Customer(payer), "manual", Money.parse("25"), "WIRE-" + payer, "").id();
        browser.open("/admin/deposits");
        browser.type("#amount-" + deposit, "20");
        browser.submit("#approve-" + deposit);
        assertThat(browser.find("#error-" + deposit).getText()).isEqualTo(words.get("payment.reason_required"));

        // order: a new link for an order that is already final
        long me = websiteCustomer("hist", "10");
        long id = order(me, manual, 1000);
        panel.panel.orders.applyStatus(id, Status.COMPLETED, null, 0L);
        browser.open("/admin/orders/" + id);
        new Select(browser.find("#action")).selectByValue("link");
        browser.type("#new-link", "https://example.com/elsewhere");
        browser.submit("#apply");
        assertThat(browser.find("#why").getText()).isEqualTo(words.get("refused.order_final"));
        // words come from the bundle only: a key typed into the address is not shown
        browser.open("/admin/orders/" + id + "?failed=" + id + "&why=admin.title.orders");
        assertThat(browser.present("#why")).isFalse();
    }

    @Test void a_staff_member_in_tokyo_sees_order_times_in_tokyo_time() {
        long me = websiteCustomer("hist", "10");
        long id = order(me, manual, 1000);
        Instant placed = Instant.ofEpochMilli(order(id).createdAt());
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm zzz", Locale.ENGLISH);

        staffSignIn("tokyo", PASSWORD);
        browser.open("/admin/orders/" + id);
        assertThat(browser.find("#facts").getText()).contains(shown.withZone(ZoneId.of("UTC")).format(placed));

        browser.open("/admin/2fa");
        browser.type("#timezone", "Mars/Olympus");
        browser.submit("#save-timezone");
        assertThat(browser.find("#timezone-error").getText()).isEqualTo(Messages.of(Locale.ENGLISH).get("refused.timezone"));
        browser.type("#timezone", "Asia/Tokyo");
        browser.submit("#save-timezone");
        assertThat(browser.find("#timezone-done").isDisplayed()).isTrue();
        fits("/admin/2fa", "admin-own-timezone");

        String tokyo = shown.withZone(ZoneId.of("Asia/Tokyo")).format(placed);
        assertThat(tokyo).endsWith("JST");
        browser.open("/admin/orders/" + id);
        assertThat(browser.find("#facts").getText()).contains(tokyo);
        browser.open("/admin/orders?user=" + customerName(me));
        assertThat(browser.find("main").getText()).contains(tokyo);

        // another member still reads UTC
        staffSignIn("historian", PASSWORD);
        browser.open("/admin/orders/" + id);
        assertThat(browser.find("#facts").getText()).contains(shown.withZone(ZoneId.of("UTC")).format(placed)).doesNotContain("JST");
    }
}
