package org.opensmm.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.app.Config;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Admin API v2 of ADMIN-API.md on a real panel over real HTTP: bodies as the spec quotes them. */
class AdminApiTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static TestPanel panel;
    static String owner, support;
    static long manual;

    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        JsonNode data() { return json.get("data"); }
    }

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withAdmin(new Config.Admin(0, true, null, null)));
        owner = key("owner-" + System.nanoTime(), Role.OWNER);
        support = key("support-" + System.nanoTime(), Role.SUPPORT);
        manual = panel.service(ServiceType.DEFAULT, "0.90", 10, 100_000);
    }

    @AfterAll static void stop() { panel.close(); }

    static String key(String name, Role role) {
        var cli = new Actor.Cli("test");
        panel.panel.staff.add(cli, name, role, null);
        return panel.panel.staff.newKey(cli, name).key().value();
    }

    static Reply call(TestPanel p, String key, String method, String path, String json) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.panel.port() + "/adminapi/v2" + path)).timeout(Duration.ofSeconds(20));
        if (key != null) b.header("X-Api-Key", key);
        if (json != null) b.header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            return new Reply(r.statusCode(), r, r.body().isEmpty() ? null : TestPanel.JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply get(String path) { return call(panel, owner, "GET", path, null); }

    static Reply post(String path, String json) { return call(panel, owner, "POST", path, json); }

    static void assertError(Reply r, int http, int code, String text) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(http);
        assertThat(r.json().get("error_code").asInt()).isEqualTo(code);
        assertThat(r.json().get("error_message").asText()).isEqualTo(text);
        assertThat(r.data().isArray() && r.data().isEmpty()).isTrue();
    }

    static void assertOk(Reply r) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        assertThat(r.json().get("error_code").asInt()).isZero();
        assertThat(r.json().get("error_message").asText()).isEmpty();
    }

    static long order(TestPanel.Customer c, long quantity) {
        JsonNode r = panel.call(c.key(), "action", "add", "service", Long.toString(manual), "link",
                "https://www.instagram.com/p/" + System.nanoTime(), "quantity", Long.toString(quantity));
        assertThat(r.has("order")).as(r.toString()).isTrue();
        return r.get("order").asLong();
    }

    @Test void unknown_paths_and_wrong_methods_answer_page_not_found_in_the_envelope() {
        assertError(get("/nowhere"), 404, 100, "Page not found.");
        assertError(get("/orders/pull"), 404, 100, "Page not found.");
        assertError(post("/services", "{}"), 404, 100, "Page not found.");
    }

    @Test void a_missing_unknown_or_customer_key_is_refused_with_401() {
        var alice = panel.customer("10");
        assertError(call(panel, null, "GET", "/orders", null), 401, 101, "Invalid API key");
        assertError(call(panel, "no-such-key-0123456789", "GET", "/orders", null), 401, 101, "Invalid API key");
        assertError(call(panel, alice.key(), "GET", "/orders", null), 401, 101, "Invalid API key");
        assertError(call(panel, null, "GET", "/orders?apikey=" + alice.key(), null), 401, 101, "Invalid API key");
        assertOk(call(panel, null, "GET", "/orders?limit=1&apikey=" + owner, null));
    }

    @Test void an_order_reads_with_every_field_in_its_json_type() {
        var alice = panel.customer("10");
        long id = order(alice, 1000);
        Reply r = get("/orders/" + id + "?include=provider");
        assertOk(r);
        JsonNode o = r.data();
        assertThat(o.fieldNames()).toIterable().containsExactly("id", "external_id", "user", "creation_type", "charge",
                "provider_charge", "provider_currency_charge", "link", "start_count", "quantity", "service_id", "service_type",
                "service_name", "provider", "status", "remains", "is_autocomplete", "is_active_autocomplete", "created",
                "created_timestamp", "last_update", "last_update_timestamp", "mode", "ip_address", "comments", "order_buttons",
                "actions", "provider_response");
        assertThat(o.get("id").isIntegralNumber()).isTrue();
        assertThat(o.get("external_id").isNull()).isTrue();
        assertThat(o.get("charge").get("value").asText()).isEqualTo("0.90");
        assertThat(o.get("charge").get("currency_code").asText()).isEqualTo("USD");
        assertThat(o.get("charge").get("formatted").asText()).isEqualTo("$0.90");
        assertThat(o.get("quantity").asLong()).isEqualTo(1000);
        assertThat(o.get("status").asText()).isEqualTo("pending");
        assertThat(o.get("mode").asText()).isEqualTo("manual");
        assertThat(o.get("service_type").asText()).isEqualTo("default");
        assertThat(o.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(o.get("created_timestamp").isIntegralNumber()).isTrue();
        assertThat(o.get("order_buttons").isArray()).isTrue();
        assertThat(o.get("actions").get("cancel_and_refund").isBoolean()).isTrue();
        assertError(get("/orders/99999999"), 404, 100, "Order not found.");
        assertError(get("/orders/abc"), 404, 100, "Order not found.");
    }

    @Test void orders_list_filters_pages_and_counts_across_pages() {
        var bob = panel.customer("10");
        for (int i = 0; i < 3; i++) order(bob, 100);
        String user = panel.panel.accounts.find(bob.id()).orElseThrow().name();
        Reply r = get("/orders?user=" + user + "&order_status=pending&limit=2");
        assertOk(r);
        assertThat(r.data().get("count").asLong()).isEqualTo(3);
        assertThat(r.data().get("list")).hasSize(2);
        JsonNode p = r.json().get("pagination");
        assertThat(p.get("next_page_href").asText()).contains("offset=2").contains("limit=2").doesNotContain("apikey");
        assertThat(p.get("prev_page_href").asText()).isEmpty();
        Reply last = get("/orders/?user=" + user + "&status=Pending,completed&limit=2&offset=2");
        assertThat(last.data().get("list")).hasSize(1);
        assertThat(last.json().get("pagination").get("next_page_href").asText()).isEmpty();
        assertOk(get("/orders?user=nobody-at-all"));
        assertThat(get("/orders?user=nobody-at-all").data().get("count").asLong()).isZero();
        assertError(get("/orders?order_status=flying"), 400, 102, "Incorrect request");
    }

    @Test void two_concurrent_pulls_never_share_an_order() throws Exception {
        var carol = panel.customer("100");
        var mine = new HashSet<Long>();
        long service = panel.service(ServiceType.DEFAULT, "0.10", 10, 100_000);
        for (int i = 0; i < 30; i++) {
            JsonNode r = panel.call(carol.key(), "action", "add", "service", Long.toString(service), "link", "https://x.example/" + i, "quantity", "100");
            mine.add(r.get("order").asLong());
        }
        String body = "{\"service_ids\": \"" + service + "\", \"limit\": \"20\"}";
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Reply> a = pool.submit(() -> post("/orders/pull", body));
            Future<Reply> b = pool.submit(() -> post("/orders/pull", body));
            var seen = new ArrayList<Long>();
            for (Future<Reply> f : List.of(a, b)) {
                Reply r = f.get(60, TimeUnit.SECONDS);
                assertOk(r);
                assertThat(r.json().has("pagination")).isFalse();
                for (JsonNode o : r.data().get("list")) {
                    assertThat(o.get("status").asText()).isEqualTo("processing");
                    seen.add(o.get("id").asLong());
                }
                assertThat(r.data().get("count").asInt()).isEqualTo(r.data().get("list").size());
            }
            assertThat(seen).doesNotHaveDuplicates().hasSize(30);
            assertThat(new HashSet<>(seen)).isEqualTo(mine);
            // each pull is in the order's history of states, once
            var pulled = org.opensmm.order.OrderEvents.of(panel.panel.db, seen.getFirst(), 10);
            assertThat(pulled).extracting(e -> e.what() + " " + e.from() + "→" + e.to()).containsExactly("STATUS Pending→Processing");
        } finally {
            pool.shutdownNow();
        }
        assertThat(post("/orders/pull", body).data().get("count").asInt()).isZero();
    }

    @Test void update_reports_each_item_and_final_statuses_do_not_change() {
        var dave = panel.customer("10");
        long a = order(dave, 1000), b = order(dave, 1000), c = order(dave, 1000);
        Reply r = post("/orders/update", """
                {"orders": [
                  {"id": %d, "status": "in_progress", "start_count": 1520, "remains": 400},
                  {"id": "%d", "status": "completed"},
                  {"id": %d, "status": "partial", "remains": 250, "reason": "Account went private"},
                  {"id": 99999999, "status": "completed"}
                ]}""".formatted(a, b, c));
        assertOk(r);
        JsonNode items = r.data().get("orders");
        assertThat(items).hasSize(4);
        for (int i = 0; i < 3; i++) assertThat(items.get(i).get("success").asBoolean()).as(items.toString()).isTrue();
        assertThat(items.get(3).get("success").asBoolean()).isFalse();
        assertThat(items.get(3).get("message").asText()).isEqualTo("Order not found.");
        assertThat(items.get(3).get("error_code").asInt()).isEqualTo(100);
        assertThat(get("/orders/" + a).data().get("status").asText()).isEqualTo("in_progress");
        assertThat(get("/orders/" + a).data().get("remains").asLong()).isEqualTo(400);
        assertThat(get("/orders/" + c).data().get("charge").get("value").asText()).isEqualTo("0.675"); // 0.90 - 0.90 × 250/1000
        assertThat(panel.balance(dave)).isEqualTo(Money.parse("10").minus(Money.parse("2.7")).plus(Money.parse("0.225")));

        // the same report again is a no-op success; any other change of a final order is refused, alone
        Reply again = post("/orders/update", "{\"orders\": [{\"id\": " + b + ", \"status\": \"completed\"}, {\"id\": " + b + ", \"status\": \"canceled\"}]}");
        assertThat(again.data().get("orders").get(0).get("success").asBoolean()).isTrue();
        assertThat(again.data().get("orders").get(1).get("message").asText()).isEqualTo("Order status cannot be changed");
        assertThat(again.data().get("orders").get(1).get("error_code").asInt()).isEqualTo(103);
        Reply change = post("/orders/change-status", "{\"ids\": \"" + a + "," + b + ", 99999999\", \"status\": \"canceled\"}");
        assertOk(change);
        assertThat(change.data().get("ids")).extracting(JsonNode::asLong).containsExactly(a);
        assertThat(change.data().get("skipped_ids")).extracting(JsonNode::asLong).containsExactly(b, 99999999L);
        assertThat(change.data().get("status").asText()).isEqualTo("canceled");
        assertError(post("/orders/" + b + "/set-partial", "{\"remains\": 10}"), 400, 103, "Order status cannot be changed");
        assertError(post("/orders/change-status", "{\"ids\": \"" + a + "\", \"status\": \"partial\"}"), 400, 102, "Incorrect request");
        assertError(post("/orders/change-status", "{\"status\": \"completed\"}"), 400, 102, "Incorrect request");
        assertError(post("/orders/status", "{\"order_id\": " + b + ", \"status\": \"pending\"}"), 400, 103, "Order status cannot be changed");
        // the refund of a canceled order was written once, whatever came after
        assertThat(panel.balance(dave)).isEqualTo(panel.ledgerSum(dave));
    }

    @Test void set_partial_edit_link_request_cancel_cancel_pull_and_reject() {
        var erin = panel.customer("10");
        long a = order(erin, 1000), b = order(erin, 1000);
        Reply partial = post("/orders/" + a + "/set-partial", "{\"remains\": \"250\"}");
        assertOk(partial);
        assertThat(partial.data().get("status").asText()).isEqualTo("partial");
        Reply link = post("/orders/" + b + "/edit-link", "{\"link\": \"https://www.instagram.com/new_profile\"}");
        assertOk(link);
        assertThat(link.data().get("link").asText()).isEqualTo("https://www.instagram.com/new_profile");
        assertError(post("/orders/" + b + "/edit-link", "{\"link\": \"\"}"), 400, 102, "Incorrect request");
        assertError(post("/orders/99999999/edit-link", "{\"link\": \"x\"}"), 404, 100, "Order not found.");
        Reply req = post("/orders/request-cancel", "{\"order_ids\": [" + a + ", \"" + b + "\"]}");
        assertThat(req.data().get("ids")).extracting(JsonNode::asLong).containsExactly(b);
        assertThat(req.data().get("skipped_ids")).extracting(JsonNode::asLong).containsExactly(a);
        Reply pulled = call(panel, support, "POST", "/cancel/pull", "{\"limit\": 100}");
        assertOk(pulled);
        assertThat(pulled.data().get("list")).extracting(o -> o.get("order_id").asLong()).contains(b);
        JsonNode item = pulled.data().get("list").get(0);
        assertThat(item.get("cancel_requested_at_timestamp").isIntegralNumber()).isTrue();
        assertThat(call(panel, support, "POST", "/cancel/pull", "{}").data().get("list")).extracting(o -> o.get("id").asLong()).doesNotContain(b);
        Reply reject = call(panel, support, "POST", "/cancel/reject", "{\"ids\": \"" + b + "\"}");
        assertThat(reject.data().get("ids")).extracting(JsonNode::asLong).containsExactly(b);
        Reply cancel = post("/orders/cancel", "{\"ids\": " + b + ", \"cancel_reason\": \"Out of stock\"}");
        assertThat(cancel.data().get("ids")).extracting(JsonNode::asLong).containsExactly(b);
        assertThat(get("/orders/" + b).data().get("status").asText()).isEqualTo("canceled");
        assertThat(post("/orders/resend", "{\"ids\": \"" + a + "\"}").data().get("skipped_ids")).extracting(JsonNode::asLong).containsExactly(a);
        assertThat(panel.balance(erin)).isEqualTo(panel.ledgerSum(erin));
    }

    @Test void refill_tasks_are_pulled_once_and_set_by_refill_id() {
        var fay = panel.customer("10");
        long a = order(fay, 1000);
        assertOk(post("/orders/update", "{\"id\": " + a + ", \"status\": \"completed\"}"));
        JsonNode refill = panel.call(fay.key(), "action", "refill", "order", Long.toString(a));
        long refillId = refill.get("refill").asLong();
        Reply pulled = call(panel, support, "POST", "/refill/pull", "{\"limit\": 100}");
        assertOk(pulled);
        JsonNode item = pulled.data().get("list").get(0);
        assertThat(item.get("id").asLong()).isEqualTo(refillId);
        assertThat(item.get("order_id").asLong()).isEqualTo(a);
        assertThat(item.get("status").asText()).isEqualTo("in_progress");
        assertThat(org.opensmm.order.OrderEvents.of(panel.panel.db, a, 20)).extracting(e -> e.what() + " " + e.from() + "→" + e.to())
                .contains("REFILL Pending→In progress");
        assertThat(call(panel, support, "POST", "/refill/pull", "{}").data().get("count").asInt()).isZero();
        Reply done = call(panel, support, "POST", "/refill/change-status", "{\"refill_id\": " + refillId + ", \"status\": \"completed\"}");
        assertOk(done);
        assertThat(done.data().get("ids")).extracting(JsonNode::asLong).containsExactly(refillId);
        assertThat(panel.call(fay.key(), "action", "refill_status", "refill", Long.toString(refillId)).get("status").asText()).isEqualTo("Completed");
    }

    @Test void twenty_concurrent_payments_write_twenty_entries_and_balance_equals_ledger() throws Exception {
        var gus = panel.customer("0");
        String user = panel.panel.accounts.find(gus.id()).orElseThrow().name();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Reply>>();
            for (int i = 0; i < 20; i++) {
                String body = i % 2 == 0
                        ? "{\"username\": \"" + user + "\", \"amount\": \"10.00\", \"method\": \"Perfect Money USD\", \"memo\": \"added via Admin API\", \"affiliate_commission\": false, \"payment_id\": 1}"
                        : "{\"user\": {\"username\": \"" + user + "\"}, \"amount\": {\"value\": \"10.00\", \"currency_code\": \"USD\"}, \"payment_id\": 1}";
                calls.add(() -> post("/payments/add", body));
            }
            for (Future<Reply> f : pool.invokeAll(calls, 120, TimeUnit.SECONDS)) {
                Reply r = f.get();
                assertOk(r);
                assertThat(r.data().get("payment_id").isIntegralNumber()).isTrue();
                assertThat(r.data().get("user").get("username").asText()).isEqualTo(user);
                assertThat(r.data().get("amount").get("value").asText()).isEqualTo("10.00");
            }
        } finally {
            pool.shutdownNow();
        }
        long entries = panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ? AND kind = 'DEPOSIT'", gus.id()));
        assertThat(entries).isEqualTo(20);
        assertThat(panel.balance(gus)).isEqualTo(Money.parse("200")).isEqualTo(panel.ledgerSum(gus));
        // and every customer's balance still equals their ledger, not only this one's
        long unequal = panel.panel.db.read(tx -> tx.count("""
                SELECT COUNT(*) FROM customer c
                WHERE c.balance <> COALESCE((SELECT SUM(e.amount) FROM ledger_entry e WHERE e.customer_id = c.id), 0)"""));
        assertThat(unequal).isZero();
        Reply list = get("/payments?user=" + user + "&limit=5");
        assertThat(list.data().get("count").asLong()).isEqualTo(20);
        assertThat(list.data().get("list").get(0).get("amount").get("value").asText()).isEqualTo("10.00");
        assertError(post("/payments/add", "{\"username\": \"nobody-at-all\", \"amount\": 5}"), 404, 100, "User not found.");
        assertError(post("/payments/add", "{\"username\": \"" + user + "\", \"amount\": -5}"), 400, 102, "Incorrect amount");
        assertError(post("/payments/add", "{\"username\": \"" + user + "\", \"amount\": \"1.000001\"}"), 400, 102, "Incorrect amount");
        assertError(post("/payments/add", "{\"amount\": 5}"), 400, 102, "Incorrect amount");
        // a form body is read the same way
        Reply form = call(panel, owner, "POST", "/payments/add", null);
        assertThat(form.status()).isEqualTo(400);
    }

    @Test void the_support_role_cannot_add_payments_but_reads_orders() {
        var hal = panel.customer("0");
        String user = panel.panel.accounts.find(hal.id()).orElseThrow().name();
        Reply r = call(panel, support, "POST", "/payments/add", "{\"username\": \"" + user + "\", \"amount\": 5}");
        assertError(r, 403, 106, AdminApi.NOT_PERMITTED);
        assertThat(panel.balance(hal)).isEqualTo(Money.ZERO);
        assertOk(call(panel, support, "GET", "/orders?limit=1", null));
        assertError(call(panel, support, "GET", "/users", null), 403, 106, AdminApi.NOT_PERMITTED);
    }

    @Test void users_are_found_by_exact_username_and_added() {
        var ivy = panel.customer("12.5");
        String user = panel.panel.accounts.find(ivy.id()).orElseThrow().name();
        Reply r = get("/users?username=" + user.toUpperCase());
        assertOk(r);
        assertThat(r.data().get("count").asInt()).isEqualTo(1);
        JsonNode u = r.data().get("list").get(0);
        assertThat(u.fieldNames()).toIterable().containsExactly("id", "username", "email", "balance", "spent", "status", "created",
                "created_timestamp", "last_auth", "last_auth_timestamp");
        assertThat(u.get("balance").get("value").asText()).isEqualTo("12.50");
        assertThat(u.get("status").asText()).isEqualTo("active");
        assertThat(get("/users?username=nobody-at-all").data().get("count").asInt()).isZero();
        String bob = "newbob" + System.nanoTime();
        Reply added = post("/users/add", "{\"username\": \"" + bob + "\", \"email\": \"bob@example.com\", \"password\": \"s3cret-enough\"}");
        assertOk(added);
        assertThat(added.data().get("username").asText()).isEqualTo(bob);
        assertError(post("/users/add", "{\"username\": \"" + bob + "\", \"email\": \"bob@example.com\", \"password\": \"s3cret-enough\"}"),
                400, 102, "Username already exists");
    }

    @Test void tickets_open_list_read_and_reply() {
        var jo = panel.customer("1");
        String user = panel.panel.accounts.find(jo.id()).orElseThrow().name();
        Reply opened = call(panel, support, "POST", "/tickets/add", "{\"username\": \"" + user + "\", \"subject\": \"Order 7001\", \"message\": \"Order 7001 has <b>not</b> started\"}");
        assertOk(opened);
        long id = opened.data().get("id").asLong();
        assertThat(opened.data().get("status").asText()).isEqualTo("pending");
        Reply list = call(panel, support, "GET", "/tickets?status=pending&user=" + user, null);
        assertThat(list.data().get("count").asInt()).isEqualTo(1);
        Reply reply = call(panel, support, "POST", "/tickets/" + id + "/reply", "{\"message\": \"Your order is in progress.\", \"staff_name\": \"Support\", \"ticket_id\": 1}");
        assertOk(reply);
        assertThat(reply.data().get("is_staff").asBoolean()).isTrue();
        assertThat(reply.data().get("staff_name").asText()).isEqualTo("Support");
        Reply one = call(panel, support, "GET", "/tickets/" + id, null);
        assertThat(one.data().get("status").asText()).isEqualTo("answered");
        assertThat(one.data().get("messages")).hasSize(2);
        assertThat(one.data().get("messages").get(0).get("message").asText()).isEqualTo("Order 7001 has not started");
        assertError(call(panel, support, "GET", "/tickets/99999999", null), 404, 100, "Ticket not found.");
        assertError(call(panel, support, "POST", "/tickets/" + id + "/reply", "{\"message\": \"\"}"), 400, 102, "Incorrect request");
    }

    @Test void preflights_get_204_and_every_reply_carries_cors_headers() {
        Reply pre = call(panel, null, "OPTIONS", "/orders", null);
        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(pre.raw().headers().firstValue("Access-Control-Allow-Headers")).hasValue("X-Api-Key, Content-Type");
        assertThat(pre.raw().headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, OPTIONS");
        assertThat(get("/orders?limit=1").raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(call(panel, null, "GET", "/orders", null).raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test void an_admin_api_change_leaves_exactly_one_audit_row() {
        var kim = panel.customer("0");
        String user = panel.panel.accounts.find(kim.id()).orElseThrow().name();
        long staffId = panel.panel.staff.caller(owner).orElseThrow().member().id();
        assertOk(post("/payments/add", "{\"username\": \"" + user + "\", \"amount\": 7}"));
        var rows = panel.panel.db.read(tx -> tx.list("SELECT actor, staff_id, action, before_json, after_json FROM audit WHERE object_type = 'customer' AND object_id = ?",
                rs -> List.of(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)), Long.toString(kim.id())));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo("staff:" + staffId);
        assertThat(rows.get(0).get(1)).isEqualTo(staffId);
        assertThat(rows.get(0).get(2)).isEqualTo("funds.deposit");
        assertThat((String) rows.get(0).get(3)).contains("\"balance\":\"0\"");
        assertThat((String) rows.get(0).get(4)).contains("\"balance\":\"7\"", "\"amount\":\"7\"");
    }

    @Test void more_than_five_requests_a_second_from_one_key_get_429_with_retry_after() {
        try (TestPanel limited = TestPanel.start(c -> c.withAdmin(new Config.Admin(5, true, null, null)))) {
            var cli = new Actor.Cli("test");
            limited.panel.staff.add(cli, "limited", Role.OWNER, null);
            String key = limited.panel.staff.newKey(cli, "limited").key().value();
            Reply last = null;
            for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) last = call(limited, key, "GET", "/orders?limit=1", null);
            assertError(last, 429, 104, "Too many requests");
            assertThat(last.raw().headers().firstValue("Retry-After")).hasValue("1");
        }
    }
}
