package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.ApiKey;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm customer …} against a running panel: keys it prints are the keys API v2 accepts. */
class CustomerCommandTest {
    static TestPanel panel;
    static Cli cli;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void a_created_customer_gets_a_key_that_works_over_api_v2_and_only_its_hash_is_stored() {
        var alice = cli.createCustomer("alice", "12.5");

        assertThat(cli.balance(alice)).isEqualTo("12.5");
        assertThat(panel.snapshot()).doesNotContain(alice.key());
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void create_prints_the_id_the_name_and_the_key_once() {
        String out = cli.ok("customer", "create", "printed");
        long id = panel.panel.accounts.findByName("printed").orElseThrow().id();

        assertThat(out).containsPattern("(?m)^id\\s+" + id + "$").containsPattern("(?m)^name\\s+printed$")
                .containsPattern("(?m)^balance\\s+0$").containsPattern("(?m)^api key\\s+[0-9a-f]{32}$")
                .contains("only its hash");
    }

    @Test void list_shows_each_customer_with_balance_and_whether_enabled() {
        var lister = cli.createCustomer("lister", "3.25");
        cli.ok("customer", "disable", "lister");

        String out = cli.ok("customer", "list");

        assertThat(out.lines().findFirst().orElseThrow()).matches("ID\\s+NAME\\s+BALANCE\\s+ENABLED");
        assertThat(out).containsPattern("(?m)^\\s*" + lister.id() + "\\s+lister\\s+3\\.25\\s+no$");
    }

    @Test void a_new_key_works_and_the_old_one_stops_working_at_once() {
        var bob = cli.createCustomer("bob", "1");

        String out = cli.ok("customer", "key", "bob");
        String newKey = out.replaceAll("(?s).*: ([0-9a-f]{32})\\R.*", "$1");

        assertThat(newKey).matches("[0-9a-f]{32}");
        assertThat(panel.call(bob.key(), "action", "balance").path("error").asText()).isEqualTo("Invalid API key");
        assertThat(panel.call(newKey, "action", "balance").path("balance").asText()).isEqualTo("1");
    }

    @Test void a_disabled_customer_is_refused_by_id_and_accepted_again_once_enabled() {
        var carol = cli.createCustomer("carol", "2");

        cli.ok("customer", "disable", "#" + carol.id());
        assertThat(panel.call(carol.key(), "action", "balance").path("error").asText()).isEqualTo("Invalid API key");

        cli.ok("customer", "enable", "carol");
        assertThat(cli.balance(carol)).isEqualTo("2");
    }

    @Test void a_custom_rate_shows_in_services_for_that_customer_only_until_cleared() {
        var dave = cli.createCustomer("dave", "0");
        var erin = cli.createCustomer("erin", "0");

        String out = cli.ok("customer", "rate", "dave", Long.toString(followers), "0.50");

        assertThat(out).contains("0.50 per 1000").contains("list rate 0.90");
        assertThat(rateSeenBy(dave)).isEqualTo("0.50");
        assertThat(rateSeenBy(erin)).isEqualTo("0.90");

        cli.ok("customer", "rate", "dave", Long.toString(followers), "--clear");
        assertThat(rateSeenBy(dave)).isEqualTo("0.90");
    }

    @Test void a_custom_rate_needs_either_a_rate_or_clear_and_a_known_service() {
        cli.createCustomer("frank", "0");
        String before = panel.snapshot();

        assertThat(cli.refused(2, "customer", "rate", "frank", Long.toString(followers))).contains("give either RATE or --clear");
        assertThat(cli.refused(2, "customer", "rate", "frank", Long.toString(followers), "0.5", "--clear")).contains("either RATE or --clear");
        assertThat(cli.refused("customer", "rate", "frank", "999", "0.5")).isEqualTo("error: no service 999 (see: opensmm service list)");
        assertThat(cli.refused("customer", "rate", "frank", Long.toString(followers), "0.123456")).contains("bad rate '0.123456'");
        assertThat(cli.refused("customer", "rate", "frank", Long.toString(followers), "-1")).contains("bad rate '-1'");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void a_second_customer_of_the_same_name_is_refused_and_nothing_changes() {
        cli.createCustomer("gina", "5");
        String before = panel.snapshot();

        assertThat(cli.refused("customer", "create", "gina", "--balance", "7")).isEqualTo("error: a customer named 'gina' already exists");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void unknown_customers_and_bad_opening_balances_are_refused_with_one_line() {
        String before = panel.snapshot();

        assertThat(cli.refused("customer", "key", "nobody")).startsWith("error: no customer named 'nobody'");
        assertThat(cli.refused("customer", "disable", "#424242")).startsWith("error: no customer with id 424242");
        assertThat(cli.refused("customer", "create", "hank", "--balance", "1e3")).contains("bad amount '1e3'");
        assertThat(cli.refused("customer", "create", "hank", "--balance", "-1")).contains("cannot be negative");
        assertThat(cli.refused(2, "customer", "create")).contains("Missing required parameter: 'NAME'");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void a_bare_number_is_a_name_and_an_id_is_written_with_a_hash() {
        var ivy = cli.createCustomer("ivy", "0");
        String digits = Long.toString(ivy.id());
        ApiKey legacyKey = ApiKey.generate(); // a customer named like ivy's id, as an older panel could store it
        panel.panel.db.inTransaction(tx -> tx.insert("INSERT INTO customer (name, key_hash, balance, enabled, created_at) VALUES (?, ?, 0, TRUE, 0)",
                digits, ApiKey.sha256(legacyKey.value())));

        cli.ok("funds", "deposit", "#" + digits, "10", "--reason", "by id");
        cli.ok("customer", "disable", digits);

        assertThat(cli.balance(ivy)).isEqualTo("10");
        assertThat(panel.call(legacyKey.value(), "action", "balance").path("error").asText()).isEqualTo("Invalid API key");
    }

    @Test void a_name_of_digits_is_refused_and_a_bare_number_points_to_the_id_form() {
        var jack = cli.createCustomer("jack", "1");
        String id = Long.toString(jack.id());
        String before = panel.snapshot();

        assertThat(cli.refused("customer", "create", "5")).isEqualTo("error: a customer name cannot be only digits: '5' would read as an id");
        assertThat(cli.refused("customer", "create", "#jack")).isEqualTo("error: a customer name cannot start with '#': that is how ids are written");
        assertThat(cli.refused("funds", "deposit", id, "10", "--reason", "x")).isEqualTo("error: no customer named " + id + "; use '#" + id + "' for the id");
        assertThat(cli.refused("customer", "disable", "#x" + id)).isEqualTo("error: bad customer id '#x" + id + "': '#' and digits, like '#5'");
        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(cli.ok("ledger", "#" + id)).startsWith("customer " + id + " 'jack'");
    }

    @Test void control_characters_in_a_name_print_as_text_not_as_terminal_commands() {
        // clear screen, set the window title (OSC … BEL), and a C1 CSI
        String name = "mallory\u001b[2J\u001b]0;pwned\u0007\u009b31m";
        String shown = "mallory\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m";

        String created = cli.ok("customer", "create", name);
        String list = cli.ok("customer", "list");
        String refused = cli.refused("customer", "key", name + "?");

        assertThat(created).containsPattern("(?m)^name\\s+" + java.util.regex.Pattern.quote(shown) + "$");
        assertThat(list).contains(shown);
        assertThat(refused).isEqualTo("error: no customer named '" + shown + "?' (see: opensmm customer list)");
        assertThat(created + list + refused).doesNotContain("\u001b", "\u0007", "\u009b");
    }

    @Test void the_customer_group_alone_lists_its_commands() {
        assertThat(cli.ok("customer")).contains("create", "list", "key", "disable", "enable", "rate");
    }

    private String rateSeenBy(TestPanel.Customer c) {
        for (var s : panel.call(c.key(), "action", "services")) {
            if (s.path("service").asLong() == followers) return s.path("rate").asText();
        }
        throw new AssertionError("service " + followers + " not on sale");
    }
}
