package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Role;
import org.opensmm.account.Staff;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Orders;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.provider.Provider.AddErrorPolicy;
import org.opensmm.simulator.Simulator;
import org.opensmm.ticket.Tickets;
import org.opensmm.testing.TestPanel;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin tickets, reports and staff pages and the remaining order actions, in real headless Chromium against a real panel. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminOpsBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    static long service, ownerId;

    @BeforeAll static void start() {
        service = panel.service(ServiceType.DEFAULT, "1", 10, 100_000);
        ownerId = panel.panel.staff.add(new Actor.Cli("test"), "opsowner", Role.OWNER, PASSWORD).member().id();
    }

    private static long customer(String balance) { return websiteCustomer("ops", balance); }

    /** The actions the audit page lists for {@code object}, newest first, as staff see them. */
    private static List<String> auditPage(String object) {
        browser.open("/admin/audit?object=" + object);
        return browser.raw().findElements(org.openqa.selenium.By.cssSelector("#audit td.action")).stream().map(e -> e.getText()).toList();
    }

    @Test void staff_assign_answer_and_close_a_ticket_and_the_customer_reads_the_reply() {
        long me = customer("10");
        long ordered = order(me, service, 1000);
        long ticket = panel.panel.tickets.open(new Actor.Customer(me), me, "Order late", "Where is order " + ordered + "? Paid 12 days ago.").id();

        staffSignIn("opsowner", PASSWORD);
        browser.open("/admin/tickets?state=open");
        assertThat(browser.find("#ticket-" + ticket).getText()).contains("Order late", customerName(me), "Open");
        browser.screenshots("admin-tickets");
        browser.open("/admin/tickets/" + ticket);
        // the order's id links to the order; "12" is no order of theirs
        assertThat(browser.find("a.order-link").getAttribute("href")).endsWith("/admin/orders/" + ordered);
        assertThat(browser.raw().findElements(org.openqa.selenium.By.cssSelector("a.order-link"))).hasSize(1);

        new Select(browser.find("#assign-to")).selectByValue(Long.toString(ownerId));
        browser.submit("#assign");
        assertThat(browser.find("#assignee").getText()).isEqualTo("opsowner");
        browser.open("/admin/tickets?mine=1");
        assertThat(browser.present("#ticket-" + ticket)).isTrue();

        browser.open("/admin/tickets/" + ticket);
        browser.type("#message", "It is on its way: delivery started today.");
        browser.submit("#send");
        assertThat(browser.find("#done").getText()).contains("Reply sent");
        browser.submit("#close");
        assertThat(browser.find("#ticket-status").getText()).isEqualTo("Closed");
        browser.screenshots("admin-ticket");
        assertThat(auditPage("ticket:" + ticket)).containsExactly("ticket.close", "ticket.reply", "ticket.assign", "ticket.open");

        // the customer sees the answer on their ticket, and that it is closed
        signOut("/admin/login");
        customerSignIn(customerName(me));
        browser.open("/tickets/" + ticket);
        assertThat(browser.find(".thread").getText()).contains("It is on its way: delivery started today.", "opsowner");
        assertThat(browser.present("#ticket-closed")).isTrue();
        assertThat(panel.panel.tickets.messages(ticket)).hasSize(2);
    }

    @Test void a_report_shows_revenue_cost_and_profit_of_known_orders_and_its_csv_the_same_numbers() throws Exception {
        long reported = panel.service(ServiceType.DEFAULT, "2", 10, 100_000); // 2 per 1000
        long me = customer("100");
        long partial = order(me, reported, 1000), whole = order(me, reported, 1000), canceled = order(me, reported, 500);
        panel.panel.orders.applyStatus(partial, Status.PARTIAL, 0L, 250L); // 0.5 back
        panel.panel.orders.applyStatus(canceled, Status.CANCELED, null, null); // 1 back
        // what each order's provider said it charged us (StatusSync records it so)
        var rows = new Orders();
        panel.panel.db.inTransaction(tx -> {
            rows.upstreamCharged(tx, partial, Money.parse("0.75"));
            rows.upstreamCharged(tx, whole, Money.parse("1.1"));
            return null;
        });
        // revenue 2 - 0.5 + 2 + 1 - 1 = 3.5; cost 1.85; profit 1.65; 3 orders
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String label = "#" + reported + " ";

        staffSignIn("opsowner", PASSWORD);
        browser.open("/admin/reports?by=service&from=" + today + "&to=" + today);
        var line = browser.raw().findElements(org.openqa.selenium.By.cssSelector("#report tbody tr")).stream()
                .filter(r -> r.getText().startsWith(label)).findFirst().orElseThrow();
        assertThat(line.getText()).endsWith("3 3.5 1.85 1.65");
        browser.screenshots("admin-reports");
        browser.open("/admin/reports?by=customer&from=" + today + "&to=" + today);
        assertThat(browser.find("#report").getText()).contains(customerName(me) + " 3 3.5 1.85 1.65");

        String href = browser.find("#csv").getAttribute("href");
        var csv = http(href.substring(href.indexOf("/admin/")), staffCookieAndToken()[0], null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename="));
        assertThat(csv.body()).startsWith("customer,orders,revenue,cost,profit\r\n").contains("\r\n" + customerName(me) + ",3,3.5,1.85,1.65\r\n");

        // the dashboard's today is the report's today, figure for figure
        browser.open("/admin/reports?by=day&from=" + today + "&to=" + today);
        String todayLine = browser.find("#report tbody tr").getText();
        browser.open("/admin");
        assertThat(today + browser.find("#period-today").getText().replace(" " + panel.panel.config.currency(), "").substring("Today".length()))
                .isEqualTo(todayLine);

        // a bad range is said, not a stack trace
        browser.open("/admin/reports?from=tomorrow");
        assertThat(browser.find("#error").getText()).contains("yyyy-mm-dd");
    }

    @Test void a_support_member_made_by_the_owner_can_reach_neither_staff_nor_funds() throws Exception {
        long me = customer("5");
        staffSignIn("opsowner", PASSWORD);
        browser.open("/admin/staff");
        // a short password (past the browser's own check) is refused, nothing made
        String[] owner = staffCookieAndToken();
        var refused = http("/admin/staff", owner[0], "csrf=" + owner[1] + "&username=opshelper&password=short&role=support");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("at least 12 characters");
        assertThat(panel.panel.staff.findByName("opshelper")).isEmpty();
        browser.type("#username", "opshelper");
        browser.type("#password", PASSWORD);
        new Select(browser.find("#role")).selectByValue("support");
        browser.submit("#create");
        assertThat(browser.find("#done").getText()).contains("Saved");
        Staff.Member helper = panel.panel.staff.findByName("opshelper").orElseThrow();
        assertThat(helper.role()).isEqualTo(Role.SUPPORT);
        browser.screenshots("admin-staff");

        staffSignIn("opshelper", PASSWORD);
        browser.open("/admin/staff");
        assertThat(browser.find("h1").getText()).contains("Not allowed");
        String[] session = staffCookieAndToken();
        assertThat(http("/admin/staff", session[0], null).statusCode()).isEqualTo(403);
        assertThat(http("/admin/staff", session[0], "csrf=" + session[1] + "&username=sneaky&password=" + "x".repeat(20) + "&role=owner").statusCode())
                .isEqualTo(403);
        assertThat(http("/admin/staff/" + helper.id() + "/role", session[0], "csrf=" + session[1] + "&role=owner").statusCode()).isEqualTo(403);
        assertThat(http("/admin/customers/" + me + "/funds", session[0], null).statusCode()).isEqualTo(403);
        assertThat(http("/admin/customers/" + me + "/funds", session[0], "csrf=" + session[1] + "&amount=100&kind=add&reason=x").statusCode())
                .isEqualTo(403);
        assertThat(panel.panel.staff.findByName("sneaky")).isEmpty();
        assertThat(panel.panel.staff.find(helper.id()).orElseThrow().role()).isEqualTo(Role.SUPPORT);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("5"));

        staffSignIn("opsowner", PASSWORD);
        assertThat(auditPage("staff:" + helper.id())).containsExactly("staff.add");
    }

    @Test void an_admin_api_key_made_on_the_staff_page_works_until_revoked() throws Exception {
        staffSignIn("opsowner", PASSWORD);
        browser.open("/admin/staff");
        browser.submit("#new-key-" + ownerId);
        String key = browser.find("#new-key").getDomProperty("value");
        assertThat(key).isNotBlank();
        long keyId = panel.panel.staff.keys("opsowner").getLast().id();
        assertThat(adminApi(key)).isEqualTo(200);
        // shown once: the page again does not have it
        browser.open("/admin/staff");
        assertThat(browser.present("#issued")).isFalse();
        assertThat(browser.raw().getPageSource()).doesNotContain(key);

        browser.submit("#revoke-" + keyId);
        assertThat(browser.find("#done").getText()).contains("Saved");
        assertThat(adminApi(key)).isEqualTo(401);
        assertThat(auditPage("staff_key:" + keyId)).containsExactly("staff.key-revoke", "staff.key-add");
    }

    private static int adminApi(String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + panel.panel.port() + "/adminapi/v2/orders"))
                .header("X-Api-Key", key).timeout(java.time.Duration.ofSeconds(30)).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @Test void set_partial_and_cancel_and_refund_each_refund_the_customer_once() {
        long me = customer("10");
        long partial = order(me, service, 1000), first = order(me, service, 1000), second = order(me, service, 1000); // 1 each
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("7"));

        staffSignIn("opsowner", PASSWORD);
        for (int round = 0; round < 2; round++) { // the second time the order is final: other remains are refused
            browser.open("/admin/orders/" + partial);
            new Select(browser.find("#action")).selectByValue("partial");
            browser.type("#remains", round == 0 ? "400" : "300");
            browser.submit("#apply");
            assertThat(browser.find(round == 0 ? "#done" : "#failed").getText()).contains(round == 0 ? "1" : Long.toString(partial));
        }
        assertThat(browser.find("#status").getText()).contains("Partial");
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("7.4"));

        // both selected on the list; then again with the Partial one too: canceled ones stay as they are (nothing more
        // refunded), the Partial one is final and refused
        for (int round = 0; round < 2; round++) {
            browser.open("/admin/orders?user=" + customerName(me));
            browser.find("#pick-" + first).click();
            browser.find("#pick-" + second).click();
            if (round == 1) browser.find("#pick-" + partial).click();
            new Select(browser.find("#action")).selectByValue("cancel-refund");
            browser.submit("#apply");
            assertThat(browser.find("#done").getText()).contains("2");
            if (round == 1) assertThat(browser.find("#failed").getText()).endsWith(": " + partial);
        }
        assertThat(panel.panel.orders.find(partial).orElseThrow().status()).isEqualTo(Status.PARTIAL);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.parse("9.4"));
        assertThat(refunds(partial)).isEqualTo(1);
        assertThat(refunds(first)).isEqualTo(1);
        assertThat(refunds(second)).isEqualTo(1);
        assertLedgerMatchesBalance(me);
        assertThat(auditPage("order:" + partial)).containsExactly("order.set-status");
        assertThat(auditPage("order:" + first)).containsExactly("order.set-status");
    }

    @Test void the_orders_list_filters_by_service_beside_the_customer() {
        long other = panel.service(ServiceType.DEFAULT, "1", 10, 100_000);
        long me = customer("10");
        long mine = order(me, service, 1000), theirs = order(me, other, 1000);

        staffSignIn("opsowner", PASSWORD);
        browser.open("/admin/orders?user=" + customerName(me));
        assertThat(rows("#orders tbody tr")).hasSize(2);
        browser.type("#service", Long.toString(other));
        browser.submit("form[action='/admin/orders'] button[type=submit]");
        assertThat(browser.path()).contains("service=" + other).contains("user=" + customerName(me));
        assertThat(browser.present("#order-" + theirs)).isTrue();
        assertThat(browser.present("#order-" + mine)).isFalse();
        assertThat(browser.find("#service").getDomProperty("value")).isEqualTo(Long.toString(other));
        // a service id that is not a number filters nothing out, and says no error page
        browser.open("/admin/orders?user=" + customerName(me) + "&service=abc");
        assertThat(rows("#orders tbody tr")).hasSize(2);
    }

    @Test void a_manual_order_attached_at_the_chosen_provider_is_synced_from_it_to_completed() throws Exception {
        try (TestPanel wholesaler = TestPanel.start()) {
            wholesaler.simulate(Simulator.Settings.fast());
            long upstreamService = wholesaler.service(ServiceType.DEFAULT, "0.5", 10, 100_000);
            var account = wholesaler.customer("10");
            long provider = panel.panel.providers.add("Attach wholesale", wholesaler.api.toString(), account.key(), AddErrorPolicy.RETRY, 4).id();
            long me = customer("10");
            long manual = order(me, service, 1000), other = order(me, service, 1000);
            assertThat(panel.panel.orders.find(manual).orElseThrow().stage()).isEqualTo(Stage.MANUAL);
            // the operator placed it at the provider by hand
            String link = panel.panel.orders.find(manual).orElseThrow().link();
            long upstream = wholesaler.call(account.key(), "action", "add", "service", Long.toString(upstreamService), "link", link,
                    "quantity", "1000").get("order").asLong();

            staffSignIn("opsowner", PASSWORD);
            for (long id : new long[] {manual, other}) { // the second time the upstream order is ours already: refused
                browser.open("/admin/orders/" + id);
                new Select(browser.find("#action")).selectByValue("attach");
                new Select(browser.find("#attach-provider")).selectByValue(Long.toString(provider));
                browser.type("#upstream", Long.toString(upstream));
                browser.submit("#apply");
                assertThat(browser.find(id == manual ? "#done" : "#failed").getText()).contains(id == manual ? "1" : Long.toString(other));
            }
            assertThat(panel.panel.orders.find(other).orElseThrow().stage()).isEqualTo(Stage.MANUAL);

            // the workers poll the provider, which delivers it: Completed here too, no refund
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (panel.panel.orders.find(manual).orElseThrow().status() != Status.COMPLETED && System.nanoTime() < deadline) Thread.sleep(200);
            browser.open("/admin/orders/" + manual);
            assertThat(browser.find("#status").getText()).isEqualTo(Status.COMPLETED.wire());
            assertThat(browser.find("#facts").getText()).contains("Attach wholesale", Long.toString(upstream));
            // what the provider charged us, as its status reply said, beside our charge
            long cost = panel.panel.db.read(tx -> tx.count("SELECT upstream_charge FROM orders WHERE id = ?", manual));
            assertThat(cost).isPositive();
            assertThat(browser.find("#cost").getText()).startsWith(new org.opensmm.ledger.Money(cost).toWire() + " ");
            assertThat(refunds(manual)).isZero();
            assertThat(auditPage("order:" + manual)).contains("order.attach");
        }
    }

    @Test void the_tickets_list_pages_through_more_than_fifty_tickets_keeping_its_filter() {
        long me = customer("1");
        for (int i = 0; i < 55; i++) panel.panel.tickets.open(new Actor.Customer(me), me, "Question " + i, "Where is my order?");
        java.util.Set<String> all = new java.util.HashSet<>(panel.panel.db.read(tx -> tx.list("SELECT id FROM ticket WHERE status = ?",
                rs -> "ticket-" + rs.getLong(1), Tickets.State.PENDING.wire())));

        staffSignIn("opsowner", PASSWORD);
        browser.open("/admin/tickets?state=open");
        var first = rows("#tickets tbody tr");
        assertThat(first).hasSize(50);
        assertThat(browser.find("#pager").getText()).contains("Page 1 of 2");
        assertThat(browser.present("#pager a[rel=prev]")).isFalse();
        browser.submit("#pager a[rel=next]");
        assertThat(browser.path()).contains("state=open").contains("page=2");
        var second = rows("#tickets tbody tr");
        assertThat(second).hasSize(all.size() - 50).doesNotContainAnyElementsOf(first);
        var seen = new java.util.HashSet<>(first);
        seen.addAll(second);
        assertThat(seen).isEqualTo(all);
        assertThat(browser.present("#pager a[rel=next]")).isFalse();
    }

    @Test void every_admin_page_fits_a_360_pixel_screen_and_is_screenshot_at_1280_and_360() {
        long me = customer("10");
        long ordered = order(me, service, 1000);
        long ticket = panel.panel.tickets.open(new Actor.Customer(me), me, "Screenshot", "About order " + ordered).id();
        long provider = panel.panel.providers.add("Shots wholesale", "http://127.0.0.1:9/api/v2", "key", AddErrorPolicy.RETRY, 4).id();
        var pages = new java.util.LinkedHashMap<String, String>();
        for (String p : List.of("orders", "customers", "audit", "refills", "cancels", "deposits", "payment-methods", "services",
                "services/new", "providers", "settings", "tickets", "reports", "staff", "2fa")) pages.put("/admin/" + p, "admin-" + p.replace('/', '-'));
        // the dashboard: AdminDashboardBrowserTest's shots, with a provider balance on it
        pages.put("/admin/orders/" + ordered, "admin-order");
        pages.put("/admin/customers/" + me, "admin-customer");
        pages.put("/admin/customers/" + me + "/funds", "admin-funds");
        pages.put("/admin/services/" + service, "admin-service");
        pages.put("/admin/providers/" + provider, "admin-provider");
        pages.put("/admin/tickets/" + ticket, "admin-ticket");

        signOut("/admin/login");
        browser.open("/admin/login");
        fits("/admin/login", "admin-login");
        staffSignIn("opsowner", PASSWORD);
        pages.forEach(BrowserTest::fits);

        // the customer's pages README shows beside them (their width is the website's tests' to check)
        signOut("/login");
        customerSignIn(customerName(me));
        for (String[] shot : new String[][] {{"/", "new-order"}, {"/orders", "customer-orders"}}) {
            browser.open(shot[0]);
            browser.screenshots(shot[1]);
        }
    }

    /** The ids of the rows {@code css} finds on the page open now. */
    private static List<String> rows(String css) {
        return browser.raw().findElements(org.openqa.selenium.By.cssSelector(css)).stream().map(e -> e.getDomAttribute("id")).toList();
    }
}
