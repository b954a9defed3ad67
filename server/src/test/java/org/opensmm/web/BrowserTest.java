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
    /** The password of every customer the helpers make. */
    static final String CUSTOMER_PASSWORD = "correct horse battery";
    static TestPanel panel;
    static Browser browser;

    @BeforeAll static void startPanelAndBrowser() {
        panel = TestPanel.start();
        browser = new Browser("http://127.0.0.1:" + panel.panel.port());
    }

    /** For a subclass's {@code @BeforeAll} that needs its own settings: the panel and browser again, the panel started with {@code tweak}. */
    static void restartWith(java.util.function.UnaryOperator<org.opensmm.app.Config> tweak) {
        stopBrowserAndPanel();
        panel = TestPanel.start(tweak);
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

    /**
     * A customer made through the sign-up use case (not the browser, whose sessions stay as they are), with the password
     * {@link #customerSignIn} uses and {@code balance}; their id.
     */
    static long websiteCustomer(String prefix, String balance) {
        String name = prefix + NAMES.incrementAndGet() + System.nanoTime() % 100_000;
        var created = (org.opensmm.account.Passwords.SignUp.Created) panel.panel.passwords.signUp(name, name + "@example.com", CUSTOMER_PASSWORD);
        if (!Money.parse(balance).isZero()) panel.panel.funds.deposit(new Actor.Cli("test"), created.customer(), Money.parse(balance), "test money");
        return created.customer();
    }

    /** An order of {@code quantity} of {@code service} to a link of its own, placed as the customer would; its id. */
    static long order(long customer, long service, long quantity) {
        var fields = java.util.Map.of("link", "https://example.com/o/" + System.nanoTime(), "quantity", Long.toString(quantity));
        return panel.panel.orders.add(customer, service, fields::get);
    }

    /** How many refund entries the order has: a refund happens once. */
    static long refunds(long order) {
        return panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE order_id = ? AND kind = ?", order,
                org.opensmm.ledger.Ledger.Kind.REFUND.name()));
    }

    /** The customer's balance is the sum of their ledger entries: no money moved without its entry. */
    static void assertLedgerMatchesBalance(long customer) {
        Money sum = panel.panel.db.read(tx -> panel.panel.ledger.sum(tx, customer));
        assertThat(sum).isEqualTo(panel.panel.accounts.balance(customer));
    }

    /** Every customer's balance is the sum of their ledger entries: the payment tests check it after each test. */
    static void assertEveryLedgerMatchesBalance() {
        assertThat(panel.ledgerDrift()).as("customers whose balance differs from their ledger").isZero();
    }

    static String customerName(long customer) { return panel.panel.accounts.find(customer).orElseThrow().name(); }

    /** Signs customer {@code name} in through /login with the password {@link #signUpThroughForm} gave them. */
    static void customerSignIn(String name) {
        browser.open("/login");
        browser.type("#username", name);
        browser.type("#password", CUSTOMER_PASSWORD);
        browser.submit("form[action='/login'] button[type=submit]");
        assertThat(browser.find(".user").getText()).isEqualTo(name);
    }

    /** Signs staff member {@code username} in at /admin/login (any staff session dropped first); lands on /admin. */
    static void staffSignIn(String username, String password) {
        signOut("/admin/login");
        browser.open("/admin/login");
        submitStaffSignIn(username, password);
    }

    /** Fills in and sends the staff sign-in form open now, and checks that {@code username} is signed in. */
    static void submitStaffSignIn(String username, String password) {
        browser.type("#username", username);
        browser.type("#password", password);
        browser.submit("form[action='/admin/login'] button[type=submit]");
        assertThat(browser.find("#staff").getText()).isEqualTo(username);
    }

    /** The signed-in staff member's session cookie and a CSRF token from the page open now, for plain HTTP requests. */
    static String[] staffCookieAndToken() {
        String cookie = "opensmm_admin=" + browser.raw().manage().getCookieNamed("opensmm_admin").getValue();
        String csrf = browser.raw().findElement(org.openqa.selenium.By.cssSelector("input[name=csrf]")).getDomProperty("value");
        return new String[] {cookie, csrf};
    }

    /** A request to the panel over plain HTTP with {@code cookie}: a GET, or a form POST of {@code body} when given. */
    static java.net.http.HttpResponse<String> http(String path, String cookie, String body) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + panel.panel.port() + path))
                .timeout(java.time.Duration.ofSeconds(30));
        if (cookie != null) b.header("Cookie", cookie);
        if (body != null) b.header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
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

    /**
     * Opens {@code path}, saves it as {@code name} at 1280 and 360 px, and checks that at 360 px nothing is wider than
     * the screen (a wide table scrolls inside its own box); a failure names the elements that stick out.
     */
    static void fits(String path, String name) {
        browser.open(path);
        assertThat(browser.present("#refused")).as(path).isFalse();
        browser.screenshots(name);
        assertThat(Browser.SCREENSHOTS.resolve(name + "-360.png")).exists();
        browser.raw().manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        try {
            browser.open(path);
            Object wide = browser.script("arguments[arguments.length - 1](document.documentElement.scrollWidth)");
            Object culprits = browser.script("""
                    arguments[arguments.length - 1]([...document.querySelectorAll('body *')]
                        .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                        .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(' '))""");
            assertThat(((Number) wide).intValue()).as(path + " at 360 px; too wide: " + culprits).isLessThanOrEqualTo(380);
        } finally {
            browser.raw().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }
}
