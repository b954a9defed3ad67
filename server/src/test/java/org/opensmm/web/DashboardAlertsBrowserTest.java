package org.opensmm.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.order.Stage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An alert the rules open shows on the admin dashboard, and goes once the operator dealt with its cause. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardAlertsBrowserTest extends BrowserTest {
    private static final String PASSWORD = "alerts password 1234";

    @Test void a_fail_order_alert_is_listed_on_the_dashboard_and_cleared_after_the_operator_refunds_it() {
        panel.panel.staff.add(new Actor.Cli("test"), "alertowner", Role.OWNER, PASSWORD);
        long service = panel.service(ServiceType.DEFAULT, "1", 10, 100_000);
        var customer = panel.customer("10");
        var fields = Map.of("link", "https://example.com/alerted", "quantity", "1000");
        long order = panel.panel.orders.add(customer.id(), service, fields::get);
        // what the dispatcher does to an add that got no reply (FaultInjectionTest drives it through a real upstream)
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET stage = ? WHERE id = ?", Stage.FAIL.name(), order));

        panel.panel.alerts.check(); // what the worker node does every OPENSMM_ALERT_EVERY_MS
        staffSignIn("alertowner", PASSWORD);
        browser.open("/admin");
        assertThat(browser.find("#alerts").getText()).isEqualTo("1");
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).startsWith("1 orders wait in FAIL").contains("order " + order));
        browser.screenshots("admin-dashboard-alert");

        browser.open("/admin/orders/" + order);
        new Select(browser.find("#action")).selectByValue("fail-refund");
        browser.submit("#apply");
        assertThat(browser.find("#done").getText()).contains("1");

        panel.panel.alerts.check();
        browser.open("/admin");
        assertThat(browser.find("#alerts").getText()).isEqualTo("0");
        assertThat(alerts()).isEmpty();
        assertThat(panel.panel.alerts.recent(10)).singleElement().satisfies(a -> assertThat(a.clearedAt()).isNotNull());
    }

    /** The texts in the dashboard's open alerts section (none: the section is not shown). */
    private static List<String> alerts() {
        return browser.raw().findElements(By.xpath("//section[h2[normalize-space()='Open alerts']]//li")).stream()
                .map(WebElement::getText).toList();
    }
}
