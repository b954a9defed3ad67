package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.app.Config;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the website answers over plain HTTP: cookies behind a proxy, sign-in throttling, redirects, error pages. */
class WebHttpTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static TestPanel panel;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll static void start() {
        // 127.0.0.1 is the trusted proxy here: X-Forwarded-* from the test count as a proxy's word
        panel = TestPanel.start(c -> c.withWeb(new Config.Web("Test Panel", 120, List.of("127.0.0.1"), 3, 10, null)));
    }

    @AfterAll static void stop() { panel.close(); }

    record Reply(int status, String cookie, String location, String body) {}

    private Reply send(String method, String path, String cookie, String form, String... headers) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + path)).timeout(Duration.ofSeconds(20))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Set-Cookie").orElse(null), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cookieOf(Reply r) { return r.cookie().split(";")[0]; }

    private static String csrf(Reply r) {
        var m = CSRF.matcher(r.body());
        assertThat(m.find()).as("a csrf field").isTrue();
        return m.group(1);
    }

    private long customerWithPassword(String name) {
        long id = panel.panel.accounts.create(name, org.opensmm.ledger.Money.ZERO).customer().id();
        panel.panel.passwords.setPassword(new Actor.Cli("test"), id, "a long enough password");
        return id;
    }

    private Reply signIn(String name, String password, String next, String... headers) {
        Reply form = send("GET", "/login", null, null, headers);
        return send("POST", "/login", cookieOf(form), "csrf=" + csrf(form) + "&username=" + name + "&password=" + password
                + "&next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    @Test void the_session_cookie_is_secure_only_when_a_trusted_proxy_says_https() {
        Reply plain = send("GET", "/login", null, null);
        assertThat(plain.cookie()).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        Reply proxied = send("GET", "/login", null, null, "X-Forwarded-Proto", "https");
        assertThat(proxied.cookie()).contains("HttpOnly").contains("SameSite=Lax").contains("; Secure");
    }

    @Test void sign_in_renews_the_session_and_redirects_only_to_our_own_paths() {
        customerWithPassword("alice-web");
        Reply form = send("GET", "/login", null, null);
        Reply in = send("POST", "/login", cookieOf(form), "csrf=" + csrf(form) + "&username=alice-web&password=a+long+enough+password&next=%2Forders");
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.location()).isEqualTo("/orders");
        assertThat(cookieOf(in)).isNotEqualTo(cookieOf(form));
        assertThat(send("GET", "/orders", cookieOf(form), null).location()).as("the pre-sign-in session is gone").startsWith("/login");
        assertThat(send("GET", "/orders", cookieOf(in), null).status()).isEqualTo(200);
        for (String evil : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            assertThat(signIn("alice-web", "a+long+enough+password", evil).location()).as(evil).isEqualTo("/");
        }
    }

    @Test void wrong_passwords_are_throttled_per_account_and_a_disabled_customer_cannot_sign_in() {
        long bob = customerWithPassword("bob-web");
        for (int i = 0; i < 3; i++) {
            Reply wrong = signIn("bob-web", "nope-nope-nope", "/", "X-Forwarded-For", "10.0.0." + i);
            assertThat(wrong.status()).isEqualTo(200);
            assertThat(wrong.body()).contains("Wrong username or password.");
        }
        Reply blocked = signIn("bob-web", "a+long+enough+password", "/", "X-Forwarded-For", "10.0.0.9");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed attempts");

        long carol = customerWithPassword("carol-web");
        panel.panel.accounts.setEnabled(new Actor.Cli("test"), carol, false);
        Reply disabled = signIn("carol-web", "a+long+enough+password", "/");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body()).contains("This account is disabled.");
        assertThat(bob).isPositive();
    }

    @Test void unknown_website_paths_are_html_pages_and_api_paths_stay_json() {
        Reply page = send("GET", "/nothing", null, null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>Not found</h1>");
        Reply api = send("GET", "/api/v3", null, null);
        assertThat(api.body()).isEqualTo("{\"error\":\"Not found\"}");
        assertThat(send("GET", "/health", null, null).body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
