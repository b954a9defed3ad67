package org.opensmm.provider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Audit;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operator change to providers and mappings leaves one audit row, written in the change's own transaction. */
class ProviderAuditTest {
    static TestPanel wholesaler, reseller;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        reseller = ProviderCommandTest.reseller = TestPanel.start();
    }

    @AfterAll static void stop() {
        reseller.close();
        wholesaler.close();
    }

    @Test void a_cli_map_leaves_exactly_one_audit_row_with_who_what_before_and_after() {
        long likes = wholesaler.service(ServiceType.PACKAGE, "2.00", 1, 1);
        var account = wholesaler.customer("10");
        assertThat(ProviderCommandTest.cli("provider", "add", "audited", "--url", wholesaler.api.toString(), "--key", account.key()).exit()).isZero();
        long provider = ProviderCommandTest.providerNamed("audited");
        assertThat(ProviderCommandTest.cli("provider", "import", Long.toString(provider)).exit()).isZero();
        assertThat(Audit.list(reseller.panel.db, null, "provider:" + provider, 10)).extracting(Audit.Entry::action)
                .containsExactly("provider.import", "provider.add");

        long manual = reseller.service(ServiceType.PACKAGE, "5", 1, 1);
        var mapped = ProviderCommandTest.cli("provider", "map", Long.toString(manual), Long.toString(provider), Long.toString(likes), "--rate", "2.60");
        assertThat(mapped.exit()).as(mapped.err()).isZero();

        var rows = Audit.list(reseller.panel.db, null, "service:" + manual, 10);
        assertThat(rows).hasSize(1);
        Audit.Entry row = rows.getFirst();
        assertThat(row.actor()).isEqualTo(new org.opensmm.account.Actor.Cli(System.getProperty("user.name", "unknown")).describe());
        assertThat(row.action()).isEqualTo("service.map");
        assertThat(row.before()).contains("\"mapping\":\"none\"", "\"rate\"");
        assertThat(row.after()).contains("\"provider\":" + provider, "\"upstreamService\":" + likes, "rate 2.60");

        assertThat(ProviderCommandTest.cli("provider", "unmap", Long.toString(manual)).exit()).isZero();
        assertThat(Audit.list(reseller.panel.db, null, "service:" + manual, 10)).extracting(Audit.Entry::action)
                .containsExactly("service.unmap", "service.map");

        var created = ProviderCommandTest.cli("provider", "create-service", Long.toString(provider), Long.toString(likes), "--markup", "10");
        assertThat(created.exit()).as(created.err()).isZero();
        long ours = reseller.panel.mappings.all().stream().filter(m -> m.upstreamService() == likes).findFirst().orElseThrow().serviceId();
        assertThat(Audit.list(reseller.panel.db, null, "service:" + ours, 10)).extracting(Audit.Entry::action).containsExactly("service.create");
    }

    @Test void a_post_to_a_subscription_leaves_one_audit_row_with_its_charge() {
        long subs = reseller.service(ServiceType.SUBSCRIPTIONS, "2.00", 100, 1000);
        var fan = reseller.customer("1");
        long order = reseller.call(fan.key(), "action", "add", "service", Long.toString(subs), "username", "someone",
                "min", "100", "max", "200", "delay", "0").get("order").asLong();
        reseller.panel.orders.applyStatus(order, org.opensmm.order.Status.ACTIVE, null, null);
        var who = new org.opensmm.account.Actor.Cli("poster");

        long post = reseller.panel.subscriptions.post(who, order, 150).orElseThrow().id();

        var rows = Audit.list(reseller.panel.db, who.describe(), "order:" + order, 10);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().action()).isEqualTo("subscription.post");
        assertThat(rows.getFirst().after()).contains("\"post\":" + post, "\"quantity\":150", "\"charge\":\"0.3\"");
    }
}
