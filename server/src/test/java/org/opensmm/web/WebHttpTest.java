package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.app.Config;
import org.opensmm.testing.TestPanel;

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

    @Test void unknown_website_paths_are_html_pages_and_api_paths_stay_json() {
        WebClient.Reply page = web.send("GET", "/nothing", null, null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>Not found</h1>");
        WebClient.Reply api = web.send("GET", "/api/v3", null, null);
        assertThat(api.body()).isEqualTo("{\"error\":\"Not found\"}");
        assertThat(web.send("GET", "/health", null, null).body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
