package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.CancelState;
import org.opensmm.order.Refills;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** /admin/refills and /admin/cancels in real headless Chromium: a support member answers a customer's requests. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class QueuePagesBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    static long service, supportId;

    @BeforeAll static void start() {
        service = panel.service(ServiceType.DEFAULT, "1", 10, 100_000, true, true);
        supportId = panel.panel.staff.add(new Actor.Cli("test"), "queues1", Role.SUPPORT, PASSWORD).member().id();
    }

    private long order(TestPanel.Customer c) {
        return panel.call(c.key(), "action", "add", "service", Long.toString(service), "link", "https://example.com/q/" + System.nanoTime(),
                "quantity", "1000").get("order").asLong();
    }

    @Test void a_support_member_completes_a_refill_request_and_accepts_and_rejects_cancel_requests() {
        var c = panel.customer("10");
        long delivered = order(c);
        panel.panel.orders.applyStatus(delivered, Status.COMPLETED, 0L, null);
        long refill = panel.call(c.key(), "action", "refill", "order", Long.toString(delivered)).get("refill").asLong();
        long canceled = order(c), kept = order(c);
        for (long o : new long[] {canceled, kept}) {
            panel.panel.orders.applyStatus(o, Status.IN_PROGRESS, 0L, null); // started: a cancel now waits for a person
            assertThat(panel.call(c.key(), "action", "cancel", "orders", Long.toString(o)).get(0).get("cancel").asInt()).isEqualTo(1);
        }
        assertThat(panel.balance(c)).isEqualTo(Money.parse("7"));

        // a support member signs in; the queues are theirs
        browser.open("/admin/refills");
        assertThat(browser.path()).startsWith("/admin/login?next=");
        submitStaffSignIn("queues1", PASSWORD);
        assertThat(browser.path()).isEqualTo("/admin/refills");

        assertThat(browser.find("#request-" + refill).getText()).contains(Long.toString(delivered), "Pending");
        browser.screenshots("admin-refills-waiting");
        browser.submit("#complete-" + refill);
        assertThat(browser.find("#done").getText()).contains(Long.toString(refill));
        assertThat(browser.present("#request-" + refill)).isFalse();
        assertThat(panel.panel.refills.list(Refills.State.COMPLETED, 10)).extracting(Refills.Refill::id).contains(refill);
        browser.screenshots("admin-refills");

        browser.open("/admin/cancels");
        assertThat(browser.find("#request-" + canceled).getText()).contains(Long.toString(canceled));
        browser.submit("#reject-" + kept);
        assertThat(browser.find("#done").getText()).contains(Long.toString(kept));
        browser.submit("#accept-" + canceled);
        assertThat(browser.find("#done").getText()).contains(Long.toString(canceled));
        assertThat(browser.present("#request-" + canceled)).isFalse();
        browser.screenshots("admin-cancels");

        // the same answer posted again (the page from before, back in the history) refunds nothing more
        browser.raw().navigate().back();
        if (browser.present("#accept-" + canceled)) {
            browser.submit("#accept-" + canceled);
            assertThat(browser.find("#failed").getText()).contains(Long.toString(canceled));
        }

        assertThat(panel.panel.orders.find(canceled).orElseThrow().status()).isEqualTo(Status.CANCELED);
        assertThat(panel.panel.orders.find(kept).orElseThrow().cancelState()).isEqualTo(CancelState.REJECTED);
        assertThat(refunds(canceled)).isEqualTo(1);
        assertThat(refunds(kept)).isZero();
        assertThat(panel.balance(c)).isEqualTo(Money.parse("8"));
        assertThat(panel.balance(c)).isEqualTo(panel.ledgerSum(c));

        String who = new Actor.Staff(supportId).describe();
        assertThat(Audit.list(panel.panel.db, who, null, 10)).extracting(Audit.Entry::action)
                .containsExactly("order.cancel-accept", "order.cancel-reject", "refill.set-status");
    }

    @Test void the_queue_forms_refuse_a_post_without_the_session_csrf_token() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + panel.panel.port() + "/admin/cancels/1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("decision=accept")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(403);
    }
}
