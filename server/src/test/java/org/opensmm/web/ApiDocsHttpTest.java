package org.opensmm.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.api.ErrorText;
import org.opensmm.catalog.ServiceType;
import org.opensmm.core.Reason;
import org.opensmm.ledger.Money;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.web.WebClient.cookieOf;

/**
 * /api's documentation is the code's: each documented example reply has exactly the JSON keys of a real call of the same
 * action on a real panel, and every error text is ErrorText's.
 */
class ApiDocsHttpTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "<code class=\"request\">action=([a-z_]+)(?:&amp;([^<]*))?</code></p>\\s*<pre><code class=\"example\">([^<]*)</code></pre>");
    static TestPanel panel;
    static WebClient web;
    static String apiPage;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        web = new WebClient(panel.panel.port());
        long reader = panel.panel.accounts.create("docs-reader", Money.ZERO).customer().id();
        panel.panel.passwords.setPassword(new Actor.Cli("test"), reader, "a long enough password");
        WebClient.Reply page = web.get("/api", cookieOf(web.signIn("docs-reader", "a+long+enough+password", "/api")));
        assertThat(page.status()).isEqualTo(200);
        apiPage = page.body();
    }

    @AfterAll static void stop() { panel.close(); }

    /** Every key path of a reply ("[]" for list entries, "#" for a key that is an id), as a set. */
    private static TreeSet<String> keys(JsonNode node, String at, TreeSet<String> out) {
        if (node.isArray()) node.forEach(e -> keys(e, at + "[].", out));
        else if (node.isObject()) node.fieldNames().forEachRemaining(name -> {
            String key = at + (name.matches("\\d+") ? "#" : name);
            out.add(key);
            keys(node.get(name), key + ".", out);
        });
        return out;
    }

    private static String unescape(String html) {
        return html.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test void every_documented_example_reply_has_the_keys_of_a_real_call_of_its_action() {
        var me = panel.customer("100");
        String service = String.valueOf(panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000));
        String[] link = {"https://instagram.com/p/a", "https://instagram.com/p/b", "https://instagram.com/p/c", "https://instagram.com/p/d"};
        long[] order = new long[link.length];
        for (int i = 0; i < link.length; i++) {
            order[i] = panel.call(me.key(), "action", "add", "service", service, "link", link[i], "quantity", "100").path("order").asLong();
            assertThat(order[i]).isPositive();
        }
        panel.panel.orders.setStatus(new Actor.Cli("test"), order[1], Status.COMPLETED, 10L, 0L);
        panel.panel.orders.setStatus(new Actor.Cli("test"), order[2], Status.COMPLETED, 10L, 0L);
        String refill = panel.call(me.key(), "action", "refill", "order", String.valueOf(order[1])).path("refill").asText();
        assertThat(refill).matches("\\d+");

        // each documented call (action and its fields) → the same call made for real; 999999 is nobody's order or refill
        Map<String, String[]> real = new LinkedHashMap<>();
        real.put("services", new String[] {});
        real.put("add service=1&link=…&quantity=100", new String[] {"service", service, "link", "https://instagram.com/p/e", "quantity", "100"});
        real.put("status order=23501", new String[] {"order", String.valueOf(order[0])});
        real.put("status orders=23501,9", new String[] {"orders", order[0] + ",999999"});
        real.put("refill order=23501", new String[] {"order", String.valueOf(order[2])});
        real.put("refill orders=23501,9", new String[] {"orders", order[1] + ",999999"});
        real.put("refill_status refill=1", new String[] {"refill", refill});
        real.put("refill_status refills=1,2", new String[] {"refills", refill + ",999999"});
        real.put("cancel orders=23501,9", new String[] {"orders", order[3] + ",999999"});
        real.put("balance", new String[] {});

        var documented = new LinkedHashMap<String, String>();
        var m = EXAMPLE.matcher(apiPage);
        while (m.find()) documented.put((m.group(1) + " " + (m.group(2) == null ? "" : unescape(m.group(2)))).strip(), unescape(m.group(3)));
        assertThat(documented.keySet()).as("the documented calls").containsExactlyElementsOf(real.keySet());

        // the order example of refill (order[2]) is made after the list one takes order[1]'s refill slot: one refill at a time
        real.forEach((call, fields) -> {
            String[] args = new String[fields.length + 2];
            args[0] = "action";
            args[1] = call.split(" ")[0];
            System.arraycopy(fields, 0, args, 2, fields.length);
            JsonNode reply = panel.call(me.key(), args);
            JsonNode example = reply(documented.get(call));
            assertThat(keys(example, "", new TreeSet<>())).as(call + ": documented " + example + ", real " + reply)
                    .isEqualTo(keys(reply, "", new TreeSet<>())).isNotEmpty();
        });
    }

    @Test void the_documented_errors_are_the_wire_texts() {
        String page = unescape(apiPage);
        for (Reason.Fixed f : Reason.Fixed.values()) assertThat(page).contains("{\"error\":\"" + ErrorText.of(f) + "\"}");
        assertThat(page).contains("{\"error\":\"Invalid API key\"}").contains("{\"error\":\"Quantity less than minimal 50\"}");
    }

    private static JsonNode reply(String json) {
        try {
            return TestPanel.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("documented example is not JSON: " + json, e);
        }
    }
}
