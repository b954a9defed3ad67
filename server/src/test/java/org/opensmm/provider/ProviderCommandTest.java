package org.opensmm.provider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.app.Main;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.order.Stage;
import org.opensmm.testing.TestPanel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm provider …}: the operator's commands for providers, their catalogues and our mappings. */
class ProviderCommandTest {
    static TestPanel wholesaler, reseller;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        reseller = TestPanel.start();
    }

    @AfterAll static void stop() {
        reseller.close();
        wholesaler.close();
    }

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(reseller.panel.config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static long providerNamed(String name) {
        return reseller.panel.providers.list().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test void an_operator_adds_a_provider_sees_its_balance_imports_and_maps_services() {
        long followers = wholesaler.service(ServiceType.DEFAULT, "0.80", 50, 10_000);
        long likes = wholesaler.service(ServiceType.PACKAGE, "2.00", 1, 1);
        var account = wholesaler.customer("12.5");

        Run added = cli("provider", "add", "big", "--url", wholesaler.api.toString(), "--key", account.key(), "--on-add-error", "fail");
        assertThat(added.exit()).isZero();
        long id = providerNamed("big");
        assertThat(cli("provider", "list").out()).contains("big", "fail").doesNotContain(account.key());
        assertThat(cli("provider", "balance", Long.toString(id)).out()).contains("12.5 USD");

        Run imported = cli("provider", "import", Long.toString(id));
        assertThat(imported.out()).contains("new      " + followers + " Default", "new      " + likes + " Package", "2 new, 0 changed, 0 removed.");
        assertThat(cli("provider", "services", Long.toString(id)).out()).contains("0.80", "2.00");

        Run created = cli("provider", "create-service", Long.toString(id), Long.toString(followers), "--markup", "25");
        assertThat(created.exit()).isZero();
        assertThat(created.out()).contains("markup 25%: our rate 1.00 per 1000");
        long ours = reseller.panel.mappings.all().stream().filter(m -> m.upstreamService() == followers).findFirst().orElseThrow().serviceId();

        long manual = reseller.service(ServiceType.PACKAGE, "5", 1, 1);
        Run mapped = cli("provider", "map", Long.toString(manual), Long.toString(id), Long.toString(likes), "--rate", "2.60");
        assertThat(mapped.exit()).isZero();
        assertThat(mapped.out()).contains("rate 2.60: our rate 2.60 per package");

        // the wholesaler changes its prices and drops a service: the import says so, and the markup follows
        Service up = wholesaler.panel.catalog.find(followers).orElseThrow();
        wholesaler.panel.catalog.update(new Service(up.id(), up.name(), up.type(), up.category(), Rate.parse("1.20"), up.min(), 5000,
                up.refill(), up.cancel(), up.dripFeed(), up.refillDays(), up.refillCooldownMinutes(), up.delays(), true));
        Service pkg = wholesaler.panel.catalog.find(likes).orElseThrow();
        wholesaler.panel.catalog.update(new Service(pkg.id(), pkg.name(), pkg.type(), pkg.category(), pkg.rate(), pkg.min(), pkg.max(),
                pkg.refill(), pkg.cancel(), pkg.dripFeed(), pkg.refillDays(), pkg.refillCooldownMinutes(), pkg.delays(), false));
        Run again = cli("provider", "import", Long.toString(id));
        assertThat(again.out()).contains("changed  " + followers, "rate 0.80 → 1.20", "max 10000 → 5000", "(mapped by our service " + ours + ")",
                "removed  " + likes, "repriced service " + ours, "rate 1.00 → 1.50", "0 new, 1 changed, 1 removed.");
        assertThat(again.out()).contains("warning  service " + manual + " is mapped to upstream service " + likes);
        assertThat(reseller.panel.catalog.find(ours).orElseThrow().rate().toWire()).isEqualTo("1.50");
        assertThat(reseller.panel.catalog.find(manual).orElseThrow().rate().toWire()).isEqualTo("2.60"); // fixed stays

        assertThat(cli("provider", "mappings").out()).contains("markup 25%", "rate 2.60");
        assertThat(cli("provider", "unmap", Long.toString(manual)).exit()).isZero();
        assertThat(reseller.panel.mappings.find(manual)).isEmpty();
    }

    @Test void bad_input_is_refused_with_one_error_line_and_a_non_zero_exit() {
        assertRefused(cli("provider", "add", "x", "--url", "ftp://nowhere", "--key", "k"), "error: bad API URL");
        assertRefused(cli("provider", "add", "y", "--url", "http://127.0.0.1:1/api/v2", "--key", "k", "--on-add-error", "maybe"),
                "error: on-add-error must be retry or fail");
        assertRefused(cli("provider", "balance", "999999"), "error: no provider 999999");
        assertRefused(cli("provider", "map", "1", "999999", "1", "--rate", "1", "--markup", "5"), "error:");
        assertRefused(cli("provider", "map", "1", "999999", "1"), "error:");
        assertRefused(cli("provider", "resend", "999999"), "error: no order 999999");
        assertRefused(cli("provider", "fail-refund", "999999"), "error: no order 999999");
        cli("provider", "add", "down", "--url", "http://127.0.0.1:1/api/v2", "--key", "k");
        assertRefused(cli("provider", "balance", Long.toString(providerNamed("down"))), "error: provider " + providerNamed("down") + " did not answer: connection refused");
        assertRefused(cli("provider", "import", Long.toString(providerNamed("down"))), "did not answer");
        assertRefused(cli("provider", "add", "down", "--url", "http://127.0.0.1:1/api/v2", "--key", "k"), "exists already");
    }

    @Test void a_manual_order_is_not_for_the_failed_order_commands() {
        long service = reseller.service(ServiceType.DEFAULT, "1", 10, 1000);
        var c = reseller.customer("10");
        long order = reseller.call(c.key(), "action", "add", "service", Long.toString(service), "link", "https://example.com/m", "quantity", "100")
                .get("order").asLong();
        assertThat(reseller.panel.orders.find(order).orElseThrow().stage()).isEqualTo(Stage.MANUAL);
        assertRefused(cli("provider", "resend", Long.toString(order)), "is not in Fail (stage MANUAL)");
        assertRefused(cli("provider", "fail-refund", Long.toString(order)), "is not in Fail");
        assertThat(cli("provider", "failed").out()).contains("No failed orders.");
    }

    static void assertRefused(Run run, String message) {
        assertThat(run.exit()).as(run.err()).isNotZero();
        assertThat(run.err()).contains(message);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    }
}
