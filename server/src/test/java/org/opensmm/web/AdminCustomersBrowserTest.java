package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.payment.MethodSettings;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin customers pages (create, edit, API key, custom rates, tickets) and the dashboard's deposits waiting, in real
 * headless Chromium against a real panel, signed in as staff.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminCustomersBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    static long service;

    @BeforeAll static void start() {
        service = panel.service(ServiceType.DEFAULT, "1.5", 10, 100_000);
        var cli = new Actor.Cli("test");
        panel.panel.staff.add(cli, "custowner", Role.OWNER, PASSWORD);
        panel.panel.deposits.configure(cli, new MethodSettings("manual", true, "Bank transfer", "IBAN DE00 0000", Money.parse("1"),
                Money.parse("1000"), BigDecimal.ZERO, BigDecimal.ZERO));
    }

    @BeforeEach void signedIn() { staffSignIn("custowner", PASSWORD); }

    private static String unique(String prefix) { return prefix + System.nanoTime() % 10_000_000; }

    /** The audit actions recorded on {@code customer:id}, newest first. */
    private static List<String> audited(long customer) {
        return Audit.list(panel.panel.db, null, "customer:" + customer, 50).stream().map(Audit.Entry::action).toList();
    }

    @Test void staff_create_a_customer_with_an_email_and_no_money_and_see_the_key_once() {
        String name = unique("made");
        browser.open("/admin/customers");
        browser.type("#new-username", name);
        browser.type("#new-email", name + "@Example.com");
        browser.submit("#create-submit");

        var made = panel.panel.accounts.findByName(name).orElseThrow();
        assertThat(browser.find("#done").getText()).contains("created");
        assertThat(browser.find("#email").getText()).isEqualTo(name + "@example.com");
        String key = browser.find("#new-key").getDomProperty("value");
        assertThat(panel.panel.accounts.caller(key)).hasValue(made.id());
        assertThat(made.balance()).isEqualTo(Money.ZERO);
        assertThat(audited(made.id())).containsExactly("customer.create");

        browser.open("/admin/customers/" + made.id()); // shown once: not on the page again
        assertThat(browser.present("#new-key")).isFalse();
        browser.open("/admin/customers?email=" + name + "%40EXAMPLE.com");
        assertThat(browser.find("#customer-" + made.id()).getText()).contains(name);
    }

    @Test void a_name_of_digits_or_a_taken_email_is_refused_and_nothing_is_created() {
        String name = unique("dup");
        long taken = panel.panel.accounts.create(new Actor.Cli("test"), name, name + "@example.com").customer().id();
        long before = panel.panel.accounts.list().size();

        browser.open("/admin/customers");
        browser.type("#new-username", "12345");
        browser.submit("#create-submit");
        assertThat(browser.find("#error").getText()).contains("not only digits");
        browser.type("#new-username", unique("other"));
        browser.type("#new-email", name.toUpperCase() + "@example.com");
        browser.submit("#create-submit");
        assertThat(browser.find("#error").getText()).contains("Another customer has this email");
        assertThat(panel.panel.accounts.list()).hasSize((int) before);
        assertThat(audited(taken)).containsExactly("customer.create");
    }

    @Test void staff_edit_the_username_and_email_and_the_audit_log_keeps_before_and_after() {
        String name = unique("edit");
        long id = panel.panel.accounts.create(new Actor.Cli("test"), name, (String) null).customer().id();
        String other = unique("taken");
        panel.panel.accounts.create(new Actor.Cli("test"), other, other + "@example.com");

        browser.open("/admin/customers/" + id);
        browser.type("#edit-email", other + "@example.com");
        browser.submit("#save");
        assertThat(browser.find("#error").getText()).contains("Another customer has this email");
        assertThat(browser.find("#email").getText()).isEqualTo("-");

        browser.type("#username", name + "x");
        browser.type("#edit-email", name + "@example.com");
        browser.submit("#save");
        assertThat(browser.find("#done").getText()).contains("saved");
        assertThat(browser.find("h1").getText()).contains(name + "x");
        assertThat(browser.find("#email").getText()).isEqualTo(name + "@example.com");
        assertThat(panel.panel.accounts.find(id).orElseThrow().name()).isEqualTo(name + "x");
        var edit = Audit.list(panel.panel.db, null, "customer:" + id, 1).getFirst();
        assertThat(edit.action()).isEqualTo("customer.edit");
        assertThat(edit.before()).contains("\"name\":\"" + name + "\"", "\"email\":null");
        assertThat(edit.after()).contains("\"name\":\"" + name + "x\"", name + "@example.com");
    }

    @Test void resetting_the_api_key_stops_the_old_key_and_shows_the_new_one_once() {
        var c = panel.customer("1");
        browser.open("/admin/customers/" + c.id());
        browser.submit("#reset-key");
        String key = browser.find("#new-key").getDomProperty("value");
        assertThat(key).isNotEqualTo(c.key());
        assertThat(panel.panel.accounts.caller(c.key())).isEmpty();
        assertThat(panel.panel.accounts.caller(key)).hasValue(c.id());
        assertThat(panel.call(key, "action", "balance").get("balance").asText()).isEqualTo("1");
        assertThat(audited(c.id())).first().isEqualTo("customer.key");
        browser.open("/admin/customers/" + c.id());
        assertThat(browser.present("#new-key")).isFalse();
    }

    @Test void staff_set_and_remove_a_custom_rate_and_the_customer_pays_it() {
        var c = panel.customer("10");
        browser.open("/admin/customers/" + c.id());
        new Select(browser.find("#rate-service")).selectByValue(Long.toString(service));
        browser.type("#rate", "0.9x");
        browser.submit("#set-rate-submit");
        assertThat(browser.find("#error").getText()).contains("at most 5 decimals");
        assertThat(panel.panel.catalog.customRates(c.id())).isEmpty();

        new Select(browser.find("#rate-service")).selectByValue(Long.toString(service));
        browser.type("#rate", "0.90");
        browser.submit("#set-rate-submit");
        assertThat(browser.find("#rate-" + service).getText()).contains("1.5", "0.90");
        // an order of 1000 now costs the custom 0.90, not the list 1.5
        panel.call(c.key(), "action", "add", "service", Long.toString(service), "link", "https://example.com/r", "quantity", "1000");
        assertThat(panel.balance(c)).isEqualTo(Money.parse("9.1"));

        browser.submit("#remove-rate-" + service);
        assertThat(browser.find("#done").getText()).contains("list rate");
        assertThat(browser.present("#rate-" + service)).isFalse();
        assertThat(panel.panel.catalog.customRates(c.id())).isEmpty();
        assertThat(Audit.list(panel.panel.db, "staff:" + staffId(), "service:" + service, 10).stream().map(Audit.Entry::action))
                .containsExactly("service.custom-rate", "service.custom-rate");
    }

    @Test void the_customer_page_lists_their_tickets_linking_to_each() {
        var c = panel.customer("1");
        long ticket = panel.panel.tickets.open(new Actor.Customer(c.id()), c.id(), "Refill please", "Order 1 dropped.").id();
        browser.open("/admin/customers/" + c.id());
        assertThat(browser.find("#ticket-" + ticket).getText()).contains("Refill please", "pending");
        browser.find("#ticket-" + ticket + " a").click();
        browser.waitFor().until(d -> browser.path().equals("/admin/tickets/" + ticket));
        assertThat(browser.find("h1").getText()).contains("Refill please");
    }

    @Test void the_dashboard_counts_the_manual_deposits_waiting_and_links_to_the_queue() {
        long waiting = panel.panel.db.read(org.opensmm.payment.Deposits::waiting);
        var c = panel.customer("0");
        panel.panel.deposits.declare(new Actor.Customer(c.id()), "manual", Money.parse("5"), "TRX-" + c.id(), "");
        browser.open("/admin");
        assertThat(browser.find("#deposits-waiting").getText()).isEqualTo(Long.toString(waiting + 1));
        browser.find("#deposits-waiting a").click();
        browser.waitFor().until(d -> browser.path().equals("/admin/deposits"));
    }

    private static long staffId() { return panel.panel.staff.list().stream().filter(m -> m.username().equals("custowner")).findFirst().orElseThrow().id(); }
}
