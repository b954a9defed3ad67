package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opensmm.account.Actor;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests share: a real panel on 127.0.0.1 and Debian's headless chromium pointed at it, one of each per
 * test class. JUnit runs this class's {@code @BeforeAll} before the subclass's (which adds its services and settings) and
 * its {@code @AfterAll} after the subclass's.
 */
abstract class BrowserTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String CUSTOMER_PASSWORD = "correct horse battery";
    static TestPanel panel;
    static Browser browser;

    @BeforeAll static void startPanelAndBrowser() {
        panel = TestPanel.start();
        browser = new Browser("http://127.0.0.1:" + panel.panel.port());
    }

    @AfterAll static void stopBrowserAndPanel() {
        try {
            if (browser != null) browser.close();
        } finally {
            browser = null;
            if (panel != null) panel.close();
            panel = null;
        }
    }

    /** Opens {@code page} and drops the session cookie: the next page is seen signed out. */
    static void signOut(String page) {
        browser.open(page);
        browser.raw().manage().deleteAllCookies();
    }

    /** Signs a new person (named from {@code prefix}) up through /signup, leaving them signed in; their customer id. */
    static long signUpThroughForm(String prefix) {
        return panel.panel.accounts.findByName(submitSignUp(prefix)).orElseThrow().id();
    }

    /** {@link #signUpThroughForm}, checks the page shows them signed in, and gives them {@code balance}; their customer id. */
    static long signUp(String prefix, String balance) {
        String name = submitSignUp(prefix);
        assertThat(browser.find(".user").getText()).isEqualTo(name);
        long id = panel.panel.accounts.findByName(name).orElseThrow().id();
        if (!Money.parse(balance).isZero()) panel.panel.funds.deposit(new Actor.Cli("test"), id, Money.parse(balance), "test money");
        return id;
    }

    /** Signs customer {@code name} in through /login with the password {@link #signUpThroughForm} gave them. */
    static void customerSignIn(String name) {
        browser.open("/login");
        browser.type("#username", name);
        browser.type("#password", CUSTOMER_PASSWORD);
        browser.submit("form[action='/login'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
    }

    /** Signs staff member {@code username} in through /admin/login; the desk shows them. */
    static void staffSignIn(String username, String password) {
        browser.open("/admin/login");
        browser.type("#username", username);
        browser.type("#password", password);
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.find("#staff").getText()).isEqualTo(username);
    }

    private static String submitSignUp(String prefix) {
        String name = prefix + NAMES.incrementAndGet() + System.nanoTime() % 100_000;
        browser.open("/signup");
        browser.type("#username", name);
        browser.type("#email", name + "@example.com");
        browser.type("#password", CUSTOMER_PASSWORD);
        browser.submit("form[action='/signup'] button[type=submit]");
        return name;
    }
}
