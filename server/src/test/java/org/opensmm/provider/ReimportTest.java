package org.opensmm.provider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.account.Actor;
import org.opensmm.catalog.ServiceType;
import org.opensmm.fulfil.Upstreams.MovableClock;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled re-import against a real provider panel: a failure is retried after a short back-off, one node at a time. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReimportTest {
    static final Actor OPERATOR = new Actor.Cli("test");
    static TestPanel wholesaler, reseller;
    static TestPanel.Customer account;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        wholesaler.service(ServiceType.DEFAULT, "0.5", 10, 1000);
        account = wholesaler.customer("10");
        reseller = TestPanel.start();
    }

    @AfterAll static void stop() {
        reseller.close();
        wholesaler.close();
    }

    private static long provider(String url) {
        long id = reseller.panel.providers.add(OPERATOR, "Scheduled " + System.nanoTime(), url, account.key(), Provider.AddErrorPolicy.RETRY, 4).id();
        reseller.panel.db.inTransaction(tx -> tx.update("UPDATE provider SET reimport_hours = 6 WHERE id = ?", id));
        return id;
    }

    private static void point(long provider, String url) { reseller.panel.providers.relocate(OPERATOR, provider, url); }

    @Test void a_failed_import_is_tried_again_after_the_back_off_not_hours_later_and_only_a_success_counts_as_imported() {
        var clock = new MovableClock();
        var reimport = new Reimport(reseller.panel.db, reseller.panel.upstreamCatalog, clock);
        long provider = provider("http://127.0.0.1:1/api/v2"); // nothing listens there

        assertThat(reimport.runDue()).doesNotContain(provider);
        assertThat(reimport.schedule(provider).importedAt()).isNull(); // a failure is not an import

        point(provider, wholesaler.api.toString());
        assertThat(reimport.runDue()).doesNotContain(provider); // still backing off
        clock.advance(Reimport.RETRY.plusSeconds(1));
        assertThat(reimport.runDue()).contains(provider);
        assertThat(reimport.schedule(provider).importedAt()).isNotNull();
        assertThat(reseller.panel.upstreamCatalog.services(provider)).isNotEmpty();

        clock.advance(Reimport.RETRY.plusSeconds(1));
        assertThat(reimport.runDue()).doesNotContain(provider); // imported: next due in 6 hours
        clock.advance(Duration.ofHours(6));
        assertThat(reimport.runDue()).contains(provider);
    }

    @Test void two_nodes_due_at_once_import_a_provider_once() throws Exception {
        long provider = provider(wholesaler.api.toString());
        var one = new Reimport(reseller.panel.db, reseller.panel.upstreamCatalog, java.time.Clock.systemUTC());
        var two = new Reimport(reseller.panel.db, reseller.panel.upstreamCatalog, java.time.Clock.systemUTC());
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Callable<List<Long>>> ticks = List.of(one::runDue, two::runDue);
            var imported = pool.invokeAll(ticks).stream().map(f -> {
                try {
                    return f.get(1, TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).filter(ids -> ids.contains(provider)).count();
            assertThat(imported).isEqualTo(1);
        }
        assertThat(org.opensmm.account.Audit.list(reseller.panel.db, "engine:reimport", "provider:" + provider, 10)).hasSize(1);
    }
}
