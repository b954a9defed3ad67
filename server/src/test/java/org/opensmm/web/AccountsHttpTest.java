package org.opensmm.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Passwords;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** With OPENSMM_REQUIRE_VERIFIED_EMAIL on, an unconfirmed address cannot order on the website; a wrong token is a 404. */
class AccountsHttpTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static TestPanel panel;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withWeb(c.web().withAccounts(null, true, null)));
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
    }

    @AfterAll static void stop() { panel.close(); }

    private HttpResponse<String> send(String method, String path, String cookie, String form) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + path)).timeout(Duration.ofSeconds(20))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(HttpResponse<String> r) {
        var m = CSRF.matcher(r.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test void an_unverified_customer_cannot_order_until_the_address_is_confirmed() throws Exception {
        var up = (Passwords.SignUp.Created) panel.panel.passwords.signUp("unconfirmed", "unconfirmed@example.com", "a long enough password");
        var form = send("GET", "/login", null, null);
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var in = send("POST", "/login", cookie, "csrf=" + csrf(form) + "&username=unconfirmed&password=a+long+enough+password");
        assertThat(in.statusCode()).isEqualTo(303);
        cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = csrf(send("GET", "/account", cookie, null));
        String order = "csrf=" + token + "&service=" + followers + "&link=https%3A%2F%2Fexample.com%2Fp&quantity=100";

        var refused = send("POST", "/order", cookie, order);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Please confirm your email address");

        panel.panel.db.inTransaction(tx -> tx.update("UPDATE customer SET email_verified_at = 1 WHERE id = ?", up.customer()));
        assertThat(send("POST", "/order", cookie, order).statusCode()).isNotEqualTo(403);
    }

    @Test void a_made_up_or_malformed_link_is_not_found() throws Exception {
        assertThat(send("GET", "/verify-email?token=" + "A".repeat(43), null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/reset-password/new?token=%3Cscript%3E", null, null).statusCode()).isEqualTo(404);
        var reset = send("GET", "/reset-password", null, null);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).contains("This panel sends no mail");
    }
}
