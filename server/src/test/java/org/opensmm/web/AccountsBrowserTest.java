package org.opensmm.web;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.account.Actor;
import org.opensmm.app.Config;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts in real headless Chromium against a real panel, its mail read from a real SMTP server (GreenMail), all on
 * 127.0.0.1: verification and reset links, two-factor sign-in with TOTP and recovery codes, the /account forms.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AccountsBrowserTest {
    private static final Pattern LINK = Pattern.compile("https?://\\S+?(/(?:verify-email|reset-password/new)\\?token=[A-Za-z0-9_-]{43})");
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger NAMES = new AtomicInteger();
    static GreenMail smtp;
    static TestPanel panel;
    static Browser browser;

    @BeforeAll static void start() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        panel = TestPanel.start(c -> c.withWeb(c.web().withAccounts("http://panel.example", false,
                new Config.Web.Mail("127.0.0.1", port, "panel@opensmm.test", null, null, false))));
        browser = new Browser("http://127.0.0.1:" + panel.panel.port());
    }

    @AfterAll static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            try {
                panel.close();
            } finally {
                smtp.stop();
            }
        }
    }

    @BeforeEach void signedOut() {
        browser.open("/services");
        browser.raw().manage().deleteAllCookies();
    }

    private String signUp() {
        String name = "acct" + NAMES.incrementAndGet() + System.nanoTime() % 100_000;
        browser.open("/signup");
        browser.type("#username", name);
        browser.type("#email", name + "@example.com");
        browser.type("#password", PASSWORD);
        browser.submit("form[action='/signup'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        return name;
    }

    private void signIn(String name, String password) {
        browser.open("/login");
        browser.type("#username", name);
        browser.type("#password", password);
        browser.submit("form[action='/login'] button[type=submit]");
    }

    private void signOut() { browser.submit("form[action='/logout'] button"); }

    /** The path and token of the link in the newest mail to {@code to}, waiting for it to arrive. */
    private static String linkMailedTo(String to, int nth) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            var mails = List.of(smtp.getReceivedMessagesForDomain(to));
            if (mails.size() >= nth) {
                var m = LINK.matcher(GreenMailUtil.getBody(mails.get(nth - 1)).replace("=\r\n", "").replace("=3D", "="));
                assertThat(m.find()).as("a link in the mail").isTrue();
                assertThat(m.group()).startsWith("http://panel.example/");
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail " + nth + " to " + to);
    }

    private long id(String name) { return panel.panel.accounts.findByName(name).orElseThrow().id(); }

    @Test void sign_up_mails_a_link_that_verifies_the_address_once() throws Exception {
        String name = signUp();
        browser.open("/account");
        assertThat(browser.find("#email-status").getText()).isEqualTo("(not confirmed yet)");
        String link = linkMailedTo(name + "@example.com", 1);
        browser.open(link);
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("Your email address is confirmed");
        browser.open("/account");
        assertThat(browser.find("#email-status").getText()).isEqualTo("(confirmed)");
        browser.open(link); // used: worth nothing now
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("This link does not work");
        browser.screenshots("account");
    }

    @Test void a_new_account_confirmed_by_its_mail_signs_out_and_back_in_with_its_password() throws Exception {
        String name = signUp();
        browser.open(linkMailedTo(name + "@example.com", 1));
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("Your email address is confirmed");
        browser.open("/account");
        signOut();
        assertThat(browser.present(".user")).isFalse();
        browser.open("/orders");
        assertThat(browser.path()).as("signed out for real").startsWith("/login");
        signIn(name, PASSWORD);
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        browser.open("/account");
        assertThat(browser.find("#email-status").getText()).isEqualTo("(confirmed)");
    }

    @Test void a_password_reset_by_mail_sets_the_password_once_and_the_person_signs_in_with_it() throws Exception {
        String name = signUp();
        linkMailedTo(name + "@example.com", 1); // the verification mail
        signOut();
        browser.open("/login");
        browser.submit("a[href='/reset-password']");
        browser.type("#email", name.toUpperCase() + "@example.com");
        browser.submit("form[action='/reset-password'] button[type=submit]");
        assertThat(browser.find("#reset-asked").getText()).startsWith("If an account uses this address");
        // an unknown address gets the same answer, and no mail
        browser.open("/reset-password");
        browser.type("#email", "nobody" + name + "@example.com");
        browser.submit("form[action='/reset-password'] button[type=submit]");
        assertThat(browser.find("#reset-asked").isDisplayed()).isTrue();

        String link = linkMailedTo(name + "@example.com", 2);
        browser.open(link);
        browser.screenshots("reset-password-new");
        browser.type("#password", "a brand new password");
        browser.submit("form[action='/reset-password/new'] button[type=submit]");
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("Your password is set");
        browser.open(link);
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("This link does not work");

        signIn(name, PASSWORD);
        assertThat(browser.present(".user")).isFalse();
        signIn(name, "a brand new password");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
    }

    @Test void a_customer_made_by_the_cli_sets_a_password_with_a_reset_link() {
        long id = panel.panel.accounts.create(new Actor.Cli("test"), "cli" + System.nanoTime() % 100_000, Money.ZERO).customer().id();
        String name = panel.panel.accounts.find(id).orElseThrow().name();
        String link = panel.panel.links.resetLink(new Actor.Cli("test"), id);
        browser.open(link.substring(link.indexOf("/reset-password/new")));
        browser.type("#password", "chosen by the customer");
        browser.submit("form[action='/reset-password/new'] button[type=submit]");
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("Your password is set");
        signIn(name, "chosen by the customer");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
    }

    @Test void two_factor_once_on_is_asked_at_sign_in_and_each_recovery_code_works_once() throws Exception {
        String name = signUp();
        browser.open("/account");
        browser.submit("#two-factor-start");
        String secret = browser.find("#totp-secret").getText();
        assertThat(browser.present("#two-factor img")).as("a QR code rendered offline").isTrue();
        browser.type("#totp-code", "000000".equals(code(secret, 0)) ? "111111" : "000000");
        browser.submit("#two-factor-confirm");
        assertThat(browser.find("#account-error").getText()).startsWith("This code is not right");
        browser.type("#totp-code", code(secret, 0));
        browser.submit("#two-factor-confirm");
        List<String> recovery = browser.raw().findElements(org.openqa.selenium.By.cssSelector(".recovery-code")).stream()
                .map(e -> e.getText()).toList();
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        // stored sealed: a copy of the database cannot generate codes
        String stored = panel.panel.db.read(tx -> tx.one("SELECT totp_secret FROM customer WHERE name = ?", rs -> rs.getString(1), name)).orElseThrow();
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(secret);
        browser.screenshots("two-factor-on");
        signOut();

        // the password alone signs nobody in now
        signIn(name, PASSWORD);
        assertThat(browser.path()).startsWith("/login/code");
        browser.screenshots("login-code");
        assertThat(browser.present(".user")).isFalse();
        browser.open("/account");
        assertThat(browser.path()).startsWith("/login");
        signIn(name, PASSWORD);
        String next = code(secret, 1);
        browser.type("#code", next); // the next step's code: the one used to switch it on works no more
        browser.submit("form[action='/login/code'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        signOut();

        signIn(name, PASSWORD);
        browser.type("#code", next); // the same code again: refused
        browser.submit("form[action='/login/code'] button[type=submit]");
        assertThat(browser.find(".error").getText()).isEqualTo("This code is not right. Please try again.");
        browser.type("#code", recovery.get(0));
        browser.submit("form[action='/login/code'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        signOut();

        signIn(name, PASSWORD);
        browser.type("#code", recovery.get(0));
        browser.submit("form[action='/login/code'] button[type=submit]");
        assertThat(browser.find(".error").getText()).isEqualTo("This code is not right. Please try again.");
        browser.type("#code", recovery.get(1));
        browser.submit("form[action='/login/code'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        browser.open("/account");
        assertThat(browser.find("#two-factor-status").getText()).contains("Recovery codes left: 8.");

        // off again, given the password
        browser.type("#off-password", PASSWORD);
        browser.submit("#two-factor-off");
        assertThat(browser.find("#account-notice").getText()).isEqualTo("Two-factor authentication is off.");
        signOut();
        signIn(name, PASSWORD);
        assertThat(browser.find(".user").getText()).isEqualTo(name);
    }

    @Test void the_account_page_changes_password_email_and_preferences_with_the_current_password() throws Exception {
        String name = signUp();
        browser.open("/account");
        browser.type("#current-password", "not my password");
        browser.type("#new-password", "another good password");
        browser.submit("form[action='/account/password'] button[type=submit]");
        assertThat(browser.find("#account-error").getText()).isEqualTo("Your current password is not right.");
        browser.type("#current-password", PASSWORD);
        browser.type("#new-password", "another good password");
        browser.submit("form[action='/account/password'] button[type=submit]");
        assertThat(browser.find("#account-notice").getText()).isEqualTo("Your password is changed.");

        browser.type("#new-email", "new-" + name + "@example.com");
        browser.type("#email-password", "another good password");
        browser.submit("form[action='/account/email'] button[type=submit]");
        assertThat(browser.find("#current-email").getText()).isEqualTo("new-" + name + "@example.com");
        assertThat(browser.find("#email-status").getText()).isEqualTo("(not confirmed yet)");
        browser.open(linkMailedTo("new-" + name + "@example.com", 1));
        assertThat(browser.find("#notice-heading").getText()).isEqualTo("Your email address is confirmed");

        browser.open("/account");
        browser.type("#timezone", "Mars/Olympus");
        browser.submit("form[action='/account/preferences'] button[type=submit]");
        assertThat(browser.find("#account-error").getText()).startsWith("This is not a time zone we know.");
        browser.type("#timezone", "Europe/Berlin");
        browser.submit("form[action='/account/preferences'] button[type=submit]");
        assertThat(browser.find("#account-notice").getText()).isEqualTo("Your preferences are saved.");
        long me = id(name);
        var profile = panel.panel.db.read(tx -> tx.one("SELECT timezone, language, email_verified_at IS NOT NULL FROM customer WHERE id = ?",
                rs -> rs.getString(1) + "," + rs.getString(2) + "," + rs.getBoolean(3), me)).orElseThrow();
        assertThat(profile).isEqualTo("Europe/Berlin,en,true");
    }

    /** The authenticator app's code for the current 30-second step plus {@code ahead}, with the same library. */
    private static String code(String secret, int ahead) throws Exception {
        long step = System.currentTimeMillis() / 1000 / 30 + ahead;
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }
}
