package org.opensmm.web;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** /admin/settings in real headless Chromium: the running website, API v2 and mail follow it; only owners reach it. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SettingsPagesBrowserTest extends BrowserTest {
    private static final String PASSWORD = "staff password 1234";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static long ownerId;

    @BeforeAll static void start() {
        var cli = new Actor.Cli("test");
        ownerId = panel.panel.staff.add(cli, "setowner", Role.OWNER, PASSWORD).member().id();
        panel.panel.staff.add(cli, "setsupport", Role.SUPPORT, PASSWORD);
    }

    private void signIn(String username) {
        signOut("/admin/login");
        browser.open("/admin/login");
        browser.type("#username", username);
        browser.type("#password", PASSWORD);
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.find("#staff").getText()).isEqualTo(username);
    }

    @Test void an_owner_renames_the_panel_and_closes_sign_up_and_the_website_follows_at_once() {
        signIn("setowner");
        browser.open("/admin/settings");
        browser.type("#panel_name", "Likes Depot");
        browser.find("#signup_open").click(); // open by default: now closed
        browser.type("#smtp_password", "mail secret 42");
        browser.submit("#save");
        assertThat(browser.find("#done").isDisplayed()).isTrue();
        assertThat(browser.find("#smtp_password").getAttribute("value")).isEmpty(); // write-only
        assertThat(browser.raw().getPageSource()).doesNotContain("mail secret 42");
        assertThat(panel.panel.settings.current().smtpPassword()).isEqualTo("mail secret 42");
        // stored sealed: the database (a dump, a backup) does not hold it in clear
        String sealed = panel.panel.db.read(tx -> tx.one("SELECT value FROM panel_setting WHERE name = 'smtp_password'", rs -> rs.getString(1))).orElseThrow();
        assertThat(sealed).startsWith("sealed:v1:").doesNotContain("mail secret");

        browser.open("/services");
        assertThat(browser.raw().getTitle()).contains("Likes Depot");
        browser.open("/signup");
        assertThat(browser.find("h1").getText()).isEqualTo("Sign-up is closed");
        assertThat(browser.present("#username")).isFalse();

        // saving again with the password left empty keeps it
        browser.open("/admin/settings");
        browser.type("#panel_name", "Likes Depot 2");
        browser.submit("#save");
        assertThat(panel.panel.settings.current().smtpPassword()).isEqualTo("mail secret 42");
        assertThat(panel.panel.settings.current().signupOpen()).isFalse();

        browser.open("/admin/audit?object=settings");
        String log = browser.find("#audit").getText();
        assertThat(log).contains("settings.change").contains("staff:" + ownerId).doesNotContain("mail secret 42");

        // a bad currency changes nothing
        browser.open("/admin/settings");
        browser.type("#currency", "12$");
        browser.submit("#save");
        assertThat(browser.find("#error").getText()).contains("three-letter");
        assertThat(panel.panel.settings.current().currency()).isEqualTo("USD");
        panel.panel.settings.change(new Actor.Cli("test"), panel.panel.settings.defaults()); // the next test's website is open again
    }

    @Test void currency_rate_limit_and_smtp_changed_on_the_page_apply_to_api_v2_and_mail_without_a_restart() throws Exception {
        var fan = panel.customer("10");
        long likes = panel.service(ServiceType.DEFAULT, "1", 10, 1000);
        long order = panel.call(fan.key(), "action", "add", "service", Long.toString(likes), "link", "https://example.com/a", "quantity", "100")
                .get("order").asLong();
        assertThat(panel.call(fan.key(), "action", "balance").get("currency").asText()).isEqualTo("USD");
        var smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            signIn("setowner");
            browser.open("/admin/settings");
            assertThat(browser.find("#applies").getText()).contains("at once").doesNotContain("next start");
            browser.type("#currency", "eur");
            browser.type("#rate_limit", "1");
            browser.type("#smtp_host", "127.0.0.1");
            browser.type("#smtp_port", Integer.toString(smtp.getSmtp().getPort()));
            browser.type("#smtp_from", "panel@opensmm.test");
            browser.find("#smtp_starttls").click(); // on by default; the test server speaks plain SMTP
            browser.submit("#save");
            assertThat(browser.find("#done").isDisplayed()).isTrue();

            assertThat(panel.call(fan.key(), "action", "balance").get("currency").asText()).isEqualTo("EUR");
            assertThat(panel.call(fan.key(), "action", "status", "order", Long.toString(order)).get("currency").asText()).isEqualTo("EUR");
            // 1 request per second, a burst of 2: fifty at once cannot all pass
            String balance = TestPanel.form(java.util.Map.of("key", fan.key(), "action", "balance"));
            long refused = java.util.stream.IntStream.range(0, 50)
                    .map(i -> panel.post(balance, "application/x-www-form-urlencoded").status()).filter(status -> status == 429).count();
            assertThat(refused).isPositive();

            String email = "settings-" + System.nanoTime() + "@example.com";
            panel.panel.db.inTransaction(tx -> tx.update("UPDATE customer SET email = ? WHERE id = ?", email, fan.id()));
            signOut("/reset-password");
            browser.open("/reset-password");
            browser.type("#email", email);
            browser.submit("form[action='/reset-password'] button[type=submit]");
            assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
            assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(email);
        } finally {
            panel.panel.settings.change(new Actor.Cli("test"), panel.panel.settings.defaults());
            smtp.stop();
        }
        assertThat(panel.call(fan.key(), "action", "balance").get("currency").asText()).isEqualTo("USD");
    }

    @Test void a_support_member_gets_403_on_the_settings_page_and_its_form_post() throws Exception {
        signIn("setsupport");
        browser.open("/admin/settings");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed for your role");
        String cookie = "opensmm_admin=" + browser.raw().manage().getCookieNamed("opensmm_admin").getValue();
        String before = panel.panel.settings.current().panelName();
        var post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + "/admin/settings"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("panel_name=Hacked&currency=USD&smtp_port=587&rate_limit=0"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(panel.panel.settings.current().panelName()).isEqualTo(before);
    }
}
