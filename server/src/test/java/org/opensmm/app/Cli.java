package org.opensmm.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.opensmm.testing.TestPanel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator commands run in-process against a real panel's database, with what they print captured. */
final class Cli {
    private static final Pattern KEY = Pattern.compile("(?m)^api key\\s+([0-9a-f]{32})$");

    final TestPanel panel;

    Cli(TestPanel panel) { this.panel = panel; }

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(panel.panel.config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed, and returns what it printed. */
    String ok(String... args) {
        Run r = run(args);
        assertThat(r.exit()).as("exit of %s; stderr: %s", String.join(" ", args), r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }

    /** Runs a command that must be refused with one {@code error:} line and exit 1, and returns that line. */
    String refused(String... args) {
        return refused(1, args);
    }

    String refused(int exit, String... args) {
        Run r = run(args);
        assertThat(r.exit()).as("exit of %s; stdout: %s", String.join(" ", args), r.out()).isEqualTo(exit);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ", "Exception");
        assertThat(r.err().strip().lines()).hasSize(1);
        return r.err().strip();
    }

    /** {@code customer create} and the key it printed once. */
    TestPanel.Customer createCustomer(String name, String balance) {
        String out = ok("customer", "create", name, "--balance", balance);
        var m = KEY.matcher(out);
        assertThat(m.find()).as("a key in: %s", out).isTrue();
        long id = panel.panel.accounts.findByName(name).orElseThrow().id();
        return new TestPanel.Customer(id, m.group(1));
    }

    /** Places an order over API v2 and returns its id. */
    long order(TestPanel.Customer who, long service, String link, long quantity) {
        JsonNode reply = panel.call(who.key(), "action", "add", "service", Long.toString(service), "link", link,
                "quantity", Long.toString(quantity));
        assertThat(reply.has("order")).as("add reply %s", reply).isTrue();
        return reply.get("order").asLong();
    }

    String status(TestPanel.Customer who, long order) {
        return panel.call(who.key(), "action", "status", "order", Long.toString(order)).path("status").asText();
    }

    String balance(TestPanel.Customer who) {
        return panel.call(who.key(), "action", "balance").path("balance").asText();
    }
}
