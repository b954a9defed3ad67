package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Orders;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider.AddErrorPolicy;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin dashboard in real headless Chromium: the money of known orders, a stuck order, and a provider balance that
 * the workers' schedule keeps recent. This panel's own worker timer is stopped: the test drives the schedule, so no
 * tick asks behind its back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminDashboardBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    private static final long INTERVAL = Duration.ofMinutes(5).toMillis(); // OPENSMM_PROVIDER_BALANCE_MS's default
    static TestPanel wholesaler;
    static TestPanel.Customer account;
    static long providerId;

    @BeforeAll static void start() {
        panel.panel.fulfilment.close();
        panel.panel.staff.add(new Actor.Cli("test"), "dashowner", Role.OWNER, PASSWORD);
        wholesaler = TestPanel.start();
        wholesaler.simulate(Simulator.Settings.fast());
        account = wholesaler.customer("123.45");
        providerId = panel.panel.providers.add("Wholesale", wholesaler.api.toString(), account.key(), AddErrorPolicy.RETRY, 4).id();
    }

    @AfterAll static void stopWholesaler() {
        if (wholesaler != null) wholesaler.close();
    }

    /** The dashboard's figures of one period: orders, revenue, cost, profit (without the currency). */
    private static List<String> period(String name) {
        return browser.find("#period-" + name).findElements(By.tagName("td")).stream().map(td -> td.getText().split(" ")[0]).toList();
    }

    private static String balanceRow() {
        browser.open("/admin");
        return browser.find("#balance-" + providerId).getText();
    }

    /** As if {@code millis} had passed since the last ask and the last answer. */
    private static void rewind(long millis) {
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE provider SET balance_asked_at = balance_asked_at - ?, balance_at = balance_at - ? WHERE id = ?",
                millis, millis, providerId));
    }

    @Test void the_dashboard_shows_known_orders_money_a_stuck_order_and_a_scheduled_provider_balance_with_its_age() {
        long service = panel.service(ServiceType.DEFAULT, "2", 10, 100_000); // 2 per 1000
        long c = websiteCustomer("dash", "10");
        long costed = order(c, service, 1000), stuck = order(c, service, 1000);
        long now = System.currentTimeMillis();
        panel.panel.db.inTransaction(tx -> {
            new Orders().upstreamCharged(tx, costed, Money.parse("0.75")); // what the provider said it charged us
            // upstream for 7 hours without a status change (the stuck rule's 6 by default); no worker polls it (timer stopped)
            return tx.update("UPDATE orders SET stage = ?, provider_id = ?, external_id = '999', updated_at = ? WHERE id = ?",
                    Stage.SENT.name(), providerId, now - Duration.ofHours(7).toMillis(), stuck);
        });

        staffSignIn("dashowner", PASSWORD);
        assertThat(period("today")).containsExactly("2", "4", "0.75", "3.25");
        assertThat(period("30d")).containsExactly("2", "4", "0.75", "3.25");
        assertThat(browser.find("#stuck").getText()).isEqualTo("1");
        assertThat(browser.find("#stuck-orders a").getAttribute("href")).endsWith("/admin/orders/" + stuck);
        assertThat(balanceRow()).contains("Wholesale", "never answered yet");

        // the schedule's first round asks the provider; asked again at once, it is not due and asks nobody
        assertThat(panel.panel.fulfilment.askBalancesDue()).containsExactly(providerId);
        assertThat(balanceRow()).contains("123.45 USD", "(0 min ago)");
        wholesaler.panel.funds.deposit(new Actor.Cli("test"), account.id(), Money.parse("10"), "top-up");
        assertThat(panel.panel.fulfilment.askBalancesDue()).isEmpty();
        assertThat(balanceRow()).contains("123.45 USD");

        // an interval later it asks again and shows the new figure
        rewind(INTERVAL);
        assertThat(panel.panel.fulfilment.askBalancesDue()).containsExactly(providerId);
        assertThat(balanceRow()).contains("133.45 USD", "(0 min ago)");
        browser.screenshots("admin-dashboard");

        // a provider that does not answer keeps its last figure and shows how old it is
        panel.panel.providers.relocate(providerId, "http://127.0.0.1:9/api/v2");
        rewind(INTERVAL);
        assertThat(panel.panel.fulfilment.askBalancesDue()).containsExactly(providerId);
        assertThat(balanceRow()).contains("133.45 USD", "(5 min ago)");
    }
}
