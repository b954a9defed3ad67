package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm service …}: what the operator types is what the catalogue holds and {@code services} lists. */
class ServiceCommandTest {
    static TestPanel panel;
    static Cli cli;
    static TestPanel.Customer customer;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
        customer = panel.customer("100");
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void an_added_service_holds_every_option_and_is_on_sale() {
        long id = add("--name", "IG Comments", "--type", "custom comments", "--category", "Instagram", "--rate", "8.50",
                "--min", "10", "--max", "1500", "--refill", "--cancel", "--refill-days", "7", "--refill-cooldown", "60");

        Service s = panel.panel.catalog.find(id).orElseThrow();
        assertThat(s).isEqualTo(new Service(id, "IG Comments", ServiceType.CUSTOM_COMMENTS, "Instagram", s.rate(), 10, 1500,
                true, true, false, 7, 60, Set.of(), true));
        assertThat(s.rate().toWire()).isEqualTo("8.50");
        var listed = onSale(id);
        assertThat(listed.path("type").asText()).isEqualTo("Custom Comments");
        assertThat(listed.path("rate").asText()).isEqualTo("8.50");
        assertThat(listed.path("refill").asBoolean()).isTrue();
    }

    @Test void a_type_may_be_given_as_its_enum_name_and_delays_narrow_a_subscription() {
        long id = add("--name", "Auto likes", "--type", "SUBSCRIPTIONS", "--category", "Auto", "--rate", "1.1", "--min", "50",
                "--max", "500", "--delays", "0, 30,60");

        Service s = panel.panel.catalog.find(id).orElseThrow();
        assertThat(s.type()).isEqualTo(ServiceType.SUBSCRIPTIONS);
        assertThat(s.delays()).containsExactlyInAnyOrder(0, 30, 60);
        assertThat(s.refill()).isFalse();
        assertThat(s.cancel()).isFalse();
        assertThat(s.refillDays()).isEqualTo(30);
    }

    @Test void an_edit_changes_only_the_options_given() {
        long id = add("--name", "Followers", "--type", "Default", "--category", "Instagram", "--rate", "0.90", "--min", "50",
                "--max", "10000", "--refill", "--cancel", "--drip-feed");

        String out = cli.ok("service", "edit", Long.toString(id), "--rate", "1.20", "--refill=false", "--max", "20000");

        Service s = panel.panel.catalog.find(id).orElseThrow();
        assertThat(s.rate().toWire()).isEqualTo("1.20");
        assertThat(s.max()).isEqualTo(20_000);
        assertThat(s.refill()).isFalse();
        assertThat(s).extracting(Service::name, Service::min, Service::cancel, Service::dripFeed, Service::enabled)
                .containsExactly("Followers", 50L, true, true, true);
        assertThat(out).containsPattern("(?m)^rate\\s+1\\.20 per 1000$");
        assertThat(onSale(id).path("rate").asText()).isEqualTo("1.20");
    }

    @Test void a_disabled_service_leaves_services_and_add_but_stays_in_the_operators_list() {
        long id = add("--name", "Likes", "--type", "default", "--category", "Instagram", "--rate", "0.10", "--min", "10", "--max", "1000");

        cli.ok("service", "disable", Long.toString(id));

        assertThat(onSale(id)).isNull();
        assertThat(panel.call(customer.key(), "action", "add", "service", Long.toString(id), "link", "https://x.com/a",
                "quantity", "100").path("error").asText()).isEqualTo("Incorrect service ID");
        assertThat(cli.ok("service", "list")).containsPattern("(?m)^\\s*" + id + "\\s+Likes\\s+Default\\s+Instagram\\s+0\\.10\\s+1000\\s+10\\s+1000\\s+no\\s+no\\s+no\\s+no$");

        cli.ok("service", "enable", Long.toString(id));
        assertThat(onSale(id)).isNotNull();
    }

    @Test void show_prints_every_field_of_a_service() {
        long id = add("--name", "Package 1000", "--type", "Package", "--category", "Instagram", "--rate", "1.20", "--min", "1", "--max", "1");

        String out = cli.ok("service", "show", Long.toString(id));

        assertThat(out).containsPattern("(?m)^type\\s+Package$").containsPattern("(?m)^rate\\s+1\\.20 per package$")
                .containsPattern("(?m)^refill\\s+no$").containsPattern("(?m)^delays\\s+all").containsPattern("(?m)^enabled\\s+yes$");
    }

    @Test void bad_service_input_is_refused_with_one_line_and_changes_nothing() {
        long id = add("--name", "Views", "--type", "Default", "--category", "YouTube", "--rate", "0.5", "--min", "100", "--max", "1000");
        String before = catalog();

        assertThat(cli.refused("service", "add", "--name", "X", "--type", "Followerz", "--category", "C", "--rate", "1", "--min", "1", "--max", "2"))
                .contains("unknown service type 'Followerz'").contains("Default, Package, Custom Comments").contains("Subscriptions");
        assertThat(cli.refused(2, "service", "add", "--name", "X", "--type", "Default")).contains("--category, --rate, --min, --max");
        assertThat(cli.refused("service", "add", "--name", "X", "--type", "Default", "--category", "C", "--rate", "1", "--min", "10", "--max", "5"))
                .contains("min <= max");
        assertThat(cli.refused("service", "edit", Long.toString(id), "--rate", "0.000001")).contains("bad rate");
        assertThat(cli.refused("service", "edit", Long.toString(id), "--delays", "7")).contains("delays must be among 0,5,10,");
        assertThat(cli.refused("service", "edit", Long.toString(id), "--refill-days", "-1")).contains("cannot be negative");
        assertThat(cli.refused(2, "service", "edit", Long.toString(id))).contains("at least one option");
        assertThat(cli.refused("service", "edit", "999", "--rate", "1")).isEqualTo("error: no service 999 (see: opensmm service list)");
        assertThat(cli.refused("service", "disable", "999")).startsWith("error: no service 999");
        assertThat(cli.refused(2, "service", "show", "abc")).contains("'abc' is not a long");
        assertThat(catalog()).isEqualTo(before);
    }

    private static long add(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "service";
        args[1] = "add";
        System.arraycopy(options, 0, args, 2, options.length);
        String out = cli.ok(args);
        var id = java.util.regex.Pattern.compile("(?m)^id\\s+(\\d+)$").matcher(out);
        assertThat(id.find()).as("an id in: %s", out).isTrue();
        return Long.parseLong(id.group(1));
    }

    private static com.fasterxml.jackson.databind.JsonNode onSale(long id) {
        for (var s : panel.call(customer.key(), "action", "services")) if (s.path("service").asLong() == id) return s;
        return null;
    }

    private static String catalog() { return panel.panel.catalog.all().toString(); }
}
