package org.opensmm.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.app.Config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in limits, session expiry and the API key in real headless Chromium: wrong passwords throttled per account and
 * per client address (the address the trusted proxy names in X-Forwarded-For), a session unused past the idle time
 * asking to sign in again, and a key regenerated on /api replacing the old one in API v2.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CredentialsBrowserTest extends BrowserTest {
    private static final int IDLE_MINUTES = 30, PER_ACCOUNT = 3, PER_ADDRESS = 5;
    private static final String WRONG = "Wrong username or password.";
    private static final String THROTTLED = "Too many failed attempts. Please wait a few minutes and try again.";

    @BeforeAll static void trustLoopbackAsProxy() {
        // 127.0.0.1 is the trusted proxy: the X-Forwarded-For the browser sends is the client address the throttle keys on
        restartWith(c -> c.withWeb(new Config.Web("Test Panel", IDLE_MINUTES, List.of("127.0.0.1"), PER_ACCOUNT, PER_ADDRESS, null)));
    }

    @BeforeEach void signedOut() {
        from(null);
        signOut("/services");
    }

    /** Every request the browser sends from now on says it comes from {@code address}; null: from the proxy itself. */
    private static void from(String address) {
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", address == null ? Map.of() : Map.of("X-Forwarded-For", address)));
    }

    /** A new customer, signed up through the form and then signed out; their username. */
    private static String newCustomer() {
        long id = signUpThroughForm("cred");
        signOut("/services");
        return panel.panel.accounts.find(id).orElseThrow().name();
    }

    private static void signIn(String name, String password) {
        browser.open("/login");
        browser.type("#username", name);
        browser.type("#password", password);
        browser.submit("form[action='/login'] button[type=submit]");
    }

    private static String error() { return browser.find("p.error").getText(); }

    @Test void wrong_passwords_for_one_account_from_many_addresses_block_that_account_and_no_other() {
        String alice = newCustomer(), bob = newCustomer();
        for (int i = 1; i <= PER_ACCOUNT; i++) {
            from("198.51.100." + i);
            signIn(alice, "not the password");
            assertThat(error()).isEqualTo(WRONG);
        }
        from("198.51.100.99");
        signIn(alice, CUSTOMER_PASSWORD);
        assertThat(error()).as("the right password, but the account is over its limit").isEqualTo(THROTTLED);
        assertThat(browser.present(".user")).isFalse();
        signIn(bob, CUSTOMER_PASSWORD);
        assertThat(browser.find(".user").getText()).as("the same address, another account").isEqualTo(bob);
    }

    @Test void wrong_passwords_from_one_address_block_that_address_for_every_account_and_no_other_address() {
        String carol = newCustomer();
        from("203.0.113.7");
        for (int i = 0; i < PER_ADDRESS; i++) {
            signIn("guess" + i + "-" + carol, "not the password");
            assertThat(error()).isEqualTo(WRONG);
        }
        signIn(carol, CUSTOMER_PASSWORD);
        assertThat(error()).as("an account with no failures, from the address over its limit").isEqualTo(THROTTLED);
        assertThat(browser.present(".user")).isFalse();
        from("203.0.113.8");
        signIn(carol, CUSTOMER_PASSWORD);
        assertThat(browser.find(".user").getText()).isEqualTo(carol);
    }

    @Test void a_session_unused_past_the_idle_time_asks_to_sign_in_again() {
        long me = signUpThroughForm("idle");
        String name = panel.panel.accounts.find(me).orElseThrow().name();
        idleFor(me, Duration.ofMinutes(IDLE_MINUTES - 1));
        browser.open("/orders");
        assertThat(browser.path()).as("within the idle time").startsWith("/orders");
        assertThat(browser.find(".user").getText()).isEqualTo(name);

        idleFor(me, Duration.ofMinutes(IDLE_MINUTES + 1));
        browser.open("/orders");
        assertThat(browser.path()).startsWith("/login");
        assertThat(browser.present(".user")).isFalse();
        customerSignIn(name);
        browser.open("/orders");
        assertThat(browser.path()).startsWith("/orders");
    }

    /** Moves the customer's sessions' last use {@code idle} into the past, as if they had not been seen since. */
    private static void idleFor(long customer, Duration idle) {
        long then = System.currentTimeMillis() - idle.toMillis();
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE web_session SET last_seen = ? WHERE customer_id = ?", then, customer));
    }

    @Test void a_key_regenerated_on_the_api_page_replaces_the_old_one_in_api_v2() {
        signUp("key", "2.5");
        browser.open("/api");
        browser.submit("#generate");
        String first = browser.find("#api-key").getText();
        assertThat(panel.call(first, "action", "balance").path("balance").asText()).isEqualTo("2.5");

        browser.open("/api");
        browser.submit("#generate");
        String second = browser.find("#api-key").getText();
        assertThat(second).isNotEqualTo(first);
        assertThat(panel.call(first, "action", "balance").path("error").asText()).isEqualTo("Invalid API key");
        assertThat(panel.call(second, "action", "balance").path("balance").asText()).isEqualTo("2.5");
        browser.open("/api");
        assertThat(browser.present("#api-key")).as("shown once").isFalse();
    }
}
