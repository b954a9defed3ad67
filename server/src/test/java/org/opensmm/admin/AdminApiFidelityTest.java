package org.opensmm.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Passwords;
import org.opensmm.account.Role;
import org.opensmm.app.Config;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Orders;
import org.opensmm.order.Stage;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.admin.AdminApiTest.HTTP;
import static org.opensmm.admin.AdminApiTest.Reply;
import static org.opensmm.admin.AdminApiTest.assertError;
import static org.opensmm.admin.AdminApiTest.assertOk;
import static org.opensmm.admin.AdminApiTest.call;

/**
 * The Admin API's users (email, last sign-in, status, users/add as a website sign-up), the order's provider charge, a
 * successful resend, the other body forms and lenient booleans, and the fields of payments, tickets, messages and
 * refill tasks, on a real panel over real HTTP.
 */
class AdminApiFidelityTest {
    static TestPanel panel;
    static String owner;
    static long manual;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withAdmin(new Config.Admin(0, true, null, null)));
        var cli = new Actor.Cli("test");
        panel.panel.staff.add(cli, "fidelity", Role.OWNER, null);
        owner = panel.panel.staff.newKey(cli, "fidelity").key().value();
        manual = panel.service(ServiceType.DEFAULT, "0.90", 10, 100_000, true, true);
    }

    @AfterAll static void stop() { panel.close(); }

    static Reply get(String path) { return call(panel, owner, "GET", path, null); }

    static Reply post(String path, String json) { return call(panel, owner, "POST", path, json); }

    /** A POST with a form body, or none (every field then in the query). */
    static Reply postForm(String path, String form) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + "/adminapi/v2" + path))
                .timeout(Duration.ofSeconds(20)).header("X-Api-Key", owner);
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        b.POST(form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        try {
            var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r, TestPanel.JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String prefix) { return prefix + System.nanoTime() % 100_000_000; }

    private static String name(TestPanel.Customer c) { return panel.panel.accounts.find(c.id()).orElseThrow().name(); }

    private static void assertTime(JsonNode o, String field) {
        assertThat(o.get(field).asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(o.get(field + "_timestamp").isIntegralNumber()).as(field).isTrue();
    }

    private static void assertMoney(JsonNode m, String value) {
        assertThat(m.fieldNames()).toIterable().containsExactly("value", "currency_code", "formatted");
        assertThat(m.get("value").isTextual()).isTrue();
        assertThat(m.get("value").asText()).isEqualTo(value);
    }

    /** Signs {@code username} in on the website over HTTP, as a browser would: the sign-in form's token, then the post. */
    private static void websiteSignIn(String username, String password) throws Exception {
        String base = "http://127.0.0.1:" + panel.panel.port();
        var form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String body = "csrf=" + enc(csrf.group(1)) + "&username=" + enc(username) + "&password=" + enc(password);
        var signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(20)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Test void users_add_signs_a_person_up_with_a_hashed_password_and_refuses_duplicates_in_the_spec_words() {
        String ann = unique("ann");
        Reply added = post("/users/add", "{\"username\": \"" + ann + "\", \"email\": \"" + ann + "@Example.com\", \"password\": \"long enough pass\"}");
        assertOk(added);
        JsonNode u = added.data();
        assertThat(u.fieldNames()).toIterable().containsExactly("id", "username", "email", "balance", "spent", "status", "created",
                "created_timestamp", "last_auth", "last_auth_timestamp");
        assertThat(u.get("id").isIntegralNumber()).isTrue();
        assertThat(u.get("email").asText()).isEqualTo(ann + "@example.com");
        assertMoney(u.get("balance"), "0.00");
        assertThat(u.get("status").asText()).isEqualTo("unconfirmed");
        assertTime(u, "created");
        assertThat(u.get("last_auth").isNull()).isTrue();
        assertThat(u.get("last_auth_timestamp").isNull()).isTrue();
        long id = u.get("id").asLong();
        // stored as the website stores it: bcrypt, and the person signs in with it
        assertThat(panel.panel.db.read(tx -> tx.one("SELECT password_hash FROM customer WHERE id = ?", rs -> rs.getString(1), id)).orElseThrow())
                .startsWith("$2");
        assertThat(panel.panel.passwords.signIn(ann, "long enough pass", "127.0.0.9")).isEqualTo(new Passwords.SignIn.SignedIn(id));
        assertThat(Audit.list(panel.panel.db, null, "customer:" + id, 10)).extracting(Audit.Entry::action).containsExactly("customer.create");

        assertError(post("/users/add", "{\"username\": \"" + unique("other") + "\", \"email\": \"" + ann.toUpperCase() + "@example.com\", \"password\": \"long enough pass\"}"),
                400, 102, "Email already exists");
        assertError(post("/users/add", "{\"username\": \"" + ann.toUpperCase() + "\", \"email\": \"" + unique("x") + "@example.com\", \"password\": \"long enough pass\"}"),
                400, 102, "Username already exists");
        assertError(post("/users/add", "{\"username\": \"" + unique("weak") + "\", \"email\": \"" + unique("w") + "@example.com\", \"password\": \"short\"}"),
                400, 102, "Password is too weak");
        assertError(post("/users/add", "{\"username\": \"" + unique("noemail") + "\", \"password\": \"long enough pass\"}"), 400, 102, "Incorrect request");
    }

    @Test void users_are_found_by_email_and_show_the_last_sign_in_and_their_status() throws Exception {
        String bea = unique("bea");
        var made = (Passwords.SignUp.Created) panel.panel.passwords.signUp(bea, bea + "@example.com", "long enough pass");
        Reply found = get("/users?email=" + bea.toUpperCase() + "%40EXAMPLE.COM");
        assertOk(found);
        assertThat(found.data().get("count").asInt()).isEqualTo(1);
        JsonNode u = found.data().get("list").get(0);
        assertThat(u.get("id").asLong()).isEqualTo(made.customer());
        assertThat(u.get("email").asText()).isEqualTo(bea + "@example.com");
        assertThat(u.get("last_auth").isNull()).isTrue();
        assertThat(get("/users?email=nobody-" + bea + "%40example.com").data().get("count").asInt()).isZero();
        // both filters are AND-ed
        assertThat(get("/users?username=" + bea + "&email=" + bea + "%40example.com").data().get("count").asInt()).isEqualTo(1);
        assertThat(get("/users?username=someone-else&email=" + bea + "%40example.com").data().get("count").asInt()).isZero();

        websiteSignIn(bea, "long enough pass");
        u = get("/users?email=" + bea + "%40example.com").data().get("list").get(0);
        assertTime(u, "last_auth");
        assertThat(u.get("last_auth_timestamp").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));

        assertThat(u.get("status").asText()).isEqualTo("unconfirmed");
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE customer SET email_verified_at = ? WHERE id = ?", System.currentTimeMillis(), made.customer()));
        assertThat(get("/users?email=" + bea + "%40example.com").data().get("list").get(0).get("status").asText()).isEqualTo("active");
        panel.panel.accounts.setEnabled(new Actor.Cli("test"), made.customer(), false);
        assertThat(get("/users?email=" + bea + "%40example.com").data().get("list").get(0).get("status").asText()).isEqualTo("suspended");
        // a customer made without an email (CLI, API) has a JSON null
        var plain = panel.customer("0");
        assertThat(get("/users?username=" + name(plain)).data().get("list").get(0).get("email").isNull()).isTrue();
    }

    @Test void an_order_shows_what_its_provider_charged() {
        var c = panel.customer("10");
        long id = AdminApiFidelityTest.order(c);
        JsonNode before = get("/orders/" + id).data();
        assertThat(before.get("provider_charge").isNull()).isTrue();
        assertThat(before.get("provider_currency_charge").isNull()).isTrue();
        panel.panel.db.inTransaction(tx -> {
            new Orders().upstreamCharged(tx, id, Money.parse("0.75"));
            return null;
        });
        JsonNode o = get("/orders/" + id).data();
        assertMoney(o.get("provider_charge"), "0.75");
        assertThat(o.get("provider_charge").get("currency_code").asText()).isEqualTo("USD");
        assertMoney(o.get("provider_currency_charge"), "0.75");
    }

    static long order(TestPanel.Customer c) {
        JsonNode r = panel.call(c.key(), "action", "add", "service", Long.toString(manual), "link",
                "https://www.instagram.com/p/" + System.nanoTime(), "quantity", "1000");
        assertThat(r.has("order")).as(r.toString()).isTrue();
        return r.get("order").asLong();
    }

    @Test void a_failed_order_never_sent_is_resent_once_the_operator_says_so() {
        var c = panel.customer("10");
        long service = panel.service(ServiceType.DEFAULT, "0.90", 10, 100_000);
        long id = panel.panel.orders.add(c.id(), service, java.util.Map.of("link", "https://example.com/resend", "quantity", "1000")::get);
        // the service is now fulfilled by a provider (one that answers nothing), and the order failed before it was sent
        panel.panel.db.inTransaction(tx -> {
            long provider = tx.insert("INSERT INTO provider (name, api_url, api_key, enabled, created_at) VALUES (?, ?, ?, FALSE, ?)",
                    unique("silent.example"), "http://127.0.0.1:9/api/v2", "k", System.currentTimeMillis());
            tx.update("INSERT INTO service_provider (service_id, provider_id, upstream_service, rule, created_at) VALUES (?, ?, 1, 'RATE', ?)",
                    service, provider, System.currentTimeMillis());
            return tx.update("UPDATE orders SET stage = ?, provider_id = ? WHERE id = ?", Stage.FAIL.name(), provider, id);
        });
        assertThat(get("/orders/" + id).data().get("status").asText()).isEqualTo("fail");
        assertThat(get("/orders/" + id).data().get("actions").get("resend").asBoolean()).isTrue();

        Reply resent = post("/orders/resend", "{\"ids\": [\"" + id + "\"]}");
        assertOk(resent);
        assertThat(resent.data().get("ids")).extracting(JsonNode::asLong).containsExactly(id);
        assertThat(resent.data().get("skipped_ids")).isEmpty();
        assertThat(panel.panel.orders.find(id).orElseThrow().stage()).isNotEqualTo(Stage.FAIL);
        assertThat(Audit.list(panel.panel.db, null, "order:" + id, 10)).extracting(Audit.Entry::action).contains("order.resend");
        assertThat(panel.balance(c)).isEqualTo(panel.ledgerSum(c)).isEqualTo(Money.parse("9.1"));
    }

    @Test void one_order_changes_status_through_the_alias_path() {
        var c = panel.customer("10");
        long id = order(c);
        Reply changed = post("/orders/" + id + "/change-status", "{\"status\": \"in_progress\"}");
        assertOk(changed);
        assertThat(get("/orders/" + id).data().get("status").asText()).isEqualTo("in_progress");
        assertOk(post("/orders/" + id + "/change-status", "{\"status\": \"canceled\"}"));
        assertThat(get("/orders/" + id).data().get("status").asText()).isEqualTo("canceled");
        assertThat(panel.balance(c)).isEqualTo(Money.parse("10")).isEqualTo(panel.ledgerSum(c));
    }

    @Test void a_form_body_or_query_parameters_work_as_json_and_booleans_are_read_leniently() {
        var c = panel.customer("0");
        String user = name(c);
        Reply form = postForm("/payments/add", "username=" + user + "&amount=2.50&method=Bank&affiliate_commission=1");
        assertOk(form);
        assertThat(form.data().get("affiliate_commission").isBoolean()).isTrue();
        assertThat(form.data().get("affiliate_commission").asBoolean()).isTrue();
        assertMoney(form.data().get("amount"), "2.50");
        Reply query = postForm("/payments/add?username=" + user + "&amount=1&affiliate_commission=false", null);
        assertOk(query);
        assertThat(query.data().get("affiliate_commission").asBoolean()).isFalse();
        // the body wins over the query
        Reply both = postForm("/payments/add?username=" + user + "&amount=100", "amount=0.5");
        assertOk(both);
        assertMoney(both.data().get("amount"), "0.50");
        for (String yes : new String[] {"true", "1", "\"true\"", "\"1\""}) {
            Reply r = post("/payments/add", "{\"username\": \"" + user + "\", \"amount\": 1, \"affiliate_commission\": " + yes + "}");
            assertThat(r.data().get("affiliate_commission").asBoolean()).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "0", "\"false\"", "\"0\""}) {
            Reply r = post("/payments/add", "{\"username\": \"" + user + "\", \"amount\": 1, \"affiliate_commission\": " + no + "}");
            assertThat(r.data().get("affiliate_commission").asBoolean()).as(no).isFalse();
        }
        assertThat(panel.balance(c)).isEqualTo(Money.parse("12")).isEqualTo(panel.ledgerSum(c));
    }

    @Test void payments_tickets_messages_and_refill_tasks_have_the_spec_fields_in_their_types() {
        var c = panel.customer("10");
        String user = name(c);
        assertOk(post("/payments/add", "{\"username\": \"" + user + "\", \"amount\": \"3\", \"memo\": \"m\"}"));
        JsonNode p = get("/payments?user=" + user).data().get("list").get(0);
        assertThat(p.get("id").isIntegralNumber()).isTrue();
        assertThat(p.get("user").get("id").isIntegralNumber()).isTrue();
        assertThat(p.get("user").get("username").asText()).isEqualTo(user);
        assertMoney(p.get("amount"), "3.00");
        assertThat(p.get("memo").asText()).isEqualTo("m");
        assertThat(p.get("affiliate_commission").isBoolean()).isTrue();
        assertTime(p, "created");

        Reply opened = post("/tickets/add", "{\"username\": \"" + user + "\", \"subject\": \"Slow\", \"message\": \"Too slow\"}");
        JsonNode t = opened.data();
        assertThat(t.get("id").isIntegralNumber()).isTrue();
        assertThat(t.get("user").asText()).isEqualTo(user);
        assertThat(t.get("subject").asText()).isEqualTo("Slow");
        assertThat(t.get("status").asText()).isEqualTo("pending");
        assertTime(t, "created");
        assertTime(t, "last_update");
        JsonNode m = get("/tickets/" + t.get("id").asLong()).data().get("messages").get(0);
        assertThat(m.get("id").isIntegralNumber()).isTrue();
        assertThat(m.get("message").asText()).isEqualTo("Too slow");
        assertThat(m.get("is_staff").isBoolean()).isTrue();
        assertThat(m.get("is_staff").asBoolean()).isFalse();
        assertTime(m, "created");

        long id = order(c);
        assertOk(post("/orders/update", "{\"id\": " + id + ", \"status\": \"completed\", \"start_count\": \"100\"}"));
        long refill = panel.call(c.key(), "action", "refill", "order", Long.toString(id)).get("refill").asLong();
        JsonNode r = post("/refill/pull", "{\"limit\": \"100\"}").data().get("list").get(0);
        assertThat(r.fieldNames()).toIterable().contains("id", "order_id", "status", "user", "link", "quantity", "service_id",
                "service_name", "start_count", "remains", "created", "created_timestamp");
        assertThat(r.get("id").asLong()).isEqualTo(refill);
        assertThat(r.get("order_id").isIntegralNumber()).isTrue();
        assertThat(r.get("quantity").isIntegralNumber()).isTrue();
        assertThat(r.get("start_count").isIntegralNumber()).isTrue();
        assertThat(r.get("remains").isIntegralNumber()).isTrue();
        assertThat(r.get("link").isTextual()).isTrue();
        assertTime(r, "created");
    }
}
