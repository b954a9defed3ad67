package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.app.Config;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.web.WebClient.cookieOf;
import static org.opensmm.web.WebClient.csrf;

/** What the website answers over plain HTTP: cookies behind a proxy, sign-in throttling, redirects, error pages. */
class WebHttpTest {
    static TestPanel panel;
    static WebClient web;

    @BeforeAll static void start() {
        // 127.0.0.1 is the trusted proxy here: X-Forwarded-* from the test count as a proxy's word
        panel = TestPanel.start(c -> c.withWeb(new Config.Web("Test Panel", 120, List.of("127.0.0.1"), 3, 10, null)));
        web = new WebClient(panel.panel.port());
    }

    @AfterAll static void stop() { panel.close(); }

    private long customerWithPassword(String name) {
        long id = panel.panel.accounts.create(name, org.opensmm.ledger.Money.ZERO).customer().id();
        panel.panel.passwords.setPassword(new Actor.Cli("test"), id, "a long enough password");
        return id;
    }

    @Test void the_session_cookie_is_secure_only_when_a_trusted_proxy_says_https() {
        WebClient.Reply plain = web.send("GET", "/login", null, null);
        assertThat(plain.cookie()).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        WebClient.Reply proxied = web.send("GET", "/login", null, null, "X-Forwarded-Proto", "https");
        assertThat(proxied.cookie()).contains("HttpOnly").contains("SameSite=Lax").contains("; Secure");
    }

    @Test void sign_in_renews_the_session_and_redirects_only_to_our_own_paths() {
        customerWithPassword("alice-web");
        WebClient.Reply form = web.send("GET", "/login", null, null);
        WebClient.Reply in = web.send("POST", "/login", cookieOf(form), "csrf=" + csrf(form) + "&username=alice-web&password=a+long+enough+password&next=%2Forders");
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.location()).isEqualTo("/orders");
        assertThat(cookieOf(in)).isNotEqualTo(cookieOf(form));
        assertThat(web.send("GET", "/orders", cookieOf(form), null).location()).as("the pre-sign-in session is gone").startsWith("/login");
        assertThat(web.send("GET", "/orders", cookieOf(in), null).status()).isEqualTo(200);
        for (String evil : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            assertThat(web.signIn("alice-web", "a+long+enough+password", evil).location()).as(evil).isEqualTo("/");
        }
    }

    @Test void wrong_passwords_are_throttled_per_account_and_a_disabled_customer_cannot_sign_in() {
        long bob = customerWithPassword("bob-web");
        for (int i = 0; i < 3; i++) {
            WebClient.Reply wrong = web.signIn("bob-web", "nope-nope-nope", "/", "X-Forwarded-For", "10.0.0." + i);
            assertThat(wrong.status()).isEqualTo(200);
            assertThat(wrong.body()).contains("Wrong username or password.");
        }
        WebClient.Reply blocked = web.signIn("bob-web", "a+long+enough+password", "/", "X-Forwarded-For", "10.0.0.9");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed attempts");

        long carol = customerWithPassword("carol-web");
        panel.panel.accounts.setEnabled(new Actor.Cli("test"), carol, false);
        WebClient.Reply disabled = web.signIn("carol-web", "a+long+enough+password", "/");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body()).contains("This account is disabled.");
        assertThat(bob).isPositive();
    }

    @Test void web_orders_and_api_orders_racing_for_the_last_dollar_cannot_both_pass() throws Exception {
        long service = panel.service(org.opensmm.catalog.ServiceType.DEFAULT, "1", 100, 10_000);
        var key = org.opensmm.account.ApiKey.generate();
        long me = panel.panel.accounts.create("racer-web", key, Money.parse("1")).customer().id(); // one order of 1000 at 1 per 1000
        panel.panel.passwords.setPassword(new Actor.Cli("test"), me, "a long enough password");
        String cookie = cookieOf(web.signIn("racer-web", "a+long+enough+password", "/"));
        String token = csrf(web.get("/?service=" + service, cookie));
        int n = 8;
        var gate = new java.util.concurrent.CountDownLatch(1);
        var tries = new ArrayList<java.util.concurrent.Callable<Boolean>>();
        for (int i = 0; i < n; i++) {
            String link = "https://x.com/race" + i;
            tries.add(() -> {
                gate.await();
                WebClient.Reply r = web.send("POST", "/order", cookie, "csrf=" + token + "&service=" + service + "&link=" + link + "-web&quantity=1000");
                return r.status() == 303 && r.location().startsWith("/orders?placed=");
            });
            tries.add(() -> {
                gate.await();
                return panel.call(key.value(), "action", "add", "service", String.valueOf(service), "link", link + "-api",
                        "quantity", "1000").has("order");
            });
        }
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var replies = tries.stream().map(pool::submit).toList();
            gate.countDown();
            long passed = 0;
            for (var r : replies) passed += r.get(60, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            assertThat(passed).as("of " + 2 * n + " racing orders").isEqualTo(1);
        }
        assertThat(panel.panel.orders.recent(me, null, 100)).hasSize(1);
        assertThat(panel.panel.accounts.balance(me)).isEqualTo(Money.ZERO);
        Money ledger = panel.panel.db.read(tx -> panel.panel.ledger.sum(tx, me));
        assertThat(ledger).as("the ledger sums to the balance").isEqualTo(Money.ZERO);
    }

    @Test void unknown_website_paths_are_html_pages_and_api_paths_stay_json() {
        WebClient.Reply page = web.send("GET", "/nothing", null, null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>Not found</h1>");
        WebClient.Reply api = web.send("GET", "/api/v3", null, null);
        assertThat(api.body()).isEqualTo("{\"error\":\"Not found\"}");
        assertThat(web.send("GET", "/health", null, null).body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
